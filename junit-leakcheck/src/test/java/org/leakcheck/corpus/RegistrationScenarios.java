package org.leakcheck.corpus;

import static org.leakcheck.corpus.Expect.Verdict.LEAK;
import static org.leakcheck.corpus.Expect.Verdict.NO_LEAK;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leakcheck.LeakCheckExtension;
import org.leakcheck.LeakTracker;
import org.leakcheck.corpus.Scenarios.Worker;

/**
 * Corpus scenarios on how the extension is registered: another extension that cleans up in {@code
 * afterEach}, registered before or after ours; ours registered twice; a test that fails on its own.
 * The verdict must not depend on the order.
 */
final class RegistrationScenarios {

  private RegistrationScenarios() {}

  /** An application server: while it runs, a static set keeps it and what it was given. */
  static final class Server {
    static final Set<Server> RUNNING = ConcurrentHashMap.newKeySet();

    static {
      Scenarios.onReset(() -> RUNNING.forEach(Server::stop));
    }

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
  static class StoppingServerExtension implements ParameterResolver, AfterEachCallback {
    private static final Namespace NAMESPACE = Namespace.create(StoppingServerExtension.class);

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

  /** Forgets to stop its server. */
  static final class RunningServerExtension extends StoppingServerExtension {
    @Override
    boolean stops() {
      return false;
    }
  }

  @ExtendWith(StoppingServerExtension.class)
  @CorpusScenario
  static class CleanupRegisteredFirstTestCase {
    @Test
    @Expect(NO_LEAK)
    void listenerOfAServerStoppedInAfterEach(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "listener of a stopped server"));
    }
  }

  @CorpusScenario
  @ExtendWith(StoppingServerExtension.class)
  static class CleanupRegisteredLastTestCase {
    @Test
    @Expect(NO_LEAK)
    void listenerOfAServerStoppedInAfterEach(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "listener of a stopped server"));
    }
  }

  @CorpusScenario
  @ExtendWith(StoppingServerExtension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassCleanupRegisteredLastTestCase {
    @Test
    @Expect(NO_LEAK)
    void listenerOfAServerStoppedInAfterEach(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "listener of a stopped server"));
    }
  }

  @CorpusScenario
  static class CleanupInFieldsTestCase {
    @RegisterExtension
    @Order(1)
    static LeakCheckExtension leakCheckAgain = new LeakCheckExtension();

    @RegisterExtension
    @Order(2)
    StoppingServerExtension server = new StoppingServerExtension();

    @Test
    @Expect(NO_LEAK)
    void listenerOfAServerStoppedInAfterEach(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "listener of a stopped server"));
    }

    @Test
    @Expect(LEAK)
    void listenerOfARunningServerWithTheExtensionRegisteredTwice(LeakTracker leaks) {
      Server running = new Server();
      running.register(leaks.track(new Worker("listener"), "leak: listener of a running server"));
    }
  }

  @ExtendWith(RunningServerExtension.class)
  @CorpusScenario
  static class ServerLeftRunningRegisteredFirstTestCase {
    @Test
    @Expect(LEAK)
    void listenerOfARunningServer(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "leak: listener of a running server"));
    }
  }

  @CorpusScenario
  @ExtendWith(RunningServerExtension.class)
  static class ServerLeftRunningRegisteredLastTestCase {
    @Test
    @Expect(LEAK)
    void listenerOfARunningServer(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "leak: listener of a running server"));
    }

    @Test
    @Expect(value = NO_LEAK, failsWith = AssertionError.class)
    void failsOnItsOwnAfterLeaking(Server server, LeakTracker leaks) {
      server.register(leaks.track(new Worker("listener"), "listener of a failed test"));
      throw new AssertionError("a failed test keeps its own failure and is not checked");
    }
  }
}
