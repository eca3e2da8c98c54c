package org.leakcheck.examples.suite;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/**
 * The test of {@link ServerRegisteredFirstTests}, with an extension that starts a server per test
 * and never stops it.
 */
@ExtendWith(SuiteLeakyCase.ForgetfulServerExtension.class)
@LeakCheck
@DisplayName("Test extension that never stops its server")
class SuiteLeakyCase {

  /** Like {@link EventServerExtension}, without the {@code afterEach} that stops the server. */
  static final class ForgetfulServerExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == EventServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return EventServer.start();
    }
  }

  @Test
  @DisplayName("the subscriber of a server left running stays reachable")
  void subscriberOfAStoppedServerIsCollectable(EventServer server, LeakTracker leaks) {
    server.subscribe(leaks.track(new Object(), "subscriber"));
  }
}
