package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.failures;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The check runs after every other extension's cleanup whatever the registration order, the
 * extension registered twice acts as once, and a tracker refuses objects once its test is over.
 */
@Execution(ExecutionMode.SAME_THREAD) // the leaky fixtures' servers are stopped after each test
class ExtensionRegistrationTests {

  private static final Map<String, String> SEQUENTIAL =
      Map.of("junit.jupiter.execution.parallel.enabled", "false");

  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.mode.classes.default", "concurrent");

  private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

  /** Objects that fixtures leak on purpose: a static list is a GC root. */
  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopLeftServers() {
    Server.RUNNING.forEach(Server::stop);
    LEAKED.clear();
  }

  // ------------------------------------------------------------------ registration order

  @ParameterizedTest
  @ValueSource(
      classes = {
        ServerExtensionFirstTestCase.class,
        LeakCheckFirstTestCase.class,
        PerClassLeakCheckFirstTestCase.class,
        StaticServerFieldTestCase.class,
        InstanceServerFieldTestCase.class,
        BothAsStaticFieldsTestCase.class,
        BothAsInstanceFieldsTestCase.class,
        NestedInLeakCheckedClassTestCase.Inner.class
      })
  void otherExtensionsCleanUpBeforeTheCheckInEveryOrder(Class<?> fixture) {
    for (Map<String, String> mode : List.of(SEQUENTIAL, PARALLEL)) {
      EngineExecutionResults results = run(fixture, mode);

      assertThat(failures(results)).as("%s in %s", fixture.getSimpleName(), mode).isEmpty();
      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }
  }

  @Test
  void otherExtensionsCleanUpBeforeTheAutoDetectedCheck() {
    for (Map<String, String> mode : List.of(SEQUENTIAL, PARALLEL)) {
      Map<String, String> configuration = new HashMap<>(mode);
      configuration.put(AUTODETECTION, "true");

      EngineExecutionResults results = run(AutoDetectedTestCase.class, configuration);

      assertThat(failures(results)).isEmpty();
      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {LeakyServerFirstTestCase.class, LeakCheckBeforeLeakyServerTestCase.class})
  void aServerLeftRunningIsStillALeakInEveryOrder(Class<?> fixture) {
    List<Throwable> failures = failures(run(fixture, SEQUENTIAL));

    assertThat(failures)
        .hasSize(2)
        .allSatisfy(
            failure -> {
              assertThat(failure).isInstanceOf(LeakDetectedError.class);
              assertThat(failure.getMessage()).contains("Server.RUNNING");
            });
  }

  // ------------------------------------------------------------------ registered twice

  @ParameterizedTest
  @ValueSource(
      classes = {
        AnnotationAndStaticFieldTestCase.class,
        ExtendWithAndInstanceFieldTestCase.class,
        AnnotationOnClassAndMethodTestCase.class
      })
  void registeredTwiceActsAsOnce(Class<?> fixture) {
    assertOneCheck(run(fixture, SEQUENTIAL));
  }

  @Test
  void registeredByAnnotationAndAutoDetectionActsAsOnce() {
    assertOneCheck(run(AnnotationAndStaticFieldTestCase.class, Map.of(AUTODETECTION, "true")));
  }

  private static void assertOneCheck(EngineExecutionResults results) {
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    Throwable failure = onlyFailure(results);
    assertThat(failure).isInstanceOf(LeakDetectedError.class).hasNoSuppressedExceptions();
    assertThat(((LeakDetectedError) failure).leakedObjects())
        .singleElement()
        .satisfies(leak -> assertThat(leak.label()).hasValue("leaked"));
  }

  // ------------------------------------------------------------------ a tracker after its test

  @Test
  void aTrackerKeptForALaterTestRefusesToTrackNamingItsTest() {
    Throwable failure = onlyFailure(run(KeptTrackerTestCase.class, SEQUENTIAL));

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("belonged to the test 'KeptTrackerTestCase > keepsItsTracker")
        .hasMessageContaining("has ended");
  }

  @Test
  void aThreadTrackingAfterTheCheckIsRefused() throws InterruptedException {
    run(LateThreadTestCase.class, SEQUENTIAL)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));

    LateThreadTestCase.go.countDown();
    LateThreadTestCase.thread.join();

    assertThat(LateThreadTestCase.refusal.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LateThreadTestCase > startsAThreadThatTracksLater");
  }

  // ------------------------------------------------------------------ a failed test

  @Test
  void aFailedTestKeepsItsOwnFailureAndIsNotChecked() {
    Throwable failure = onlyFailure(run(FailingTestCase.class, SEQUENTIAL));

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("its own failure");
    assertThat(failure).hasNoSuppressedExceptions();
  }

  @Test
  void aFailedTestIsCheckedWithCheckFailedTests() {
    Throwable failure =
        onlyFailure(run(FailingTestCase.class, Map.of(LeakCheck.CHECK_FAILED_TESTS_KEY, "true")));

    assertThat(failure).hasMessage("its own failure");
    assertThat(failure.getSuppressed())
        .singleElement()
        .isInstanceOf(LeakDetectedError.class)
        .satisfies(s -> assertThat(s.getMessage()).contains("LEAKED"));
  }

  // ------------------------------------------------------------------ fixtures

  /** An application server: while it runs, it keeps what was registered with it. */
  static final class Server {
    static final Set<Server> RUNNING = ConcurrentHashMap.newKeySet();

    final List<Object> registered = new CopyOnWriteArrayList<>();

    Server() {
      RUNNING.add(this);
    }

    void register(Object listener) {
      registered.add(listener);
    }

    void stop() {
      RUNNING.remove(this);
      registered.clear();
    }
  }

  /** Starts a server per test and stops it in {@code afterEach}. */
  static class ServerExtension implements ParameterResolver, AfterEachCallback {
    private static final Namespace NAMESPACE = Namespace.create(ServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getStore(NAMESPACE).getOrComputeIfAbsent("server", k -> new Server());
    }

    @Override
    public void afterEach(ExtensionContext context) {
      Server server = context.getStore(NAMESPACE).remove("server", Server.class);
      if (server != null && stops()) {
        server.stop();
      }
    }

    boolean stops() {
      return true;
    }
  }

  /** Forgets to stop the server: what the test registered stays reachable. */
  static final class LeakyServerExtension extends ServerExtension {
    @Override
    boolean stops() {
      return false;
    }
  }

  /** The two tests every ordering fixture runs: a listener registered, and a plain object. */
  interface RegistersListeners {
    @Test
    default void registersAListener(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Object(), "listener"));
    }

    @Test
    default void registersTwoListeners(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Object(), "first"));
      server.register(leaks.track(new Object(), "second"));
    }
  }

  @ExtendWith(ServerExtension.class)
  @LeakCheck
  static class ServerExtensionFirstTestCase implements RegistersListeners {}

  @LeakCheck
  @ExtendWith(ServerExtension.class)
  static class LeakCheckFirstTestCase implements RegistersListeners {}

  @LeakCheck
  @ExtendWith(ServerExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassLeakCheckFirstTestCase implements RegistersListeners {}

  @LeakCheck
  static class StaticServerFieldTestCase implements RegistersListeners {
    @RegisterExtension static ServerExtension server = new ServerExtension();
  }

  @LeakCheck
  static class InstanceServerFieldTestCase implements RegistersListeners {
    @RegisterExtension ServerExtension server = new ServerExtension();
  }

  static class BothAsStaticFieldsTestCase implements RegistersListeners {
    @RegisterExtension
    @Order(1)
    static LeakCheckExtension leakCheck = new LeakCheckExtension();

    @RegisterExtension
    @Order(2)
    static ServerExtension server = new ServerExtension();
  }

  static class BothAsInstanceFieldsTestCase implements RegistersListeners {
    @RegisterExtension
    @Order(2)
    LeakCheckExtension leakCheck = new LeakCheckExtension();

    @RegisterExtension
    @Order(1)
    ServerExtension server = new ServerExtension();
  }

  @LeakCheck
  static class NestedInLeakCheckedClassTestCase {
    @ExtendWith(ServerExtension.class)
    @org.junit.jupiter.api.Nested
    class Inner implements RegistersListeners {}
  }

  /** With auto-detection the leak check is registered before every declared extension. */
  @ExtendWith(ServerExtension.class)
  static class AutoDetectedTestCase implements RegistersListeners {}

  @ExtendWith(LeakyServerExtension.class)
  @LeakCheck
  static class LeakyServerFirstTestCase implements RegistersListeners {}

  @LeakCheck
  @ExtendWith(LeakyServerExtension.class)
  static class LeakCheckBeforeLeakyServerTestCase implements RegistersListeners {}

  /** One leaking and one clean test. */
  interface LeaksOnce {
    @Test
    default void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Object(), "leaked"));
    }

    @Test
    default void dropsIt(LeakTracker leaks) {
      leaks.track(new Object(), "dropped");
    }
  }

  @LeakCheck
  static class AnnotationAndStaticFieldTestCase implements LeaksOnce {
    @RegisterExtension static LeakCheckExtension leakCheck = new LeakCheckExtension();
  }

  @ExtendWith(LeakCheckExtension.class)
  static class ExtendWithAndInstanceFieldTestCase implements LeaksOnce {
    @RegisterExtension LeakCheckExtension leakCheck = new LeakCheckExtension();
  }

  @LeakCheck
  static class AnnotationOnClassAndMethodTestCase {
    @Test
    @LeakCheck
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Object(), "leaked"));
    }

    @Test
    @ExtendWith(LeakCheckExtension.class)
    void dropsIt(LeakTracker leaks) {
      leaks.track(new Object(), "dropped");
    }
  }

  @LeakCheck
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeptTrackerTestCase {
    static LeakTracker kept;

    @Test
    @Order(1)
    void keepsItsTracker(LeakTracker leaks) {
      kept = leaks;
    }

    @Test
    @Order(2)
    void usesTheEarlierTestsTracker() {
      kept.track(new Object());
    }
  }

  @LeakCheck
  static class LateThreadTestCase {
    static final CountDownLatch go = new CountDownLatch(1);
    static final AtomicReference<Throwable> refusal = new AtomicReference<>();
    static Thread thread;

    @Test
    void startsAThreadThatTracksLater(LeakTracker leaks) {
      thread =
          new Thread(
              () -> {
                try {
                  go.await();
                  leaks.track(new Object());
                } catch (Throwable e) {
                  refusal.set(e);
                }
              });
      thread.start();
    }
  }

  @LeakCheck
  static class FailingTestCase {
    @Test
    void leaksThenFails(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Object(), "leaked"));
      throw new AssertionError("its own failure");
    }
  }
}
