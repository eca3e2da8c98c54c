package org.leakcheck.examples.manager;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/**
 * The test of {@link ManagerTests}, run against {@link LeakyManager}: it fails with the leak. Not
 * run by the default build (Surefire does not pick {@code *LeakyCase}); run by {@link
 * ManagerLeakyCaseTests} and by the demo.
 */
@LeakCheck
@DisplayName("Manager that forgets to remove a worker from one of its two indexes")
class ManagerLeakyCase {

  /** Lives as long as the application: in a test, a static field plays that role. */
  static final LeakyManager MANAGER = new LeakyManager();

  @Test
  @DisplayName("a removed worker stays in the manager's creation-order list")
  void removedWorkerIsCollectable(LeakTracker leaks) {
    leaks.track(MANAGER.addWorker("Alice"), "Alice");
    MANAGER.removeWorker("Alice");
  }
}
