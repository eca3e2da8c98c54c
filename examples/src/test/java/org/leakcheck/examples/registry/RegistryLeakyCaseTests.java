package org.leakcheck.examples.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;

/** Proof that the test of {@link RegistryTests} catches {@link LeakyConnectionRegistry}'s leak. */
class RegistryLeakyCaseTests {

  @Test
  void droppedConnectionIsRetainedByTheStaticRegistry() {
    LeakedObject leak =
        onlyLeak(leaksOf(RegistryLeakyCase.class).get("droppedConnectionIsCollectable"));

    assertThat(leak.label()).hasValue("connection to db://orders");
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + LeakyConnectionRegistry.class.getName() + ".OPEN");
    assertThat(leak.retainingPath().orElseThrow().steps())
        .last()
        .satisfies(step -> assertThat(step.className()).isEqualTo(Connection.class.getName()));
  }
}
