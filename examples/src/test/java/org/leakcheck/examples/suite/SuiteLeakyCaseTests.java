package org.leakcheck.examples.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;

/**
 * Proof that the test of {@link ServerRegisteredFirstTests} catches a server left running, while
 * with {@link EventServerExtension} stopping it in {@code afterEach} the same test passes.
 */
class SuiteLeakyCaseTests {

  @Test
  void subscriberOfARunningServerIsRetainedByTheRunningServers() {
    LeakedObject leak =
        onlyLeak(leaksOf(SuiteLeakyCase.class).get("subscriberOfAStoppedServerIsCollectable"));

    assertThat(leak.label()).hasValue("subscriber");
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + EventServer.class.getName() + ".RUNNING");
  }
}
