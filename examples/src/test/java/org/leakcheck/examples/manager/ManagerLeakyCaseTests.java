package org.leakcheck.examples.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.steps;
import static org.leakcheck.examples.LeakyCases.tail;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;

/** Proof that the test of {@link ManagerTests} catches {@link LeakyManager}'s leak. */
class ManagerLeakyCaseTests {

  @Test
  void removedWorkerIsReportedAsRetainedByTheCreationOrderList() {
    LeakedObject leak = onlyLeak(leaksOf(ManagerLeakyCase.class).get("removedWorkerIsCollectable"));

    assertThat(leak.label()).hasValue("Alice");
    assertThat(leak.className()).isEqualTo(Worker.class.getName());
    assertThat(leak.trackedAt()).startsWith("ManagerLeakyCase.java:");
    assertThat(leak.retainingPath().orElseThrow().root())
        .isEqualTo("static field " + ManagerLeakyCase.class.getName() + ".MANAGER");
    assertThat(steps(leak)).contains("java.util.ArrayList .inCreationOrder");
    assertThat(tail(leak, 1)).containsExactly(Worker.class.getName() + " [0]");
  }
}
