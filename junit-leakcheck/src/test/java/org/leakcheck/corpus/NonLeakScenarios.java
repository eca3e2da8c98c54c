package org.leakcheck.corpus;

import static org.leakcheck.corpus.Expect.Verdict.NO_LEAK;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.lang.ref.Cleaner;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leakcheck.LeakTracker;
import org.leakcheck.corpus.Scenarios.Finalizable;
import org.leakcheck.corpus.Scenarios.Node;
import org.leakcheck.corpus.Scenarios.Worker;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * Corpus scenarios that do not leak: the tracked objects are garbage after the test, or held only
 * by what JUnit releases right after it (the test instance, arguments, the exception the test
 * threw), by weak or soft references, or by nothing that outlives its own class loader.
 */
final class NonLeakScenarios {

  private NonLeakScenarios() {}

  static final List<Object> REFERENCES = new CopyOnWriteArrayList<>();
  static final Map<Object, Object> WEAK_KEYS = new WeakHashMap<>();
  static final Cleaner CLEANER = Cleaner.create();

  static {
    Scenarios.onReset(
        () -> {
          REFERENCES.clear();
          synchronized (WEAK_KEYS) {
            WEAK_KEYS.clear();
          }
        });
  }

  @CorpusScenario
  static class PerMethodTestCase {

    Worker field;
    final List<Object> fields = new ArrayList<>();

    static Stream<Worker> workers() {
      return Stream.of(
          new Worker("argument one"), new Worker("argument two"), new Worker("argument three"));
    }

    static Stream<Named<Worker>> namedWorkers() {
      return Stream.of(
          Named.of("first", new Worker("named one")), Named.of("second", new Worker("named two")));
    }

    static Stream<Arguments> pairs() {
      return Stream.of(
          Arguments.of(new Worker("left"), new Node()),
          Arguments.of(new Worker("right"), new Node()));
    }

    @Test
    @Expect(NO_LEAK)
    void droppedLocal(LeakTracker leaks) {
      leaks.track(new Worker("local"), "local");
    }

    @Test
    @Expect(NO_LEAK)
    void heldByATestInstanceField(LeakTracker leaks) {
      field = leaks.track(new Worker("field"), "field");
    }

    @Test
    @Expect(NO_LEAK)
    void heldByACollectionInATestInstanceField(LeakTracker leaks) {
      fields.add(leaks.track(new Worker("in a field's list"), "in a field's list"));
      fields.add(fields);
    }

    @ParameterizedTest
    @MethodSource("workers")
    @Expect(NO_LEAK)
    void parameterizedArgument(Worker worker, LeakTracker leaks) {
      leaks.track(worker, worker.name);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    @Expect(NO_LEAK)
    void parameterizedArguments(Worker worker, Node node, LeakTracker leaks) {
      leaks.track(worker, worker.name);
      leaks.track(node, "node of " + worker.name);
    }

    @ParameterizedTest
    @MethodSource("namedWorkers")
    @Expect(NO_LEAK)
    void parameterizedNamedArgument(Worker worker, LeakTracker leaks) {
      leaks.track(worker, worker.name);
    }

    @RegisterExtension final HoldingExtension holding = new HoldingExtension();

    @Test
    @Expect(NO_LEAK)
    void heldByARegisterExtensionInstanceField(LeakTracker leaks) {
      holding.held.add(leaks.track(new Worker("in an extension field"), "in an extension field"));
    }

    @RepeatedTest(3)
    @Expect(NO_LEAK)
    void repeatedTestKeepingAFieldEachTime(LeakTracker leaks) {
      field = leaks.track(new Worker("repeated"), "repeated");
    }

    @Test
    @Expect(NO_LEAK)
    void weaklyReachableOnly(LeakTracker leaks) {
      REFERENCES.add(new WeakReference<>(leaks.track(new Worker("weak"), "weak")));
    }

    @Test
    @Expect(NO_LEAK)
    void softlyReachableOnly(LeakTracker leaks) {
      REFERENCES.add(new SoftReference<>(leaks.track(new Worker("soft"), "soft")));
    }

    @Test
    @Expect(NO_LEAK)
    void softAndWeakTogether(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("both"), "soft and weak");
      REFERENCES.add(new SoftReference<>(worker));
      REFERENCES.add(new WeakReference<>(worker));
    }

    @Test
    @Expect(NO_LEAK)
    void weakHashMapKey(LeakTracker leaks) {
      synchronized (WEAK_KEYS) {
        WEAK_KEYS.put(leaks.track(new Worker("weak key"), "weak key"), "value");
      }
    }

    @Test
    @Expect(NO_LEAK)
    void unreachableCycle(LeakTracker leaks) {
      Node a = leaks.track(new Node(), "cycle a");
      Node b = leaks.track(new Node(), "cycle b");
      a.next = b;
      b.next = a;
    }

    @Test
    @Expect(NO_LEAK)
    void unreachableLongCycle(LeakTracker leaks) {
      Node first = leaks.track(new Node(), "ring head");
      Node last = first;
      for (int i = 0; i < 1000; i++) {
        Node n = new Node();
        last.next = n;
        last = n;
      }
      last.next = first;
    }

    @Test
    @Expect(NO_LEAK)
    void finalizable(LeakTracker leaks) {
      leaks.track(new Finalizable(), "finalizable");
    }

    @Test
    @Expect(NO_LEAK)
    void reachableOnlyFromAFinalizableObject(LeakTracker leaks) {
      new Finalizable(leaks.track(new Worker("behind a finalizer"), "behind a finalizer"));
    }

    @Test
    @Expect(NO_LEAK)
    void registeredWithACleaner(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("cleaned"), "cleaned");
      String name = worker.name;
      CLEANER.register(worker, () -> name.length());
    }

    @Test
    @Expect(NO_LEAK)
    void trackedFromAnotherThread(LeakTracker leaks) throws InterruptedException {
      Thread thread =
          new Thread(() -> leaks.track(new Worker("other thread"), "from another thread"));
      thread.start();
      thread.join();
    }

    @Test
    @Expect(NO_LEAK)
    void trackedFromAPoolThreadThatStaysAlive(LeakTracker leaks) throws Exception {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        pool.submit(() -> leaks.track(new Worker("pool"), "from a pool thread")).get();
        pool.submit(() -> new Worker("the pool's next task")).get();
        // The pool thread is still alive during the check: its stack no longer holds the object.
      } finally {
        pool.shutdown();
      }
    }

    @Test
    @Expect(NO_LEAK)
    void threadLocalOfAFinishedThread(LeakTracker leaks) throws InterruptedException {
      ThreadLocal<Worker> local = new ThreadLocal<>();
      Thread thread =
          new Thread(
              () ->
                  local.set(
                      leaks.track(
                          new Worker("thread-local"), "thread-local of a finished thread")));
      thread.start();
      thread.join();
    }

    @Test
    @Expect(NO_LEAK)
    void threadLocalRemoved(LeakTracker leaks) {
      LeakScenarios.CURRENT.set(leaks.track(new Worker("removed"), "thread-local removed"));
      LeakScenarios.CURRENT.remove();
    }

    @Test
    @Expect(NO_LEAK)
    void largeObject(LeakTracker leaks) {
      leaks.track(new byte[50 << 20], "50 MB array");
    }

    @Test
    @Expect(NO_LEAK)
    void largeObjectInATestInstanceField(LeakTracker leaks) {
      field = new Worker("with a large neighbour");
      fields.add(leaks.track(new long[2 << 20], "16 MB array in a field"));
    }

    @Test
    @Expect(NO_LEAK)
    void classLoaderThatCanBeUnloaded(LeakTracker leaks) throws ReflectiveOperationException {
      URLClassLoader loader = leaks.track(Scenarios.pluginLoader(), "plugin class loader");
      leaks.track(Scenarios.newPlugin(loader), "plugin instance");
      Scenarios.close(loader);
    }

    @Test
    @Expect(NO_LEAK)
    void heldByAStaticFieldOfAnUnloadableClass(LeakTracker leaks)
        throws ReflectiveOperationException {
      URLClassLoader loader = Scenarios.pluginLoader();
      Object plugin = Scenarios.newPlugin(loader);
      plugin
          .getClass()
          .getMethod("hold", Object.class)
          .invoke(plugin, leaks.track(new Worker("plugin static"), "plugin's static field"));
      leaks.track(loader, "loader of the plugin holding it");
    }

    @Test
    @Expect(value = NO_LEAK, failsWith = HoldingException.class)
    void heldOnlyByTheExceptionTheTestThrew(LeakTracker leaks) {
      throw new HoldingException(leaks.track(new Worker("in the exception"), "in the exception"));
    }

    @Test
    @ExtendWith(WorkerResolver.class)
    @Expect(NO_LEAK)
    void resolvedByAnExtensionAndKeptInItsStore(Worker worker, LeakTracker leaks) {
      leaks.track(worker, "kept in the method's extension store");
    }
  }

  @CorpusScenario
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassTestCase {
    final List<Object> kept = new ArrayList<>();
    Worker last;

    @Test
    @Expect(NO_LEAK)
    void heldByAPerClassInstanceField(LeakTracker leaks) {
      last = leaks.track(new Worker("per class"), "per-class field");
    }

    @Test
    @Expect(NO_LEAK)
    void heldByAPerClassInstanceList(LeakTracker leaks) {
      kept.add(leaks.track(new Worker("per class list"), "per-class list"));
    }
  }

  /** An extension registered through an instance field, holding what the test gives it. */
  static final class HoldingExtension implements org.junit.jupiter.api.extension.Extension {
    final List<Object> held = new ArrayList<>();
  }

  static final List<Object> BUS = new CopyOnWriteArrayList<>();

  static {
    Scenarios.onReset(BUS::clear);
  }

  /**
   * The test registers itself with a static bus: the test instance is retained (reported as a
   * warning), and what its fields hold is not reported as leaked.
   */
  @CorpusScenario
  static class TestInstanceRetainedTestCase {
    Worker field;

    @Test
    @Expect(NO_LEAK)
    void registersItselfWithAStaticBus(LeakTracker leaks) {
      field = leaks.track(new Worker("held by a retained test instance"), "in a retained instance");
      BUS.add(this);
    }
  }

  /** A collaborator the scenarios mock. */
  interface Listener {
    void onWorker(Worker worker);
  }

  /**
   * Mockito records every call on a mock, arguments included, in objects it keeps in statics and
   * thread-locals until the next interaction; that is the test tooling's, not a leak.
   */
  @CorpusScenario
  @ExtendWith(MockitoExtension.class)
  static class MockitoTestCase {
    @Mock Listener listener;

    @Test
    @Expect(NO_LEAK)
    void passedToAMockField(LeakTracker leaks) {
      listener.onWorker(leaks.track(new Worker("seen by a mock field"), "seen by a mock field"));
      verify(listener).onWorker(any());
    }

    @Test
    @Expect(NO_LEAK)
    void passedToALocalMock(LeakTracker leaks) {
      Listener local = mock(Listener.class);
      local.onWorker(leaks.track(new Worker("seen by a local mock"), "seen by a local mock"));
    }
  }

  /** Outer and inner test instances are both JUnit's to release. */
  @CorpusScenario
  static class NestedTestCase {
    Worker outerField;

    @Nested
    class Inner {
      Worker innerField;

      @Test
      @Expect(NO_LEAK)
      void heldByOuterAndInnerInstanceFields(LeakTracker leaks) {
        outerField = leaks.track(new Worker("outer field"), "outer instance field");
        innerField = leaks.track(new Worker("inner field"), "inner instance field");
      }
    }
  }

  @CorpusScenario
  static class TrackedRightBeforeTheCheckTestCase {
    @Test
    @Expect(NO_LEAK)
    void trackedInAfterEach() {}

    @AfterEach
    void tearDown(LeakTracker leaks) {
      leaks.track(new Worker("allocated last"), "tracked in @AfterEach");
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

  /** Resolves a {@link Worker} and keeps it in the test method's store, as extensions do. */
  static final class WorkerResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Worker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getStore(ExtensionContext.Namespace.create(WorkerResolver.class))
          .getOrComputeIfAbsent("worker", key -> new Worker("from the store"), Worker.class);
    }
  }
}
