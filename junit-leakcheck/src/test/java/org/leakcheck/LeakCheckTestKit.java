package org.leakcheck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** Runs fixture classes through the Jupiter engine, with explicit configuration. */
final class LeakCheckTestKit {

  private LeakCheckTestKit() {}

  static EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(configuration)
        .selectors(selectClass(fixture))
        .execute();
  }

  /** The throwables of the failed tests, in event order. */
  static List<Throwable> failures(EngineExecutionResults results) {
    return results.testEvents().failed().stream()
        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
        .map(r -> r.getThrowable().orElseThrow())
        .collect(Collectors.toList());
  }

  /** The only failure of the run. */
  static Throwable onlyFailure(EngineExecutionResults results) {
    List<Throwable> failures = failures(results);
    if (failures.size() != 1) {
      throw new AssertionError(
          "expected exactly one failed test but got "
              + failures.size()
              + ": "
              + failures
              + "\nevents: "
              + results.allEvents().stream().map(Event::toString).collect(Collectors.toList()));
    }
    return failures.get(0);
  }

  /** The values of the report entries the tests published. */
  static List<String> reportEntries(EngineExecutionResults results) {
    return results.allEvents().stream()
        .filter(e -> e.getType() == EventType.REPORTING_ENTRY_PUBLISHED)
        .map(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).orElseThrow())
        .flatMap(r -> r.getKeyValuePairs().values().stream())
        .collect(Collectors.toList());
  }

  /**
   * Runs a fixture class through a real launcher, as Surefire, Gradle and IDEs do: unlike the test
   * kit, it calls the launcher listeners registered as services and falls back to system properties
   * and {@code junit-platform.properties}. Callers must be {@code @Isolated}: the launcher's keys
   * are JVM-wide.
   *
   * @return the result of every test and container, in the order they finished
   */
  static List<TestExecutionResult> launch(Class<?> fixture, Map<String, String> configuration) {
    List<TestExecutionResult> results = new ArrayList<>();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameters(configuration)
                .build(),
            new TestExecutionListener() {
              @Override
              public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                  results.add(result);
                }
              }
            });
    return results;
  }
}
