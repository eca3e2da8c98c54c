package org.leakcheck.examples.manager;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;
import org.leakcheck.examples.Gc;

@LeakCheck
class ManagerTests {

  /** Lives as long as the application: in a test, a static field plays that role. */
  static final Manager MANAGER = new Manager();

  static final WeakManager WEAK_MANAGER = new WeakManager();

  @Test
  void removedWorkerIsCollectable(LeakTracker leaks) {
    leaks.track(MANAGER.addWorker("Alice"), "Alice");
    MANAGER.removeWorker("Alice");
  }

  @Test
  void workerDroppedByItsUserIsCollectableWithoutRemoval(LeakTracker leaks) {
    Worker bob = leaks.track(WEAK_MANAGER.addWorker("Bob"), "Bob");

    assertThat(WEAK_MANAGER.worker("Bob")).isSameAs(bob);
  } // the test drops Bob: nothing else holds him

  @Test
  void weakValueRegistryForgetsCollectedValues() {
    WeakValueRegistry<String, Object> registry = new WeakValueRegistry<>();
    Object kept = new Object();
    registry.put("kept", kept);
    registry.put("dropped", new Object());

    Gc.collectUntil(() -> registry.size() == 1);

    assertThat(registry.get("kept")).isSameAs(kept);
    assertThat(registry.get("dropped")).isNull();
  }
}
