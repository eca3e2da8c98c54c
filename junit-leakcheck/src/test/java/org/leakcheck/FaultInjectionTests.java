package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.collect.GcTrigger;
import org.leakcheck.internal.dump.DumpAnalyzer;
import org.leakcheck.internal.dump.DumpCoordinator;
import org.leakcheck.internal.dump.HeapDumper;

/**
 * Faults beyond {@link DumpHandlingTests}: an analysis past its time limit, a JVM without HotSpot's
 * diagnostics, the default configuration's dump handling. In each, the test that leaked fails with
 * the reason, the other tests of the class get their own verdict, and no dump is left behind.
 *
 * <p>Isolated and sequential for the reason {@link DumpHandlingTests} is; reuses its checker seam.
 */
@Isolated
@Execution(ExecutionMode.SAME_THREAD)
class FaultInjectionTests {

  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  @TempDir Path reports;

  @Test
  void anAnalysisPastItsTimeLimitFailsOnlyTheLeakWithTheReasonAndLeavesNoDump() throws IOException {
    DumpHandlingTests.CHECKER.remove();

    EngineExecutionResults results =
        run(
            MixedTestCase.class,
            Map.of(
                LeakCheck.REPORTS_DIR_KEY,
                reports.toString(),
                LeakCheck.ANALYSIS_TIMEOUT_KEY,
                "1ms"));

    LeakDetectedError error = onlyLeak(results);
    assertThat(error.leakedObjects()).isEmpty();
    assertThat(error.undecidedObjects())
        .singleElement()
        .satisfies(
            leak ->
                assertThat(leak.undecidedReason())
                    .hasValue("the analysis did not finish within 1 ms"));
    assertThat(error.getMessage())
        .contains("could not tell whether it is leaked: the analysis did not finish within 1 ms")
        .contains("to get a decision, raise leakcheck.analysis.timeout")
        .doesNotContain("\tat ");
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void aJvmThatCannotForceCollectionExplainsWhyInsteadOfGivingAVerdict() throws IOException {
    DumpHandlingTests.CHECKER.set(
        new Checker(
            new ForcedCollection(
                List.of(
                    unavailable("System.gc()", "-XX:+DisableExplicitGC is set"),
                    unavailable("GC.run", "no DiagnosticCommand MBean"))),
            new DumpCoordinator(noHotSpotDumps(), DumpAnalyzer.CHILD_JVM)));

    EngineExecutionResults results =
        run(MixedTestCase.class, Map.of(LeakCheck.REPORTS_DIR_KEY, reports.toString()));

    Map<String, Optional<Throwable>> outcomes = outcomes(results);
    assertThat(outcomes.get("leaks"))
        .hasValueSatisfying(
            t ->
                assertThat(t)
                    .isInstanceOf(CollectionUnavailableException.class)
                    .hasMessageContaining("garbage collection cannot be forced in this JVM")
                    .hasMessageContaining("-XX:+DisableExplicitGC is set")
                    .hasMessageContaining("no DiagnosticCommand MBean"));
    // The dropped object may be collected by an ordinary collection before the check; either way
    // it must never be called a leak.
    assertThat(outcomes.get("dropsItsObject"))
        .satisfiesAnyOf(
            t -> assertThat(t).isEmpty(),
            t -> assertThat(t).containsInstanceOf(CollectionUnavailableException.class));
    assertThat(outcomes.get("tracksNothing")).isEmpty();
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void aJvmWithoutHotSpotDumpsStillCollectsAndFailsOnlyTheLeakWithTheReason() throws IOException {
    DumpHandlingTests.CHECKER.set(
        new Checker(
            ForcedCollection.DEFAULT,
            new DumpCoordinator(noHotSpotDumps(), DumpAnalyzer.CHILD_JVM)));

    EngineExecutionResults results =
        run(MixedTestCase.class, Map.of(LeakCheck.REPORTS_DIR_KEY, reports.toString()));

    assertThat(onlyLeak(results).undecidedObjects())
        .singleElement()
        .satisfies(
            leak ->
                assertThat(leak.undecidedReason())
                    .hasValueSatisfying(
                        r -> assertThat(r).endsWith("it has no HotSpotDiagnosticMXBean)")));
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void withTheDefaultConfigurationTheAnalysedDumpIsDeleted() throws IOException {
    DumpHandlingTests.CHECKER.remove();

    EngineExecutionResults results =
        run(MixedTestCase.class, Map.of(LeakCheck.REPORTS_DIR_KEY, reports.toString()));

    assertThat(onlyLeak(results).leakedObjects())
        .singleElement()
        .satisfies(leak -> assertThat(leak.retainingPath()).as("a dump was analysed").isPresent());
    assertThat(dumpsIn(reports)).isEmpty();
  }

  /**
   * The failure of {@code leaks}, a {@link LeakDetectedError} (its object leaked, or undecided when
   * the dump failed); the other tests must have passed.
   */
  private static LeakDetectedError onlyLeak(EngineExecutionResults results) {
    Map<String, Optional<Throwable>> outcomes = outcomes(results);
    assertThat(outcomes).containsOnlyKeys("leaks", "dropsItsObject", "tracksNothing");
    assertThat(outcomes.get("dropsItsObject")).as("the test that dropped its object").isEmpty();
    assertThat(outcomes.get("tracksNothing")).as("the test that tracked nothing").isEmpty();
    Throwable leak =
        outcomes.get("leaks").orElseThrow(() -> new AssertionError("the leaking test passed"));
    assertThat(leak).isInstanceOf(LeakDetectedError.class);
    return (LeakDetectedError) leak;
  }

  /** Method name → the test's failure, if it failed. */
  static Map<String, Optional<Throwable>> outcomes(EngineExecutionResults results) {
    return results.testEvents().finished().stream()
        .collect(
            Collectors.toMap(
                (Event e) -> e.getTestDescriptor().getDisplayName().replaceAll("\\(.*", ""),
                (Event e) -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()));
  }

  private static GcTrigger unavailable(String name, String why) {
    return new GcTrigger() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void trigger() {
        throw new UnsupportedOperationException(why);
      }
    };
  }

  private static HeapDumper noHotSpotDumps() {
    return file -> {
      throw new IOException("this JVM cannot write heap dumps (it has no HotSpotDiagnosticMXBean)");
    };
  }

  static List<Path> dumpsIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".hprof")).collect(Collectors.toList());
    }
  }

  @LeakCheck
  @ExtendWith(DumpHandlingTests.InstallChecker.class)
  static class MixedTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new StringBuilder("leaked"), "leaked"));
    }

    @Test
    void dropsItsObject(LeakTracker leaks) {
      leaks.track(new StringBuilder("dropped"), "dropped");
    }

    @Test
    void tracksNothing() {}
  }
}
