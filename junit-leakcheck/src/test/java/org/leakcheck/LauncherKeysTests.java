package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A mistyped key given to the launcher (as Surefire's {@code configurationParameters} does) is an
 * error naming it; the EngineTestKit used elsewhere bypasses launcher listeners, so this test runs
 * a real launcher. Isolated: the keys of the running plan are JVM-wide, and this plan's mistyped
 * key must not reach tests running beside it.
 */
@Isolated
class LauncherKeysTests {

  @Test
  void aMistypedKeyGivenToTheLauncherFailsTheTestNamingIt() {
    List<Throwable> failures = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(TracksTestCase.class))
            .configurationParameter("leakcheck.timout", "5s")
            .build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            result.getThrowable().ifPresent(failures::add);
          }
        });

    assertThat(failures)
        .singleElement()
        .satisfies(
            f ->
                assertThat(f)
                    .hasMessageContaining("unknown configuration parameter 'leakcheck.timout'"));
  }

  @LeakCheck
  static class TracksTestCase {
    @Test
    void tracks(LeakTracker leaks) {
      leaks.track(new Object());
    }
  }
}
