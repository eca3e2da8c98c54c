package org.leakcheck.examples.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.steps;
import static org.leakcheck.examples.LeakyCases.tail;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;

/** Proof that the test of {@link ManagerTests} catches {@link LeakyManager}'s leak. */
class ManagerLeakyCaseTests {

  @Test
  void removedWorkerIsReportedAsRetainedByTheCreationOrderList() {
    LeakedObject leak = onlyLeak(leaksOf(ManagerLeakyCase.class).get("removedWorkerIsCollectable"));

    assertThat(leak.label()).hasValue("Alice");
    assertThat(leak.className()).isEqualTo(Worker.class.getName());
    assertThat(leak.trackedAt().getFileName()).isEqualTo("ManagerLeakyCase.java");
    assertThat(leak.trackedAt().getMethodName()).isEqualTo("removedWorkerIsCollectable");
    RetainingPath.Root root = leak.retainingPath().orElseThrow().root();
    assertThat(root.kind()).isEqualTo(RetainingPath.Root.Kind.STATIC_FIELD);
    assertThat(root.className()).hasValue(ManagerLeakyCase.class.getName());
    assertThat(root.fieldName()).hasValue("MANAGER");
    assertThat(root.description())
        .isEqualTo("static field " + ManagerLeakyCase.class.getName() + ".MANAGER");
    assertThat(steps(leak)).contains("java.util.ArrayList .inCreationOrder");
    assertThat(tail(leak, 1)).containsExactly(Worker.class.getName() + " [0]");
  }
}
