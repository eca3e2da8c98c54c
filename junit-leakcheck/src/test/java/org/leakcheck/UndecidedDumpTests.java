package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.dump.DumpAnalyzer;
import org.leakcheck.internal.dump.DumpCoordinator;

/**
 * A dump the analysis cannot trust (an array HotSpot may have truncated) gives undecided verdicts;
 * the check reports the survivor as undecided with the reason and no path, never as "not leaked"
 * (nor as leaked). The object here is held only by the test instance, the commonest survivor, which
 * a trustworthy dump shows as no leak. Reuses {@link DumpHandlingTests}' checker seam, hence
 * isolated and sequential like it.
 */
@Isolated
@Execution(ExecutionMode.SAME_THREAD)
class UndecidedDumpTests {

  private static final String REASON =
      "the heap dump truncated an array of type java.lang.Object[] to 536870908 elements"
          + " (HotSpot's 4 GiB record limit): an object it holds may be missing";

  @TempDir Path reports;

  @AfterEach
  void removeChecker() {
    DumpHandlingTests.CHECKER.remove();
  }

  @Test
  void anUndecidedVerdictFailsTheTestWithItsReasonAndNoPath() throws IOException {
    DumpAnalyzer undecided =
        (request, timeout, maxHeap) -> {
          Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
          for (long serial : request.trackedSerials()) {
            verdicts.put(
                serial, TrackedVerdict.undecided(serial, "java.lang.StringBuilder", 1, REASON));
          }
          return new AnalysisResult(verdicts, 1, Duration.ZERO, Duration.ZERO);
        };
    DumpHandlingTests.CHECKER.set(
        new Checker(
            ForcedCollection.DEFAULT,
            new DumpCoordinator(file -> Files.write(file, new byte[] {1}), undecided)));

    LeakDetectedError error =
        (LeakDetectedError)
            onlyFailure(
                run(
                    DumpHandlingTests.HeldByTheTestInstanceTestCase.class,
                    Map.of(
                        LeakCheck.REPORTS_DIR_KEY,
                        reports.toString(),
                        LeakCheck.KEEP_DUMPS_KEY,
                        "never")));

    assertThat(error.leakedObjects()).as("undecided is not leaked").isEmpty();
    assertThat(error.undecidedObjects())
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.label()).hasValue("in a field");
              assertThat(leak.retainingPath()).isEmpty();
              assertThat(leak.undecidedReason()).hasValue(REASON);
            });
    assertThat(error.getMessage())
        .contains("could not tell whether it is leaked: " + REASON)
        .doesNotContain("strongly reachable")
        .doesNotContain("\tat ");
    try (Stream<Path> files = Files.walk(reports)) {
      assertThat(files.filter(p -> p.toString().endsWith(".hprof"))).isEmpty();
    }
  }
}
