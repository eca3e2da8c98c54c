package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.dump.DumpAnalyzer;
import org.leakcheck.internal.dump.DumpCoordinator;
import org.leakcheck.internal.dump.HeapDumper;

/**
 * Heap dumps: owner-only, deleted unless kept, named in the message when kept; and every way they
 * can fail leaves the survivors undecided (not leaked): the test fails (or, with {@code
 * leakcheck.undecided=abort}, is aborted) with the reason and without a stack trace of ours.
 *
 * <p>Isolated and sequential: concurrent failing tests share one dump, written where the first of
 * them configured, and these tests each configure their own reports directory.
 */
@Isolated
@Execution(ExecutionMode.SAME_THREAD)
class DumpHandlingTests {

  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  /** The checker the fixture installs; set by the test on the same thread that runs the fixture. */
  static final ThreadLocal<Checker> CHECKER = new ThreadLocal<>();

  @TempDir Path reports;

  private Map<String, String> config(String keep) {
    return Map.of(LeakCheck.REPORTS_DIR_KEY, reports.toString(), LeakCheck.KEEP_DUMPS_KEY, keep);
  }

  private List<Path> dumpsIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".hprof")).collect(Collectors.toList());
    }
  }

  @Test
  void deletesTheDumpAfterAnalysisByDefault() throws IOException {
    CHECKER.remove();
    LeakDetectedError error = leakOf(config("never"));

    assertThat(error.leakedObjects().get(0).retainingPath()).isPresent();
    assertThat(error.getMessage()).doesNotContain("Heap dump:");
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void keepsAnOwnerOnlyDumpOnFailureAndNamesIt() throws IOException {
    CHECKER.remove();
    LeakDetectedError error = leakOf(config("on-failure"));

    List<Path> dumps = dumpsIn(reports);
    assertThat(dumps).hasSize(1);
    Path dump = dumps.get(0);
    assertThat(error.getMessage()).contains("Heap dump: " + dump + " (kept: leakcheck.keepDumps)");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump.getParent())))
        .isEqualTo("rwx------");
    assertThat(dump.getParent().resolve("leaks.json"))
        .content()
        .contains("\"heapDump\": \"" + dump + "\"", "\"gcRoot\": \"static field");
  }

  @Test
  void aRealLeakWhoseDumpCannotBeWrittenIsUndecidedNotLeakedAndTheTestFailsWithTheReason()
      throws IOException {
    CHECKER.set(checker(diskFull(), DumpAnalyzer.CHILD_JVM));

    LeakDetectedError error = leakOf(config("always"));

    assertThat(error.leakedObjects()).as("nothing was shown to be leaked").isEmpty();
    assertThat(error.undecidedObjects())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.isDecided()).isFalse();
              assertThat(u.undecidedReason())
                  .hasValueSatisfying(
                      reason ->
                          assertThat(reason)
                              .startsWith("the heap dump could not be written to ")
                              .endsWith(": No space left on device"));
            });
    assertThat(error.getMessage())
        .matches(
            "(?s)the tracked object survived \\d+ confirmed collections? after the test; could not"
                + " tell whether it is leaked\n.*")
        .contains("; could not tell whether it is leaked: the heap dump could not be written to ")
        .contains("Hint: to get a decision, free disk space")
        .doesNotContain("strongly reachable");
    assertThat(dumpsIn(reports)).as("the partial dump is deleted").isEmpty();
  }

  @Test
  void anObjectHeldOnlyByATestFieldWhenTheDumpFailsIsUndecidedAndFailsTheTestByDefault() {
    CHECKER.set(checker(diskFull(), DumpAnalyzer.CHILD_JVM));

    Throwable failure = onlyFailure(run(HeldByTheTestInstanceTestCase.class, config("never")));

    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    LeakDetectedError error = (LeakDetectedError) failure;
    assertThat(error.leakedObjects()).isEmpty();
    assertThat(error.undecidedObjects())
        .singleElement()
        .satisfies(u -> assertThat(u.label()).hasValue("in a field"));
    assertThat(error.getMessage())
        .startsWith("the tracked object survived ")
        .containsPattern(
            "StringBuilder \"in a field\" \\(java.lang.StringBuilder@\\p{XDigit}+, tracked at"
                + " DumpHandlingTests.java:\\d+\\)\n  survived \\d+ confirmed collections?; could not"
                + " tell whether it is leaked: the heap dump could not be written to .*: No space"
                + " left on device")
        .doesNotContain("strongly reachable");
  }

  @Test
  void withUndecidedAbortAnObjectHeldOnlyByATestFieldWhenTheDumpFailsAbortsTheTest() {
    CHECKER.set(checker(diskFull(), DumpAnalyzer.CHILD_JVM));
    Map<String, String> configuration = new java.util.HashMap<>(config("never"));
    configuration.put(LeakCheck.UNDECIDED_KEY, "abort");

    EngineExecutionResults results = run(HeldByTheTestInstanceTestCase.class, configuration);

    results.testEvents().assertStatistics(stats -> stats.aborted(1).failed(0).succeeded(0));
    Throwable abort =
        results.testEvents().aborted().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertThat(abort)
        .isExactlyInstanceOf(org.opentest4j.TestAbortedException.class)
        .hasMessageStartingWith("the tracked object survived ")
        .hasMessageContaining("could not tell whether it is leaked: the heap dump could not be")
        .hasMessageNotContaining("strongly reachable");
  }

  @Test
  void withUndecidedAbortARealLeakStillFails() {
    CHECKER.remove();
    Map<String, String> configuration = new java.util.HashMap<>(config("never"));
    configuration.put(LeakCheck.UNDECIDED_KEY, "abort");

    LeakDetectedError error = leakOf(configuration);

    assertThat(error.leakedObjects())
        .singleElement()
        .satisfies(leak -> assertThat(leak.isDecided()).isTrue());
    assertThat(error.undecidedObjects()).isEmpty();
    assertThat(error.getMessage())
        .startsWith("the tracked object is still strongly reachable after the test")
        .contains("<- leaked");
  }

  @Test
  void aJvmWithoutHeapDumpsStillFailsTheTestWithTheReason() {
    CHECKER.set(
        checker(
            file -> {
              throw new IOException(
                  "this JVM cannot write heap dumps (it has no HotSpotDiagnosticMXBean)");
            },
            DumpAnalyzer.CHILD_JVM));

    LeakDetectedError error = leakOf(config("never"));

    assertThat(error.getMessage()).contains("it has no HotSpotDiagnosticMXBean");
  }

  @Test
  void aFailedAnalysisStillFailsTheTestWithTheReasonAndDeletesTheDump() throws IOException {
    CHECKER.set(
        checker(
            HeapDumper.HOTSPOT,
            (request, timeout, maxHeap) -> {
              throw new AnalysisException(
                  NoVerdict.ANALYSIS_TIMED_OUT, "the analysis did not finish within 120 s");
            }));

    LeakDetectedError error = leakOf(config("never"));

    assertThat(error.undecidedObjects().get(0).undecidedReason())
        .hasValue("the analysis did not finish within 120 s");
    assertThat(error.getMessage())
        .contains("could not tell whether it is leaked: the analysis did not finish within 120 s")
        .contains("to get a decision, raise leakcheck.analysis.timeout")
        .doesNotContain("\tat ");
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void anUnusableReportsDirectoryStillFailsTheTestWithTheReason() throws IOException {
    CHECKER.remove();
    Path notADirectory = Files.write(reports.resolve("file"), new byte[0]);

    LeakDetectedError error = leakOf(Map.of(LeakCheck.REPORTS_DIR_KEY, notADirectory.toString()));

    assertThat(error.undecidedObjects().get(0).undecidedReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("the heap dump could not be made or analysed: ")
                    .contains(notADirectory.toString()));
  }

  @Test
  void withoutRetainingPathASurvivorIsUndecidedAndNoDumpIsTaken() throws IOException {
    CHECKER.remove();
    Map<String, String> configuration =
        Map.of(
            LeakCheck.REPORTS_DIR_KEY, reports.toString(), LeakCheck.RETAINING_PATH_KEY, "false");

    LeakDetectedError error = leakOf(configuration);
    Throwable heldByAField = onlyFailure(run(HeldByTheTestInstanceTestCase.class, configuration));

    for (Throwable t : List.of(error, heldByAField)) {
      assertThat(t)
          .isInstanceOf(LeakDetectedError.class)
          .hasMessageStartingWith("the tracked object survived ")
          .hasMessageContaining(
              "could not tell whether it is leaked: no heap dump is taken with"
                  + " leakcheck.retainingPath=false")
          .hasMessageContaining("to get a decision, set leakcheck.retainingPath=true")
          .hasMessageNotContaining("strongly reachable");
      assertThat(((LeakDetectedError) t).leakedObjects()).isEmpty();
    }
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void keepsTheDumpWithAlwaysEvenWhenItShowedNoLeak() throws IOException {
    CHECKER.remove();
    EngineExecutionResults results = run(HeldByTheTestInstanceTestCase.class, config("always"));

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    List<Path> dumps = dumpsIn(reports);
    assertThat(dumps).as("the survivor took a dump, kept by keepDumps=always").hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dumps.get(0))))
        .isEqualTo("rw-------");
  }

  @Test
  void deletesTheDumpWithOnFailureWhenItShowedNoLeak() throws IOException {
    CHECKER.remove();
    EngineExecutionResults results = run(HeldByTheTestInstanceTestCase.class, config("on-failure"));

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    assertThat(dumpsIn(reports)).isEmpty();
  }

  @Test
  void theJsonReportIsOwnerOnlyLikeTheDump() throws IOException {
    CHECKER.remove();
    leakOf(config("never"));

    Path json =
        reports.resolve(LeakingTestCase.class.getName().replace('$', '_')).resolve("leaks.json");
    assertThat(json).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void aMissingReportsDirectoryIsCreated() throws IOException {
    CHECKER.remove();
    Path missing = reports.resolve("not/there/yet");
    LeakDetectedError error =
        leakOf(
            Map.of(
                LeakCheck.REPORTS_DIR_KEY,
                missing.toString(),
                LeakCheck.KEEP_DUMPS_KEY,
                "on-failure"));

    assertThat(error.leakedObjects().get(0).retainingPath()).isPresent();
    assertThat(dumpsIn(missing)).hasSize(1);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aReadOnlyReportsDirectoryStillFailsTheTestWithTheReason() {
    // Root may write anywhere chmod forbids; /proc refuses everyone.
    Path readOnly = Path.of("/proc/leakcheck-reports");
    assumeTrue(Files.isDirectory(Path.of("/proc")) && !Files.exists(readOnly));
    CHECKER.remove();

    LeakDetectedError error = leakOf(Map.of(LeakCheck.REPORTS_DIR_KEY, readOnly.toString()));

    assertThat(error.undecidedObjects())
        .singleElement()
        .satisfies(
            leak -> {
              assertThat(leak.label()).hasValue("leaked");
              assertThat(leak.undecidedReason())
                  .hasValueSatisfying(
                      reason ->
                          assertThat(reason)
                              .startsWith("the heap dump could not be made or analysed: ")
                              .contains("/proc/leakcheck-reports"));
            });
    assertThat(error.getMessage()).doesNotContain("\tat ");
  }

  /** Runs the leaking fixture with {@code configuration}; its one failure, a leak. */
  private static LeakDetectedError leakOf(Map<String, String> configuration) {
    return (LeakDetectedError) onlyFailure(run(LeakingTestCase.class, configuration));
  }

  /** A dumper that fails as a full disk does, leaving a partial dump. */
  private static HeapDumper diskFull() {
    return file -> {
      Files.write(file, new byte[] {1, 2, 3});
      throw new IOException("No space left on device");
    };
  }

  private static Checker checker(HeapDumper dumper, DumpAnalyzer analyzer) {
    return new Checker(ForcedCollection.DEFAULT, new DumpCoordinator(dumper, analyzer));
  }

  /** Installs {@link #CHECKER}, when set, as the extension's checker for the fixture's run. */
  static final class InstallChecker implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      Checker checker = CHECKER.get();
      if (checker != null) {
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(LeakCheckExtension.class))
            .put(LeakCheckExtension.CHECKER_KEY, checker);
      }
    }
  }

  @LeakCheck
  @ExtendWith(InstallChecker.class)
  static class HeldByTheTestInstanceTestCase {
    Object field;

    @Test
    void keepsItInAField(LeakTracker leaks) {
      field = leaks.track(new StringBuilder("in a field"), "in a field");
    }
  }

  @LeakCheck
  @ExtendWith(InstallChecker.class)
  static class LeakingTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new StringBuilder("leaked"), "leaked"));
    }
  }
}
