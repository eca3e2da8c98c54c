package org.leakcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;

/**
 * Runs a {@code *LeakyCase} suite through the Jupiter engine, the way the proof tests need it: with
 * the default configuration (fail on a leak), whatever the build passes to Surefire.
 */
public final class LeakyCases {

  private LeakyCases() {}

  /**
   * Runs every test of the suite and returns, per test method name, the {@link LeakDetectedError}
   * it failed with. Fails unless every test of the suite failed with one.
   *
   * @param suite a {@code *LeakyCase} class
   * @return the errors by test method name, in execution order
   */
  public static Map<String, LeakDetectedError> leaksOf(Class<?> suite) {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameters(Map.of("leakcheck.mode", "fail"))
            .selectors(selectClass(suite))
            .execute();
    List<Event> finished = results.testEvents().finished().list();
    assertThat(finished).as("tests run in %s", suite.getSimpleName()).isNotEmpty();
    Map<String, LeakDetectedError> errors = new LinkedHashMap<>();
    for (Event event : finished) {
      String method =
          ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getMethodName();
      TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
      assertThat(result.getThrowable())
          .as("%s.%s should fail with a LeakDetectedError", suite.getSimpleName(), method)
          .containsInstanceOf(LeakDetectedError.class);
      errors.put(method, (LeakDetectedError) result.getThrowable().orElseThrow());
    }
    return errors;
  }

  /**
   * The single leaked object of an error, which must have a retaining path.
   *
   * @param error the error
   * @return the leaked object
   */
  public static LeakedObject onlyLeak(LeakDetectedError error) {
    assertThat(error.leakedObjects()).as("leaked objects of:%n%s", error.getMessage()).hasSize(1);
    LeakedObject leak = error.leakedObjects().get(0);
    assertThat(leak.retainingPath()).as("retaining path of:%n%s", error.getMessage()).isPresent();
    return leak;
  }

  /**
   * The last steps of a path, each as {@code "class reference"} (for example {@code
   * "org.example.Worker [0]"}): the part of a path that is the same on every JDK, unlike the
   * internals of JDK collections before it.
   *
   * @param leak the leaked object
   * @param count how many steps, from the end
   * @return the steps, in path order
   */
  public static List<String> tail(LeakedObject leak, int count) {
    List<RetainingPath.Step> steps = leak.retainingPath().orElseThrow().steps();
    return steps.subList(Math.max(0, steps.size() - count), steps.size()).stream()
        .map(s -> s.className() + " " + s.reference())
        .collect(Collectors.toList());
  }

  /**
   * The summaries the path shows for its steps (a map entry's key, a string's text), where it has
   * one.
   *
   * @param leak the leaked object
   * @return the summaries, in path order
   */
  public static List<String> summaries(LeakedObject leak) {
    return leak.retainingPath().orElseThrow().steps().stream()
        .flatMap(s -> s.summary().stream())
        .collect(Collectors.toList());
  }

  /**
   * Every step of a path as {@code "class reference"}.
   *
   * @param leak the leaked object
   * @return the steps
   */
  public static List<String> steps(LeakedObject leak) {
    return tail(leak, Integer.MAX_VALUE);
  }
}
