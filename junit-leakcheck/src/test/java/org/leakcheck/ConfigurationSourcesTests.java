package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.launch;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.leakcheck.internal.config.Warnings;

/**
 * Where a key is set decides what an unknown key does (issue 10, DESIGN §5): a system property only
 * warns, once ({@code mvn -Dleakcheck.version=0.1.0 test} passes that Maven property to the test
 * JVM), a configuration parameter given to the launcher fails naming the nearest key, a bad value
 * fails wherever it was set.
 *
 * <p>Isolated: these tests set system properties, which every test beside them would read, and run
 * real launchers, whose keys are JVM-wide.
 */
@Isolated
class ConfigurationSourcesTests {

  /** The warnings of the fixtures' runs; shared by the runs of one test, so "once" is visible. */
  static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  static Warnings warnings = new Warnings(WARNINGS::add);

  private String versionBefore;

  @BeforeEach
  void freshWarnings() {
    WARNINGS.clear();
    warnings = new Warnings(WARNINGS::add);
    versionBefore = System.getProperty("leakcheck.version");
  }

  @AfterEach
  void restoreSystemProperties() {
    if (versionBefore == null) {
      System.clearProperty("leakcheck.version");
    } else {
      System.setProperty("leakcheck.version", versionBefore);
    }
    System.clearProperty("leakcheck.timeout");
  }

  @Test
  void anUnknownSystemPropertyWarnsOnceAndTheTestsPass() {
    System.setProperty("leakcheck.version", "0.1.0");

    EngineExecutionResults first = run(TracksTestCase.class);
    EngineExecutionResults second = run(TracksTestCase.class);

    first.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    second.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(WARNINGS)
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .startsWith("[leakcheck] warning: ignoring system property 'leakcheck.version'")
                    .containsPattern("the nearest is 'leakcheck\\.[a-zA-Z.]+'"));
  }

  @Test
  void anUnknownSystemPropertySeenThroughTheLauncherIsNoParameter() {
    System.setProperty("leakcheck.version", "0.1.0");

    List<TestExecutionResult> results = launch(TracksTestCase.class, Map.of());

    assertThat(results)
        .hasSize(2)
        .allSatisfy(
            r -> assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
    assertThat(WARNINGS)
        .singleElement()
        .satisfies(w -> assertThat(w).contains("'leakcheck.version'"));
  }

  @Test
  void anUnknownParameterGivenToTheLauncherFailsNamingTheNearestKey() {
    List<TestExecutionResult> results =
        launch(TracksTestCase.class, Map.of("leakcheck.timout", "5s"));

    assertThat(results)
        .hasSize(2)
        .allSatisfy(
            r ->
                assertThat(r.getThrowable())
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains(
                        "leakcheck: unknown configuration parameter 'leakcheck.timout'; did you"
                            + " mean 'leakcheck.timeout'?"));
    assertThat(WARNINGS).isEmpty();
  }

  @Test
  void aBadValueGivenAsAParameterFailsNamingTheKey() {
    Throwable failure =
        onlyFailure(run(TracksOnceTestCase.class, Map.of("leakcheck.timeout", "soon")));

    assertThat(failure)
        .hasMessageContaining("leakcheck: 'soon' is not a duration for leakcheck.timeout");
  }

  @Test
  void aBadValueGivenAsASystemPropertyFailsNamingTheKeyToo() {
    System.setProperty("leakcheck.timeout", "soon");

    List<TestExecutionResult> results = launch(TracksOnceTestCase.class, Map.of());

    assertThat(results)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getThrowable())
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("'soon' is not a duration for leakcheck.timeout"));
  }

  /** Puts {@link #warnings} where the extension looks for its warnings (a test seam). */
  static final class CollectingWarnings implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(LeakCheckExtension.class))
          .put(LeakCheckExtension.WARNINGS_KEY, warnings);
    }
  }

  @LeakCheck
  @ExtendWith(CollectingWarnings.class)
  static class TracksTestCase {
    @Test
    void tracksOne(LeakTracker leaks) {
      leaks.track(new Object());
    }

    @Test
    void tracksAnother(LeakTracker leaks) {
      leaks.track(new Object());
    }
  }

  @LeakCheck
  @ExtendWith(CollectingWarnings.class)
  static class TracksOnceTestCase {
    @Test
    void tracks(LeakTracker leaks) {
      leaks.track(new Object());
    }
  }
}
