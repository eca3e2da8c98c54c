package org.leakcheck.examples.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

@LeakCheck
class RegistryTests {

  @Test
  void droppedConnectionIsCollectable(LeakTracker leaks) {
    try (Connection connection =
        leaks.track(ConnectionRegistry.open("db://orders"), "connection to db://orders")) {
      connection.isOpen();
    }
  }

  @Test
  void registryStillClosesConnectionsInUse() {
    Connection inUse = ConnectionRegistry.open("db://customers");

    ConnectionRegistry.closeAll();

    assertThat(inUse.isOpen()).isFalse();
  }
}
