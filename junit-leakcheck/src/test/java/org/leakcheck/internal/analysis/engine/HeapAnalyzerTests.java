package org.leakcheck.internal.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;
import org.leakcheck.internal.analysis.Probe;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.analysis.Worker;

/**
 * Verdicts, paths and retained sizes on real dumps of this JVM. Tests run in parallel: each uses
 * its own holder class, its own serials and marker request, and ignores its own thread's stack (as
 * the extension does after a test) so that its locals do not count as roots.
 */
class HeapAnalyzerTests {

  // ---------------------------------------------------------------- fixtures

  static TrackedVerdict analyze(Probe probe, Path dir, long serial) throws IOException {
    return analyze(probe.request(Probe.dump(dir, true)).build(), serial);
  }

  static TrackedVerdict analyze(AnalysisRequest request, long serial) throws IOException {
    AnalysisResult result = HeapAnalyzer.analyze(request);
    assertThat(result.bySerial()).containsKey(serial);
    assertThat(result.objectCount()).isPositive();
    return result.bySerial().get(serial);
  }

  static List<PathStep> steps(TrackedVerdict verdict) {
    assertThat(verdict.verdict()).isEqualTo(Verdict.STRONGLY_REACHABLE);
    return verdict.path().orElseThrow().steps();
  }

  static PathStep last(List<PathStep> steps, int fromEnd) {
    return steps.get(steps.size() - 1 - fromEnd);
  }

  static String unique(String prefix) {
    return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  // ---------------------------------------------------------------- static fields

  static final class Registry {
    static final Map<String, Worker> REGISTRY = new HashMap<>();
  }

  @Test
  void staticHashMapPathNamesTheFieldTheTableTheKeyAndTheValue(@TempDir Path dir)
      throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    String key = unique("alice");
    Worker alice = new Worker(key);
    long serial = probe.track(alice);
    synchronized (Registry.REGISTRY) {
      Registry.REGISTRY.put(key, alice);
    }
    try {
      TrackedVerdict verdict = analyze(probe, dir, serial);
      List<PathStep> steps = steps(verdict);
      assertThat(verdict.className()).isEqualTo(Worker.class.getName());
      assertThat(verdict.path().orElseThrow().root().kind())
          .isIn(GcRoot.Kind.CLASS, GcRoot.Kind.SYSTEM_CLASS);

      PathStep holderClass = last(steps, 4);
      assertThat(holderClass.className()).isEqualTo("java.lang.Class");
      assertThat(holderClass.summary()).isEqualTo(Registry.class.getName());
      assertThat(last(steps, 3))
          .extracting(
              PathStep::className, PathStep::edgeKind, PathStep::edgeName, PathStep::declaringClass)
          .containsExactly(
              "java.util.HashMap", EdgeKind.STATIC_FIELD, "REGISTRY", Registry.class.getName());
      assertThat(last(steps, 2))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::edgeName)
          .containsExactly("java.util.HashMap$Node[]", EdgeKind.FIELD, "table");
      PathStep node = last(steps, 1);
      assertThat(node.className()).isEqualTo("java.util.HashMap$Node");
      assertThat(node.edgeKind()).isEqualTo(EdgeKind.ARRAY_ELEMENT);
      assertThat(node.arrayIndex()).isNotNegative();
      assertThat(node.summary()).isEqualTo("key=\"" + key + "\"");
      PathStep leaked = last(steps, 0);
      assertThat(leaked)
          .extracting(
              PathStep::className,
              PathStep::edgeKind,
              PathStep::edgeName,
              PathStep::declaringClass,
              PathStep::objectId)
          .containsExactly(
              Worker.class.getName(),
              EdgeKind.FIELD,
              "value",
              "java.util.HashMap$Node",
              verdict.objectId());
      assertThat(steps.get(0).edgeKind()).isEqualTo(EdgeKind.ROOT);
      assertThat(leaked.shallowSize()).isIn(24L, 32L);
    } finally {
      synchronized (Registry.REGISTRY) {
        Registry.REGISTRY.remove(key);
      }
      probe.release();
    }
  }

  static final class Slots {
    static final Object[] SLOTS = new Object[8];
  }

  @Test
  void staticArrayElement(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker worker = new Worker("slot");
    long serial = probe.track(worker);
    Slots.SLOTS[5] = worker;
    try {
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 1))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::edgeName)
          .containsExactly("java.lang.Object[]", EdgeKind.STATIC_FIELD, "SLOTS");
      assertThat(last(steps, 0))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::arrayIndex)
          .containsExactly(Worker.class.getName(), EdgeKind.ARRAY_ELEMENT, 5);
    } finally {
      Slots.SLOTS[5] = null;
      probe.release();
    }
  }

  /** An outer object whose anonymous listener, registered statically, keeps it alive. */
  static final class Screen {
    final String title = "screen";

    Runnable listener() {
      return new Runnable() {
        @Override
        public void run() {
          System.out.println(title);
        }
      };
    }
  }

  static final class Listeners {
    static Runnable listener;
  }

  @Test
  void anonymousInnerClassKeepsItsOuterInstance(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Screen screen = new Screen();
    long serial = probe.track(screen);
    Listeners.listener = screen.listener();
    try {
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 1))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::edgeName)
          .containsExactly(Screen.class.getName() + "$1", EdgeKind.STATIC_FIELD, "listener");
      assertThat(last(steps, 0))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::edgeName)
          .containsExactly(Screen.class.getName(), EdgeKind.FIELD, "this$0");
    } finally {
      Listeners.listener = null;
      probe.release();
    }
  }

  static final class Callbacks {
    static Runnable callback;
  }

  @Test
  void lambdaCapturingTheObjectKeepsItsHiddenClassName(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker worker = new Worker("captured");
    long serial = probe.track(worker);
    Runnable callback = () -> System.out.println(worker.name);
    Callbacks.callback = callback;
    // HotSpot names hidden classes Foo$$Lambda+0x... in dumps, where getName() shows a '/'
    String dumpName = callback.getClass().getName().replace('/', '+');
    try {
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 1))
          .extracting(PathStep::className, PathStep::edgeKind, PathStep::edgeName)
          .containsExactly(dumpName, EdgeKind.STATIC_FIELD, "callback");
      assertThat(last(steps, 0))
          .extracting(PathStep::edgeKind, PathStep::declaringClass)
          .containsExactly(EdgeKind.FIELD, dumpName);
    } finally {
      Callbacks.callback = null;
      probe.release();
    }
  }

  // ---------------------------------------------------------------- threads

  static final class Locals {
    static final ThreadLocal<Object> CONTEXT = new ThreadLocal<>();
  }

  @Test
  void threadLocalOnALiveThreadIsRootedAtTheThread(@TempDir Path dir) throws Exception {
    Probe probe = new Probe().ignoreThisThreadsStack();
    String threadName = unique("worker-thread");
    AtomicReference<Long> serial = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread thread =
        new Thread(
            () -> {
              serial.set(installThreadLocal(probe));
              ready.countDown();
              awaitQuietly(release);
              Locals.CONTEXT.remove();
            },
            threadName);
    thread.start();
    try {
      ready.await();
      TrackedVerdict verdict = analyze(probe, dir, serial.get());
      HeapPath path = verdict.path().orElseThrow();
      assertThat(path.root().kind()).isEqualTo(GcRoot.Kind.THREAD_OBJECT);
      assertThat(path.root().threadName()).isEqualTo(threadName);
      assertThat(path.steps().get(0).summary()).isEqualTo("\"" + threadName + "\"");
      assertThat(path.steps())
          .extracting(PathStep::edgeName)
          .contains("threadLocals", "table", "value");
      PathStep entry = last(path.steps(), 1);
      assertThat(entry.className()).isEqualTo("java.lang.ThreadLocal$ThreadLocalMap$Entry");
      assertThat(entry.summary())
          .as("the static field holding the ThreadLocal")
          .isEqualTo("key=" + Locals.class.getName() + ".CONTEXT");
      assertThat(last(path.steps(), 0).edgeName()).isEqualTo("value");
    } finally {
      release.countDown();
      thread.join();
      probe.release();
    }
  }

  private static long installThreadLocal(Probe probe) {
    Worker worker = new Worker("in a thread-local");
    Locals.CONTEXT.set(worker);
    synchronized (probe) {
      return probe.track(worker);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void localVariableOfAParkedThreadIsAJavaFrameRoot(@TempDir Path dir) throws Exception {
    Probe probe = new Probe().ignoreThisThreadsStack();
    String threadName = unique("parked");
    AtomicReference<Long> serial = new AtomicReference<>();
    AtomicInteger line = new AtomicInteger();
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread thread = new Thread(() -> holdLocal(probe, serial, line, ready, release), threadName);
    thread.start();
    try {
      ready.await();
      // parked in awaitQuietly, not still returning from countDown (the frame's line tells)
      while (thread.getState() != Thread.State.WAITING) {
        Thread.onSpinWait();
      }
      TrackedVerdict verdict = analyze(probe, dir, serial.get());
      HeapPath path = verdict.path().orElseThrow();
      assertThat(path.root().kind()).isEqualTo(GcRoot.Kind.JAVA_FRAME);
      assertThat(path.root().threadName()).isEqualTo(threadName);
      assertThat(path.root().frame())
          .extracting(
              GcRoot.Frame::className,
              GcRoot.Frame::methodName,
              GcRoot.Frame::sourceFile,
              GcRoot.Frame::line)
          .containsExactly(
              HeapAnalyzerTests.class.getName(), "holdLocal", "HeapAnalyzerTests.java", line.get());
      assertThat(path.steps()).hasSize(1);
      assertThat(path.steps().get(0).className()).isEqualTo(Worker.class.getName());
    } finally {
      release.countDown();
      thread.join();
      probe.release();
    }
  }

  private static void holdLocal(
      Probe probe,
      AtomicReference<Long> serial,
      AtomicInteger line,
      CountDownLatch ready,
      CountDownLatch release) {
    Worker local = new Worker("local");
    synchronized (probe) {
      serial.set(probe.track(local));
    }
    line.set(new Throwable().getStackTrace()[0].getLineNumber() + 2);
    ready.countDown();
    awaitQuietly(release);
    Reference.reachabilityFence(local);
  }

  @Test
  void theCheckingThreadsOwnStackDoesNotCount(@TempDir Path dir) throws Exception {
    // on a thread of its own: this test's thread runs JUnit, whose stacks are never user roots
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread checking =
        new Thread(
            () -> {
              try {
                checkOwnStack(dir);
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            unique("checking"));
    checking.start();
    checking.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  private static void checkOwnStack(Path dir) throws IOException {
    Probe probe = new Probe();
    Worker local = new Worker("local of the checking thread");
    long serial = probe.track(local);
    Path dump = Probe.dump(dir, true);
    try {
      TrackedVerdict counted = analyze(probe.request(dump).build(), serial);
      assertThat(counted.verdict()).isEqualTo(Verdict.STRONGLY_REACHABLE);
      assertThat(counted.path().orElseThrow().root().kind()).isEqualTo(GcRoot.Kind.JAVA_FRAME);

      probe.ignoreThisThreadsStack();
      Path second = Probe.dump(dir, true);
      assertThat(analyze(probe.request(second).build(), serial).verdict())
          .isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
    } finally {
      Reference.reachabilityFence(local);
      probe.release();
    }
  }

  @Test
  void theStackOfAThreadRunningJUnitDoesNotCount(@TempDir Path dir) throws IOException {
    Probe probe = new Probe(); // this thread's stack is not ignored, but it runs JUnit
    Worker local = new Worker("local of a JUnit thread");
    long serial = probe.track(local);
    try {
      assertThat(analyze(probe, dir, serial).verdict()).isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
    } finally {
      Reference.reachabilityFence(local);
      probe.release();
    }
  }

  // ---------------------------------------------------------------- not leaks

  static final class WeakHolders {
    static final Map<Long, Reference<Object>> HELD = new ConcurrentHashMap<>();
  }

  @Test
  void heldOnlyByAWeakReferenceIsNotALeak(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker worker = new Worker("weak");
    long serial = probe.track(worker);
    WeakHolders.HELD.put(serial, new WeakReference<>(worker));
    try {
      // not a live dump: a live dump's GC would clear the weak reference and collect the object
      Path dump = Probe.dump(dir, false);
      assertThat(analyze(probe.request(dump).build(), serial).verdict())
          .isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
    } finally {
      Reference.reachabilityFence(worker);
      WeakHolders.HELD.remove(serial);
      probe.release();
    }
  }

  @Test
  void heldOnlyByASoftReferenceIsNotALeak(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    long serial = trackSoftlyHeld(probe);
    try {
      TrackedVerdict verdict = analyze(probe, dir, serial);
      assertThat(verdict.verdict()).isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
      assertThat(verdict.className()).isEqualTo(Worker.class.getName());
    } finally {
      WeakHolders.HELD.remove(serial);
      probe.release();
    }
  }

  private static long trackSoftlyHeld(Probe probe) {
    Worker worker = new Worker("soft");
    long serial = probe.track(worker);
    WeakHolders.HELD.put(serial, new SoftReference<>(worker));
    return serial;
  }

  /** Stands for a test instance: JUnit holds it until after the test. */
  static final class FakeTestInstance {
    Worker field;
  }

  static final class Engine {
    static final Map<Long, Object> INSTANCES = new ConcurrentHashMap<>();
  }

  @Test
  void heldOnlyByAnExcludedObjectIsNotALeak(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    FakeTestInstance instance = new FakeTestInstance();
    instance.field = new Worker("in a test instance field");
    long serial = probe.track(instance.field);
    Engine.INSTANCES.put(serial, instance);
    try {
      Path dump = Probe.dump(dir, true);
      TrackedVerdict unmarked = analyze(probe.request(dump).build(), serial);
      assertThat(last(steps(unmarked), 0).edgeName()).isEqualTo("field");

      probe.exclude(instance);
      Path second = Probe.dump(dir, true);
      assertThat(analyze(probe.request(second).build(), serial).verdict())
          .isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
    } finally {
      Engine.INSTANCES.remove(serial);
      probe.release();
    }
  }

  /** Its name is given as an excluded prefix, like {@code org.junit.}. */
  static final class FrameworkStatics {
    static final Map<Long, Object> HELD = new ConcurrentHashMap<>();
  }

  @Test
  void heldOnlyByExcludedClassesIsNotALeak(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker worker = new Worker("framework-held");
    long serial = probe.track(worker);
    FrameworkStatics.HELD.put(serial, worker);
    try {
      Path dump = Probe.dump(dir, true);
      assertThat(analyze(probe.request(dump).build(), serial).verdict())
          .isEqualTo(Verdict.STRONGLY_REACHABLE);
      AnalysisRequest excluding =
          probe
              .request(dump)
              .excludedClassPrefixes(List.of("org.junit.", FrameworkStatics.class.getName()))
              .build();
      assertThat(analyze(excluding, serial).verdict()).isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
    } finally {
      FrameworkStatics.HELD.remove(serial);
      probe.release();
    }
  }

  static final class UserStatics {
    static final Map<Long, Object> HELD = new ConcurrentHashMap<>();
  }

  @Test
  void aJUnitValueTypeInAUserStaticIsALeak(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    long serial = holdNamed(probe);
    try {
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 1).className()).startsWith("org.junit.jupiter.api.Named");
      assertThat(last(steps, 0).className()).isEqualTo(Worker.class.getName());
    } finally {
      UserStatics.HELD.remove(serial);
      probe.release();
    }
  }

  /**
   * A concurrent test's code on a JUnit thread holds the user static itself (as {@code
   * HELD.add(Arguments.of(..))} does on its operand stack): what a test's frames hold is the
   * test's, so the JUnit value type the static holds is not the infrastructure's.
   */
  @Test
  void aJUnitValueTypeInAUserStaticIsALeakWhileTestCodeOnAJUnitThreadHoldsTheStatic(
      @TempDir Path dir) throws Exception {
    Probe probe = new Probe().ignoreThisThreadsStack();
    long serial = holdNamed(probe);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    // assertTimeoutPreemptively runs the executable on a thread of its own, below JUnit's frames.
    Thread caller =
        new Thread(
            () ->
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofMinutes(2),
                    () -> {
                      Map<Long, Object> held = UserStatics.HELD;
                      started.countDown();
                      release.await();
                      Reference.reachabilityFence(held);
                    }),
            "concurrent-test");
    caller.start();
    try {
      started.await();
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 1).className()).startsWith("org.junit.jupiter.api.Named");
      assertThat(last(steps, 0).className()).isEqualTo(Worker.class.getName());
    } finally {
      release.countDown();
      caller.join();
      UserStatics.HELD.remove(serial);
      probe.release();
    }
  }

  /** Not in a local of this thread: what the stack of a JUnit thread holds is JUnit's. */
  private static long holdNamed(Probe probe) {
    Worker worker = new Worker("named");
    long serial = probe.track(worker);
    UserStatics.HELD.put(serial, org.junit.jupiter.api.Named.of("w", worker));
    return serial;
  }

  @Test
  void aTestInstanceHeldByAUserStaticIsReportedAndWhatItHoldsIsNot(@TempDir Path dir)
      throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    FakeTestInstance instance = new FakeTestInstance();
    instance.field = new Worker("in a retained test instance");
    long serial = probe.track(instance.field);
    probe.markTestInstance(instance);
    UserStatics.HELD.put(serial, instance);
    try {
      AnalysisResult result = HeapAnalyzer.analyze(probe.request(Probe.dump(dir, true)).build());
      assertThat(result.bySerial().get(serial).verdict()).isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
      assertThat(result.retainedTestInstances()).hasSize(1);
      RetainedTestInstance retained = result.retainedTestInstances().get(0);
      assertThat(retained.markerRequest()).isEqualTo(probe.request);
      assertThat(retained.className()).isEqualTo(FakeTestInstance.class.getName());
      assertThat(last(retained.path().steps(), 0).className())
          .isEqualTo(FakeTestInstance.class.getName());

      UserStatics.HELD.remove(serial);
      AnalysisResult released = HeapAnalyzer.analyze(probe.request(Probe.dump(dir, true)).build());
      assertThat(released.retainedTestInstances()).isEmpty();
    } finally {
      UserStatics.HELD.remove(serial);
      probe.release();
    }
  }

  @Test
  void eachGroupOfASharedDumpSeesOnlyItsOwnMarkers(@TempDir Path dir) throws IOException {
    Probe mine = new Probe().ignoreThisThreadsStack();
    Probe other = new Probe().ignoreThisThreadsStack();
    FakeTestInstance instance = new FakeTestInstance();
    instance.field = new Worker("held by my instance");
    long mySerial = mine.track(instance.field);
    long otherSerial = other.track(instance.field);
    mine.markTestInstance(instance);
    UserStatics.HELD.put(mySerial, instance);
    try {
      AnalysisRequest request =
          AnalysisRequest.builder(Probe.dump(dir, true))
              .group(mine.request, java.util.Set.of(mySerial))
              .group(other.request, java.util.Set.of(otherSerial))
              .build();
      AnalysisResult result = HeapAnalyzer.analyze(request);
      assertThat(result.bySerial().get(mySerial).verdict())
          .as("my test instance: a warning, not a leak")
          .isEqualTo(Verdict.NOT_STRONGLY_REACHABLE);
      assertThat(result.bySerial().get(otherSerial).verdict())
          .as("for another test, my instance is a plain object held by a static")
          .isEqualTo(Verdict.STRONGLY_REACHABLE);
      assertThat(result.retainedTestInstances())
          .extracting(RetainedTestInstance::markerRequest)
          .containsExactly(mine.request);
    } finally {
      UserStatics.HELD.remove(mySerial);
      mine.release();
      other.release();
    }
  }

  /** A cache value that refers back to its own key. */
  static final class Session {
    final Object key;

    Session(Object key) {
      this.key = key;
    }
  }

  static final class Sessions {
    static final Map<Object, Session> CACHE = new WeakHashMap<>();
  }

  @Test
  void weakHashMapValueReferringToItsKeyLeaksTheKey(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker key = new Worker(unique("session-key"));
    long serial = probe.track(key);
    synchronized (Sessions.CACHE) {
      Sessions.CACHE.put(key, new Session(key));
    }
    try {
      List<PathStep> steps = steps(analyze(probe, dir, serial));
      assertThat(last(steps, 0).edgeName()).isEqualTo("key");
      assertThat(last(steps, 1))
          .extracting(PathStep::className, PathStep::edgeName)
          .containsExactly(Session.class.getName(), "value");
      assertThat(last(steps, 2).className()).isEqualTo("java.util.WeakHashMap$Entry");
      assertThat(last(steps, 2).summary())
          .as("a key no static field holds: its class, never an address")
          .isEqualTo("key=a Worker");
    } finally {
      synchronized (Sessions.CACHE) {
        Sessions.CACHE.remove(key);
      }
      probe.release();
    }
  }

  static final class Node {
    Node next;
  }

  @Test
  void garbageCycleIsNotInTheDump(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    long serial = trackGarbageCycle(probe);
    try {
      TrackedVerdict verdict = analyze(probe, dir, serial);
      assertThat(verdict.verdict()).isEqualTo(Verdict.NOT_IN_DUMP);
      assertThat(verdict.path()).isEmpty();
      assertThat(verdict.className()).isNull();
    } finally {
      probe.release();
    }
  }

  private static long trackGarbageCycle(Probe probe) {
    Node a = new Node();
    Node b = new Node();
    a.next = b;
    b.next = a;
    return probe.track(a);
  }

  @Test
  void unknownSerialIsNotInTheDump(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    AnalysisRequest request = probe.request(Probe.dump(dir, true)).track(-42).build();
    assertThat(analyze(request, -42).verdict()).isEqualTo(Verdict.NOT_IN_DUMP);
    probe.release();
  }

  @Test
  void corruptedDumpGivesAVerdictOrAReadableReason(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    long serial = probe.track(Slots.SLOTS);
    Path dump = Probe.dump(dir, true);
    // Damaged in place on a copy: the test JVM's dump can be larger than a byte array can hold.
    long length = java.nio.file.Files.size(dump);
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 8; round++) {
      Path file = dir.resolve("damaged-" + round + ".hprof");
      java.nio.file.Files.copy(dump, file);
      try (java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
        for (int i = 0; i < 64; i++) {
          long at = 31 + (long) (random.nextDouble() * (length - 31));
          channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) random.nextInt()}), at);
        }
      }
      try {
        assertThat(HeapAnalyzer.analyze(probe.request(file).build()).bySerial())
            .containsKey(serial);
      } catch (org.leakcheck.internal.heap.HprofFormatException e) {
        assertThat(e.getMessage())
            .startsWith("the heap dump could not be read: ")
            .doesNotContain("\n");
      } finally {
        java.nio.file.Files.delete(file);
      }
    }
    probe.release();
  }

  // ---------------------------------------------------------------- retained size

  static final class Item {
    int value;
  }

  static final class Owner {
    final Object[] items = new Object[10];
  }

  static final class Owners {
    static final Map<Long, Object> HELD = new ConcurrentHashMap<>();
  }

  @Test
  void retainedSizeCountsTheObjectsOnlyTheLeakedObjectHolds(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Owner owner = new Owner();
    for (int i = 0; i < owner.items.length; i++) {
      owner.items[i] = new Item();
    }
    long serial = probe.track(owner);
    Owners.HELD.put(serial, owner);
    try {
      Path dump = Probe.dump(dir, true);
      TrackedVerdict verdict = analyze(probe.request(dump).build(), serial);
      // Owner (16 + 4 -> 24) + Object[10] (16 + 40 -> 56) + 10 Items (16 + 4 -> 24 each)
      assertThat(verdict.retainedObjects()).isEqualTo(12);
      assertThat(verdict.retainedBytes()).isEqualTo(24 + 56 + 10 * 24);

      Owners.HELD.put(-serial, owner.items[3]); // shared: no longer retained by the owner alone
      Path second = Probe.dump(dir, true);
      TrackedVerdict shared = analyze(probe.request(second).build(), serial);
      assertThat(shared.retainedObjects()).isEqualTo(11);

      AnalysisRequest noSizes = probe.request(second).retainedSizes(false).build();
      assertThat(analyze(noSizes, serial))
          .extracting(TrackedVerdict::retainedBytes, TrackedVerdict::retainedObjects)
          .containsExactly(-1L, -1L);
    } finally {
      Owners.HELD.remove(serial);
      Owners.HELD.remove(-serial);
      probe.release();
    }
  }

  @Test
  void severalSerialsInOneRequest(@TempDir Path dir) throws IOException {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker kept = new Worker("kept");
    long keptSerial = probe.track(kept);
    long goneSerial = trackGarbageCycle(probe);
    Owners.HELD.put(keptSerial, kept);
    try {
      AnalysisResult result = HeapAnalyzer.analyze(probe.request(Probe.dump(dir, true)).build());
      assertThat(result.bySerial().values())
          .extracting(TrackedVerdict::serial, TrackedVerdict::verdict)
          .containsExactlyInAnyOrder(
              tuple(keptSerial, Verdict.STRONGLY_REACHABLE),
              tuple(goneSerial, Verdict.NOT_IN_DUMP));
      assertThat(result.readTime()).isPositive();
      assertThat(result.searchTime()).isPositive();
    } finally {
      Owners.HELD.remove(keptSerial);
      probe.release();
    }
  }
}
