package org.leakcheck.examples.suite;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/** The application's extension registered before the leak check: its after-each runs last. */
@ExtendWith(EventServerExtension.class)
@LeakCheck
class ServerRegisteredFirstTests {

  @Test
  void subscriberOfAStoppedServerIsCollectable(EventServer server, LeakTracker leaks) {
    server.subscribe(leaks.track(new Object(), "subscriber"));
  }

  @RepeatedTest(3)
  void everyRepetitionGetsItsOwnServer(EventServer server, LeakTracker leaks) {
    server.subscribe(leaks.track(new Object(), "subscriber"));
  }
}
