package org.leakcheck.examples.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakCheckExtension;
import org.leakcheck.LeakTracker;

/**
 * The leak check registered twice (the annotation and a field) and the application's extension as
 * an instance field, registered after both; one lifecycle per class.
 */
@LeakCheck
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerRegisteredLastTests {

  @RegisterExtension static LeakCheckExtension leakCheck = new LeakCheckExtension();

  @RegisterExtension EventServerExtension servers = new EventServerExtension();

  @Test
  void subscriberOfAStoppedServerIsCollectable(EventServer server, LeakTracker leaks) {
    server.subscribe(leaks.track(new Object(), "subscriber"));
  }
}
