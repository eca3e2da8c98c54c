package org.leakcheck.examples.midtest;

import static org.awaitility.Awaitility.await;
import static org.leakcheck.assertj.LeakAssertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakChecks;
import org.leakcheck.LeakTracker;
import org.leakcheck.examples.manager.Manager;

/** Leak checks in the middle of a test, and without the extension. */
@LeakCheck
class MidTestCheckTests {

  static final Manager MANAGER = new Manager();

  @Test
  void removedWorkerIsCollectableBeforeTheNextStep(LeakTracker leaks) {
    leaks.track(MANAGER.addWorker("Alice"), "Alice");
    MANAGER.removeWorker("Alice");
    assertThat(leaks).allCollectable(); // checks Alice now, with the path if she leaked

    leaks.track(MANAGER.addWorker("Bob"), "Bob");
    MANAGER.removeWorker("Bob"); // Bob is checked after the test
  }

  @Test
  void withoutTheExtension() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of("leakcheck.timeout", "5s"));
    leaks.track(MANAGER.addWorker("Carol"), "Carol");
    MANAGER.removeWorker("Carol");
    LeakChecks.assertCollectable(leaks); // throws LeakDetectedError with the path
  }

  @Test
  void waitingWithAwaitility() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    leaks.track(MANAGER.addWorker("Dave"), "Dave");
    new Thread(() -> MANAGER.removeWorker("Dave")).start();
    await().atMost(Duration.ofSeconds(10)).until(LeakChecks.collected(leaks));
  }
}
