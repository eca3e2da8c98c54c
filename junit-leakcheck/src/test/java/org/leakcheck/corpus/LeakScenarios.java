package org.leakcheck.corpus;

import static org.leakcheck.corpus.Expect.Verdict.LEAK;

import java.lang.ref.Cleaner;
import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * Corpus scenarios that leak: each keeps a tracked object strongly reachable from a GC root that
 * outlives the test. Labels starting with {@code "leak"} must be reported, others must not.
 */
final class LeakScenarios {

  private LeakScenarios() {}

  static final List<Object> HELD = new CopyOnWriteArrayList<>();
  static final Map<Object, Object> MAP = new HashMap<>();
  static final Map<Object, Object> WEAK_KEYS = new WeakHashMap<>();
  static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
  static final Object[] SLOTS = new Object[8];
  static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
  static final Cleaner CLEANER = Cleaner.create();
  static final List<Thread> HOOKS = new CopyOnWriteArrayList<>();

  static {
    Scenarios.onReset(
        () -> {
          HELD.clear();
          synchronized (MAP) {
            MAP.clear();
          }
          synchronized (WEAK_KEYS) {
            WEAK_KEYS.clear();
          }
          LISTENERS.clear();
          java.util.Arrays.fill(SLOTS, null);
          for (Thread hook : HOOKS) {
            Runtime.getRuntime().removeShutdownHook(hook);
          }
          HOOKS.clear();
        });
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

  @CorpusScenario
  static class PerMethodTestCase {

    Worker field;

    static Stream<Worker> workers() {
      return Stream.of(new Worker("leak: argument one"), new Worker("leak: argument two"));
    }

    @Test
    @Expect(LEAK)
    void staticList(LeakTracker leaks) {
      HELD.add(leaks.track(new Worker("static list"), "leak: static list"));
      leaks.track(new Worker("dropped"), "dropped next to a leak");
    }

    @Test
    @Expect(LEAK)
    void staticMapValue(LeakTracker leaks) {
      synchronized (MAP) {
        MAP.put(new Object(), leaks.track(new Worker("value"), "leak: map value"));
      }
    }

    @Test
    @Expect(LEAK)
    void staticMapKey(LeakTracker leaks) {
      synchronized (MAP) {
        MAP.put(leaks.track(new Worker("key"), "leak: map key"), "value");
      }
    }

    @Test
    @Expect(LEAK)
    void weakHashMapValueReferringToItsKey(LeakTracker leaks) {
      Worker key = leaks.track(new Worker("key"), "leak: weak key held by its value");
      synchronized (WEAK_KEYS) {
        WEAK_KEYS.put(key, List.of(key));
      }
    }

    @Test
    @Expect(LEAK)
    void anonymousListenerHoldsItsOuterObject(LeakTracker leaks) {
      leaks.track(new Screen(), "leak: screen").listenTo(LISTENERS);
    }

    @Test
    @Expect(LEAK)
    void lambdaCapture(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("captured"), "leak: captured by a lambda");
      LISTENERS.add(() -> worker.name.length());
    }

    @Test
    @Expect(LEAK)
    void staticArraySlot(LeakTracker leaks) {
      SLOTS[3] = leaks.track(new Worker("slot"), "leak: array slot");
    }

    @Test
    @Expect(LEAK)
    void insideANamedInAStaticList(LeakTracker leaks) {
      HELD.add(Named.of("w", leaks.track(new Worker("named"), "leak: inside a Named")));
    }

    @Test
    @Expect(LEAK)
    void insideAnArgumentsInAStaticList(LeakTracker leaks) {
      HELD.add(Arguments.of(leaks.track(new Worker("arguments"), "leak: inside an Arguments")));
    }

    @Test
    @Expect(LEAK)
    void threadLocalOfTheTestThread(LeakTracker leaks) {
      CURRENT.set(leaks.track(new Worker("thread-local"), "leak: thread-local"));
    }

    @Test
    @Expect(LEAK)
    void localVariableOfALiveThread(LeakTracker leaks) throws InterruptedException {
      CountDownLatch started = new CountDownLatch(1);
      Worker worker = leaks.track(new Worker("on a stack"), "leak: local of a live thread");
      Thread thread = new Thread(() -> Scenarios.holdUntilReset(worker, started), "corpus-holder");
      thread.setDaemon(true);
      thread.start();
      started.await();
    }

    @Test
    @Expect(LEAK)
    void cycleReachableFromAStatic(LeakTracker leaks) {
      Node a = leaks.track(new Node(), "leak: cycle a");
      Node b = leaks.track(new Node(), "leak: cycle b");
      a.next = b;
      b.next = a;
      HELD.add(a);
    }

    @Test
    @Expect(LEAK)
    void finalizableHeldByAStatic(LeakTracker leaks) {
      HELD.add(leaks.track(new Finalizable(), "leak: finalizable"));
    }

    @Test
    @Expect(LEAK)
    void cleaningActionCapturesItsObject(LeakTracker leaks) {
      Worker worker =
          leaks.track(new Worker("cleaned"), "leak: captured by its own cleaning action");
      CLEANER.register(worker, () -> worker.name.length());
    }

    @Test
    @Expect(LEAK)
    void trackedFromAnotherThread(LeakTracker leaks) throws InterruptedException {
      Thread thread =
          new Thread(
              () -> HELD.add(leaks.track(new Worker("other thread"), "leak: from another thread")));
      thread.start();
      thread.join();
    }

    @Test
    @Expect(LEAK)
    void shutdownHook(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("hook"), "leak: captured by a shutdown hook");
      Thread hook = new Thread(() -> worker.name.length(), "corpus-hook");
      HOOKS.add(hook);
      Runtime.getRuntime().addShutdownHook(hook);
    }

    @Test
    @Expect(LEAK)
    void softAndWeakReferencesDoNotHideAStrongOne(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("also strong"), "leak: soft, weak and strong");
      HELD.add(new SoftReference<>(worker));
      HELD.add(new WeakReference<>(worker));
      HELD.add(worker);
    }

    @Test
    @Expect(LEAK)
    void largeObject(LeakTracker leaks) {
      HELD.add(leaks.track(new long[2 << 20], "leak: 16 MB array"));
    }

    @Test
    @Expect(LEAK)
    void testInstanceFieldAlsoHeldByAStatic(LeakTracker leaks) {
      field = leaks.track(new Worker("field"), "leak: field and static");
      HELD.add(field);
    }

    @ParameterizedTest
    @MethodSource("workers")
    @Expect(LEAK)
    void parameterizedArgumentKeptByAStatic(Worker worker, LeakTracker leaks) {
      HELD.add(leaks.track(worker, worker.name));
    }

    @Test
    @Expect(LEAK)
    void classLoaderThatCannotBeUnloaded(LeakTracker leaks) throws ReflectiveOperationException {
      URLClassLoader loader = leaks.track(Scenarios.pluginLoader(), "leak: plugin class loader");
      HELD.add(Scenarios.newPlugin(loader)); // instance -> class -> loader
    }

    @Test
    @Expect(LEAK)
    void classLoaderAsContextLoaderOfALiveThread(LeakTracker leaks) throws InterruptedException {
      URLClassLoader loader = leaks.track(Scenarios.pluginLoader(), "leak: context class loader");
      CountDownLatch started = new CountDownLatch(1);
      Thread thread =
          new Thread(() -> Scenarios.holdUntilReset(null, started), "corpus-plugin-thread");
      thread.setContextClassLoader(loader);
      thread.setDaemon(true);
      thread.start();
      started.await();
    }
  }

  /** Excluding what Mockito records must not hide a real holder of the same object. */
  @CorpusScenario
  @ExtendWith(MockitoExtension.class)
  static class MockitoTestCase {
    @Mock NonLeakScenarios.Listener listener;

    @Test
    @Expect(LEAK)
    void passedToAMockAndKeptInAStatic(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("mocked and held"), "leak: seen by a mock, held");
      listener.onWorker(worker);
      HELD.add(worker);
    }
  }

  @CorpusScenario
  static class TrackedInBeforeEachTestCase {
    Worker worker;

    @BeforeEach
    void setUp(LeakTracker leaks) {
      HELD.add(leaks.track(new Worker("set up"), "leak: tracked in @BeforeEach"));
    }

    @Test
    @Expect(LEAK)
    void heldSinceSetUp() {}
  }

  @CorpusScenario
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassTestCase {
    final List<Worker> kept = new ArrayList<>();

    @Test
    @Expect(LEAK)
    void perClassFieldAlsoHeldByAStatic(LeakTracker leaks) {
      Worker worker = leaks.track(new Worker("per class"), "leak: per-class field and static");
      kept.add(worker);
      HELD.add(worker);
    }
  }
}
