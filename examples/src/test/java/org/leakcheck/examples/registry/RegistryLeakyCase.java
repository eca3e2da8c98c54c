package org.leakcheck.examples.registry;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/** The test of {@link RegistryTests}, run against {@link LeakyConnectionRegistry}. */
@LeakCheck
@DisplayName("Global registry that is never cleared")
class RegistryLeakyCase {

  @Test
  @DisplayName("a closed and dropped connection stays in the static registry")
  void droppedConnectionIsCollectable(LeakTracker leaks) {
    try (Connection connection =
        leaks.track(LeakyConnectionRegistry.open("db://orders"), "connection to db://orders")) {
      connection.isOpen();
    }
  }
}
