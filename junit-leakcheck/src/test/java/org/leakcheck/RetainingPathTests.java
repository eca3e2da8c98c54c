package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.lang.ref.Cleaner;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.leakcheck.corpus.Plugin;

/**
 * Leak scenarios with known retaining paths, and objects that survive the test but are not leaks.
 * Assertions are on the named GC root and the tail of the path: the part near the root differs
 * between JDKs.
 */
class RetainingPathTests {

  static final class Worker {
    final String name;

    Worker(String name) {
      this.name = name;
    }
  }

  static LeakDetectedError leakOf(Class<?> fixture) {
    Throwable failure = onlyFailure(run(fixture));
    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    return (LeakDetectedError) failure;
  }

  static RetainingPath onlyPath(LeakDetectedError error) {
    assertThat(error.leakedObjects()).hasSize(1);
    return error
        .leakedObjects()
        .get(0)
        .retainingPath()
        .orElseThrow(() -> new AssertionError(error.getMessage()));
  }

  /** The rendered message shows {@code root} and ends the path at the leaked object. */
  static void assertRendered(
      LeakDetectedError error, String root, String leakedClass, String reference) {
    assertThat(error.getMessage())
        .contains("GC root: " + root)
        .containsPattern(
            "╰→ "
                + java.util.regex.Pattern.quote(leakedClass)
                + " +"
                + java.util.regex.Pattern.quote(reference)
                + " +<- leaked");
  }

  static String lastClass(RetainingPath path) {
    return path.steps().get(path.steps().size() - 1).className();
  }

  @Nested
  class Leaks {

    @Test
    void staticMapIsTheRootAndTheKeyIsShown() {
      LeakDetectedError error = leakOf(StaticMapTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .isEqualTo("static field " + StaticMapTestCase.class.getName() + ".REGISTRY");
      assertThat(path.root().kind()).isEqualTo(RetainingPath.Root.Kind.STATIC_FIELD);
      assertThat(path.root().className()).hasValue(StaticMapTestCase.class.getName());
      assertThat(path.root().fieldName()).hasValue("REGISTRY");
      assertThat(path.steps().get(0).className()).isEqualTo("java.util.HashMap");
      assertThat(path.steps().get(0).kind()).isEqualTo(RetainingPath.Step.Kind.ROOT);
      assertThat(path.steps().get(1).kind()).isEqualTo(RetainingPath.Step.Kind.FIELD);
      assertThat(path.steps().get(1).fieldName()).hasValue("table");
      assertThat(path.steps().get(1).declaringClass()).hasValue("java.util.HashMap");
      assertThat(path.steps().get(2).kind()).isEqualTo(RetainingPath.Step.Kind.ARRAY_ELEMENT);
      assertThat(path.steps().get(2).index()).isPresent();
      assertThat(lastClass(path)).isEqualTo(Worker.class.getName());
      assertThat(error.getMessage())
          .contains("GC root: static field " + StaticMapTestCase.class.getName() + ".REGISTRY")
          .containsPattern(
              "╰→ "
                  + quote(Worker.class.getName())
                  + " +\\[\"Alice\"] +<- leaked \\(retains \\d+ B in \\d+ objects?\\)");
      assertThat(error.leakedObjects().get(0).retainedBytes().orElseThrow()).isPositive();
    }

    @Test
    void anonymousListenerHoldsItsOuterObjectThroughThis0() {
      LeakDetectedError error = leakOf(AnonymousListenerTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .isEqualTo("static field " + AnonymousListenerTestCase.class.getName() + ".LISTENERS");
      List<RetainingPath.Step> steps = path.steps();
      assertThat(steps.get(steps.size() - 2).className()).isEqualTo(Screen.class.getName() + "$1");
      assertThat(steps.get(steps.size() - 1).reference()).isEqualTo(".this$0");
      assertThat(lastClass(path)).isEqualTo(Screen.class.getName());
      assertRendered(error, path.root().description(), Screen.class.getName(), ".this$0");
      assertThat(error.getMessage())
          .contains(Screen.class.getName() + "$1 (anonymous class in RetainingPathTests$Screen)");
    }

    @Test
    void threadLocalOfTheTestThreadIsNamedAsSuch() {
      LeakDetectedError error = leakOf(ThreadLocalTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .startsWith(
              "thread-local " + ThreadLocalTestCase.class.getName() + ".CURRENT of thread \"");
      assertThat(path.root().kind()).isEqualTo(RetainingPath.Root.Kind.THREAD_LOCAL);
      assertThat(path.root().threadName()).isPresent();
      assertThat(lastClass(path)).isEqualTo(Worker.class.getName());
      assertRendered(
          error, path.root().description(), Worker.class.getName(), "(ThreadLocal value)");
    }

    @Test
    void localVariableOfALiveThreadNamesTheThreadAndTheFrame() {
      LeakDetectedError error = leakOf(LiveThreadLocalTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .startsWith(
              "local variable in thread \"leak-holder\", frame "
                  + LiveThreadLocalTestCase.class.getName()
                  + ".hold(RetainingPathTests.java:");
      assertThat(path.root().kind()).isEqualTo(RetainingPath.Root.Kind.LOCAL_VARIABLE);
      assertThat(path.root().threadName()).hasValue("leak-holder");
      assertThat(path.root().frame())
          .hasValueSatisfying(
              frame -> {
                assertThat(frame.getClassName()).isEqualTo(LiveThreadLocalTestCase.class.getName());
                assertThat(frame.getMethodName()).isEqualTo("hold");
                assertThat(frame.getFileName()).isEqualTo("RetainingPathTests.java");
              });
      assertThat(path.steps()).hasSize(1);
      assertThat(lastClass(path)).isEqualTo(Worker.class.getName());
      assertRendered(error, path.root().description(), Worker.class.getName(), "(local variable)");
    }

    @Test
    void lambdaCaptureIsShownAsALambdaOfItsDeclaringClass() {
      LeakDetectedError error = leakOf(LambdaCaptureTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .isEqualTo("static field " + LambdaCaptureTestCase.class.getName() + ".CALLBACKS");
      assertThat(path.steps().get(path.steps().size() - 2).className()).contains("$$Lambda");
      assertThat(error.getMessage()).contains("lambda in " + LambdaCaptureTestCase.class.getName());
    }

    @Test
    void weakHashMapValueReferringToItsKeyIsALeak() {
      LeakDetectedError error = leakOf(WeakHashMapTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .isEqualTo("static field " + WeakHashMapTestCase.class.getName() + ".CACHE");
      List<RetainingPath.Step> steps = path.steps();
      assertThat(steps.get(steps.size() - 1).reference()).isEqualTo(".worker");
      assertThat(steps.get(steps.size() - 2).className()).isEqualTo(Profile.class.getName());
      assertThat(steps.get(steps.size() - 2).reference()).isEqualTo(".value");
      assertRendered(error, path.root().description(), Worker.class.getName(), ".worker");
    }

    @Test
    void staticArrayShowsTheIndex() {
      LeakDetectedError error = leakOf(StaticArrayTestCase.class);
      RetainingPath path = onlyPath(error);

      assertThat(path.root().description())
          .isEqualTo("static field " + StaticArrayTestCase.class.getName() + ".SLOTS");
      assertThat(path.steps().get(path.steps().size() - 1).reference()).isEqualTo("[2]");
      assertRendered(error, path.root().description(), Worker.class.getName(), "[2]");
    }

    @Test
    void aPluginsStaticFieldIsAStepFromWhatKeepsItsClassLoader() {
      RetainingPath path = onlyPath(leakOf(PluginStaticTestCase.class));

      assertThat(path.root().description())
          .as("the plugin's class is no root: its loader is kept by the host's static field")
          .isEqualTo("static field " + PluginStaticTestCase.class.getName() + ".LOADERS");
      assertThat(path.steps().get(path.steps().size() - 1).reference()).isEqualTo(".held");
      assertThat(path.steps())
          .extracting(RetainingPath.Step::className)
          .contains("java.net.URLClassLoader", "class " + Plugin.class.getName());
    }

    @Test
    void twoLeaksOfOneTestEachGetTheirPath() {
      LeakDetectedError error = leakOf(TwoLeaksTestCase.class);

      assertThat(error.leakedObjects()).hasSize(2);
      assertThat(error.leakedObjects())
          .extracting(l -> l.retainingPath().orElseThrow().root().description())
          .containsExactly(
              "static field " + TwoLeaksTestCase.class.getName() + ".FIRST",
              "static field " + TwoLeaksTestCase.class.getName() + ".SECOND");
    }
  }

  @Nested
  class NotLeaks {

    @Test
    void heldOnlyByTestInstanceFieldsOrArgumentsOrWeakReferencesPasses() {
      EngineExecutionResults results = run(NotLeakingTestCase.class);

      assertThat(LeakCheckTestKit.failures(results)).extracting(Throwable::getMessage).isEmpty();
      results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(9));
    }

    @Test
    void aSurvivorHeldOnlyByTheTestInstanceIsReportedAsCostlyNotAsALeak() {
      EngineExecutionResults results = run(PerClassTestCase.class);

      results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(2));
      assertThat(LeakCheckTestKit.reportEntries(results))
          .hasSize(2)
          .allSatisfy(
              entry ->
                  assertThat(entry)
                      .startsWith("not leaked, but telling so took a heap dump: ")
                      .contains(Worker.class.getName() + "@")
                      .contains("held only by the test instance"));
    }

    @Test
    void heldByAPerClassTestInstancePasses() {
      run(PerClassTestCase.class)
          .testEvents()
          .assertStatistics(stats -> stats.failed(0).succeeded(2));
    }

    @Test
    void heldOnlyByTheExceptionTheTestThrewReportsThatException() {
      Throwable failure = onlyFailure(run(ThrowingTestCase.class));

      assertThat(failure).isInstanceOf(HoldingException.class).hasNoSuppressedExceptions();
    }
  }

  private static String quote(String s) {
    return java.util.regex.Pattern.quote(s);
  }

  // ---- leaking fixtures ----

  @LeakCheck
  static class StaticMapTestCase {
    static final Map<String, Worker> REGISTRY = new HashMap<>();

    @Test
    void leaks(LeakTracker leaks) {
      REGISTRY.put("Alice", leaks.track(new Worker("Alice"), "Alice"));
    }
  }

  static final class Screen {
    final List<Object> widgets = new ArrayList<>();

    void listenTo(List<Runnable> listeners) {
      listeners.add(
          new Runnable() {
            @Override
            public void run() {
              widgets.clear();
            }
          });
    }
  }

  @LeakCheck
  static class AnonymousListenerTestCase {
    static final List<Runnable> LISTENERS = new ArrayList<>();

    @Test
    void leaks(LeakTracker leaks) {
      leaks.track(new Screen(), "screen").listenTo(LISTENERS);
    }
  }

  @LeakCheck
  static class ThreadLocalTestCase {
    static final ThreadLocal<Worker> CURRENT = new ThreadLocal<>();

    @Test
    void leaks(LeakTracker leaks) {
      CURRENT.set(leaks.track(new Worker("current"), "current"));
    }
  }

  @LeakCheck
  static class LiveThreadLocalTestCase {
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    static void hold(Worker worker, CountDownLatch started) {
      Worker held = worker;
      started.countDown();
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      java.lang.ref.Reference.reachabilityFence(held);
    }

    @Test
    void leaks(LeakTracker leaks) throws InterruptedException {
      CountDownLatch started = new CountDownLatch(1);
      Worker worker = leaks.track(new Worker("held"), "held by a thread");
      Thread thread = new Thread(() -> hold(worker, started), "leak-holder");
      thread.setDaemon(true);
      thread.start();
      started.await();
    }

    @AfterAll
    static void release() {
      RELEASE.countDown();
    }
  }

  @LeakCheck
  static class LambdaCaptureTestCase {
    static final List<Runnable> CALLBACKS = new ArrayList<>();

    @Test
    void leaks(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("captured"), "captured");
      CALLBACKS.add(() -> worker.name.length());
    }
  }

  static final class Profile {
    final Worker worker;

    Profile(Worker worker) {
      this.worker = worker;
    }
  }

  @LeakCheck
  static class WeakHashMapTestCase {
    static final Map<Worker, Profile> CACHE = new WeakHashMap<>();

    @Test
    void leaks(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("key"), "key");
      CACHE.put(worker, new Profile(worker));
    }
  }

  @LeakCheck
  static class PluginStaticTestCase {
    static final List<ClassLoader> LOADERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void leaks(LeakTracker leaks) throws ReflectiveOperationException {
      java.net.URL location = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
      ClassLoader loader =
          new java.net.URLClassLoader(
              "plugin", new java.net.URL[] {location}, ClassLoader.getPlatformClassLoader());
      LOADERS.add(loader);
      Class<?> plugin = loader.loadClass(Plugin.class.getName());
      assertThat(plugin).isNotSameAs(Plugin.class);
      Object instance = plugin.getConstructor().newInstance();
      plugin
          .getMethod("hold", Object.class)
          .invoke(instance, leaks.track(new Worker("held by a plugin"), "held by a plugin"));
    }
  }

  @LeakCheck
  static class StaticArrayTestCase {
    static final Object[] SLOTS = new Object[4];

    @Test
    void leaks(LeakTracker leaks) {
      SLOTS[2] = leaks.track(new Worker("slot"), "slot");
    }
  }

  @LeakCheck
  static class TwoLeaksTestCase {
    static final List<Worker> FIRST = new ArrayList<>();
    static final List<Worker> SECOND = new ArrayList<>();

    @Test
    void leaks(LeakTracker leaks) {
      FIRST.add(leaks.track(new Worker("one"), "one"));
      SECOND.add(leaks.track(new Worker("two"), "two"));
    }
  }

  // ---- fixtures whose tracked objects survive the test without being leaks ----

  static final class Node {
    Node other;
  }

  static final class Finalizable {
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
      // Collection needs a second cycle.
    }
  }

  @LeakCheck
  static class NotLeakingTestCase {
    static final List<WeakReference<Object>> WEAK = new ArrayList<>();
    static final List<SoftReference<Object>> SOFT = new ArrayList<>();
    static final Cleaner CLEANER = Cleaner.create();

    Worker field;

    static Stream<Worker> workers() {
      return Stream.of(new Worker("first"), new Worker("second"));
    }

    @Test
    void heldByATestInstanceField(LeakTracker leaks) {
      field = leaks.track(new Worker("field"), "field");
    }

    @ParameterizedTest
    @MethodSource("workers")
    void parameterizedArgument(Worker worker, LeakTracker leaks) {
      leaks.track(worker, worker.name);
    }

    @Test
    void weaklyReachableOnly(LeakTracker leaks) {
      WEAK.add(new WeakReference<>(leaks.track(new Worker("weak"), "weak")));
    }

    @Test
    void softlyReachableOnly(LeakTracker leaks) {
      SOFT.add(new SoftReference<>(leaks.track(new Worker("soft"), "soft")));
    }

    @Test
    void cycle(LeakTracker leaks) {
      Node a = leaks.track(new Node(), "a");
      Node b = leaks.track(new Node(), "b");
      a.other = b;
      b.other = a;
    }

    @Test
    void finalizable(LeakTracker leaks) {
      leaks.track(new Finalizable(), "finalizable");
    }

    @Test
    void cleanerRegistered(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("cleaned"), "cleaned");
      CLEANER.register(worker, () -> {});
    }

    @Test
    void softAndWeakTogether(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("both"), "both");
      WEAK.add(new WeakReference<>(worker));
      SOFT.add(new SoftReference<>(worker));
    }
  }

  @LeakCheck
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassTestCase {
    final List<Worker> kept = new ArrayList<>();

    @Test
    void first(LeakTracker leaks) {
      kept.add(leaks.track(new Worker("first"), "first"));
    }

    @Test
    void second(LeakTracker leaks) {
      kept.add(leaks.track(new Worker("second"), "second"));
    }
  }

  static final class HoldingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    final Worker worker;

    HoldingException(Worker worker) {
      super("the test's own failure");
      this.worker = worker;
    }
  }

  @LeakCheck
  static class ThrowingTestCase {
    @Test
    void throwsHoldingTheObject(LeakTracker leaks) {
      throw new HoldingException(leaks.track(new Worker("in the exception"), "in the exception"));
    }
  }
}
