package org.leakcheck.internal.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakcheck.LeakCheck;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.config.Configuration;

/** Tests that need a heap dump at about the same moment share one dump and one analysis. */
class DumpCoordinatorTests {

  @TempDir Path reports;

  @Test
  void testsWaitingForADumpInProgressShareTheNextOne() throws Exception {
    // GIVEN a dumper whose first dump blocks until released, and an analyser that answers for
    // every serial it is asked about
    CountDownLatch firstDumpStarted = new CountDownLatch(1);
    CountDownLatch releaseFirstDump = new CountDownLatch(1);
    List<Path> dumps = new CopyOnWriteArrayList<>();
    List<Set<Long>> analysedSerials = new CopyOnWriteArrayList<>();
    List<List<AnalysisRequest.Group>> analysedGroups = new CopyOnWriteArrayList<>();
    HeapDumper dumper =
        file -> {
          dumps.add(file);
          Files.write(file, new byte[] {1});
          if (dumps.size() == 1) {
            firstDumpStarted.countDown();
            await(releaseFirstDump);
          }
        };
    DumpAnalyzer analyzer =
        (request, timeout, maxHeap) -> {
          analysedSerials.add(request.trackedSerials());
          analysedGroups.add(request.groups());
          Map<Long, TrackedVerdict> verdicts = new java.util.HashMap<>();
          for (long serial : request.trackedSerials()) {
            verdicts.put(
                serial,
                new TrackedVerdict(
                    serial, Verdict.NOT_STRONGLY_REACHABLE, "Worker", 1, null, -1, -1));
          }
          return new AnalysisResult(verdicts, 1, Duration.ZERO, Duration.ZERO);
        };
    DumpCoordinator coordinator = new DumpCoordinator(dumper, analyzer);
    Configuration settings =
        Configuration.from(
            key ->
                key.equals(LeakCheck.REPORTS_DIR_KEY)
                    ? Optional.of(reports.toString())
                    : Optional.empty(),
            Set.of(LeakCheck.REPORTS_DIR_KEY));

    // WHEN one test's dump is in progress and three more tests need one meanwhile
    CompletableFuture<Outcome> first = submit(coordinator, settings, 1);
    assertThat(firstDumpStarted.await(60, TimeUnit.SECONDS)).isTrue();
    List<Thread> waiting = new ArrayList<>();
    List<CompletableFuture<Outcome>> later = new ArrayList<>();
    for (long serial = 2; serial <= 4; serial++) {
      later.add(submit(coordinator, settings, serial, waiting));
    }
    awaitAllWaiting(waiting);
    releaseFirstDump.countDown();

    // THEN the three share the second dump and its analysis, and each gets its own verdict
    assertThat(first.get(60, TimeUnit.SECONDS).verdict(1)).isPresent();
    for (int i = 0; i < later.size(); i++) {
      Outcome outcome = later.get(i).get(60, TimeUnit.SECONDS);
      assertThat(outcome.verdict(i + 2)).isPresent();
      assertThat(outcome.verdict(1)).as("another test's verdict").isEmpty();
    }
    assertThat(dumps).hasSize(2);
    assertThat(analysedSerials).containsExactly(Set.of(1L), Set.of(2L, 3L, 4L));
    assertThat(analysedGroups.get(1))
        .as("each member judged with its own markers only")
        .containsExactlyInAnyOrder(
            new AnalysisRequest.Group(Set.of(2L), Set.of(2L)),
            new AnalysisRequest.Group(Set.of(3L), Set.of(3L)),
            new AnalysisRequest.Group(Set.of(4L), Set.of(4L)));
    try (Stream<Path> left = Files.walk(reports)) {
      assertThat(left.filter(p -> p.toString().endsWith(".hprof"))).as("dumps deleted").isEmpty();
    }
  }

  @Test
  void eachMemberOfABatchKeepsTheDumpByItsOwnPolicyInItsOwnReportsDirectory(
      @TempDir Path otherReports) throws Exception {
    // GIVEN a first dump held until the others wait, and an analysis that finds serial 2 leaked
    FirstDumpHeld held = new FirstDumpHeld();
    List<Long> leakedSerials = List.of(2L);
    DumpCoordinator coordinator =
        new DumpCoordinator(
            held.dumper(), (request, timeout, maxHeap) -> answer(request, leakedSerials));
    Configuration never = settings(reports, "never", "2m", null);
    Configuration onFailureElsewhere = settings(otherReports, "on-failure", "2m", null);

    // WHEN three tests share the second dump: one that never keeps, one that keeps on failure in
    // another reports directory and leaked, one that keeps on failure and did not leak
    CompletableFuture<Outcome> first = submit(coordinator, never, 1);
    held.awaitStarted();
    List<Thread> waiting = new ArrayList<>();
    CompletableFuture<Outcome> neverKeeps = submit(coordinator, never, 3, waiting);
    CompletableFuture<Outcome> leaked = submit(coordinator, onFailureElsewhere, 2, waiting);
    CompletableFuture<Outcome> notLeaked = submit(coordinator, onFailureElsewhere, 4, waiting);
    awaitAllWaiting(waiting);
    held.release();

    // THEN only the leaking member that asked keeps it, under its own name in its own directory
    assertThat(first.get(60, TimeUnit.SECONDS).keptDump()).isEmpty();
    assertThat(neverKeeps.get(60, TimeUnit.SECONDS).keptDump()).isEmpty();
    assertThat(notLeaked.get(60, TimeUnit.SECONDS).keptDump()).isEmpty();
    Path kept = otherReports.resolve("Tests").resolve("t2.hprof");
    Outcome leakedOutcome = leaked.get(60, TimeUnit.SECONDS);
    assertThat(leakedOutcome.failure()).isEmpty();
    assertThat(leakedOutcome.keptDump()).contains(kept);
    assertThat(kept).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
        .isEqualTo("rw-------");
    assertThat(dumpsIn(reports)).as("the shared dump, where the first member asked").isEmpty();
    assertThat(dumpsIn(otherReports)).containsExactly(kept);
    assertThat(held.dumps).hasSize(2);
  }

  @Test
  void aMemberWhoseAnalysisTimeoutPassedGetsItsOwnReasonWhileTheOthersGoOn() throws Exception {
    // GIVEN a first dump held until the others wait, and a second analysis held until released
    FirstDumpHeld held = new FirstDumpHeld();
    CountDownLatch secondAnalysisStarted = new CountDownLatch(1);
    CountDownLatch releaseSecondAnalysis = new CountDownLatch(1);
    List<String> analysis = new CopyOnWriteArrayList<>();
    DumpCoordinator coordinator =
        new DumpCoordinator(
            held.dumper(),
            (request, timeout, maxHeap) -> {
              if (!request.trackedSerials().contains(1L)) {
                analysis.add(timeout + " " + maxHeap);
                secondAnalysisStarted.countDown();
                await(releaseSecondAnalysis);
              }
              return answer(request, List.of());
            });
    Configuration impatient = settings(reports, "always", "50ms", "64m");
    Configuration patient = settings(reports, "never", "5m", "512m");

    // WHEN an impatient test that keeps every dump and a patient one that keeps none share a dump
    CompletableFuture<Outcome> first = submit(coordinator, patient, 1);
    held.awaitStarted();
    List<Thread> waiting = new ArrayList<>();
    CompletableFuture<Outcome> fast = submit(coordinator, impatient, 2, waiting);
    CompletableFuture<Outcome> slow = submit(coordinator, patient, 3, waiting);
    awaitAllWaiting(waiting);
    held.release();
    assertThat(first.get(60, TimeUnit.SECONDS).failure()).isEmpty();
    assertThat(secondAnalysisStarted.await(60, TimeUnit.SECONDS)).isTrue();

    // THEN the impatient one gets its own timeout, and its dump, while the analysis goes on
    Outcome timedOut = fast.get(60, TimeUnit.SECONDS);
    assertThat(timedOut.failure()).contains("the analysis did not finish within 50 ms");
    Path kept = reports.resolve("Tests").resolve("t2.hprof");
    assertThat(timedOut.keptDump()).contains(kept);
    assertThat(slow).isNotDone();
    releaseSecondAnalysis.countDown();

    // AND the patient one gets its verdict from the analysis run with the largest heap and the
    // longest timeout asked; only the impatient one's dump is left
    Outcome analysed = slow.get(60, TimeUnit.SECONDS);
    assertThat(analysed.failure()).isEmpty();
    assertThat(analysed.verdict(3)).isPresent();
    assertThat(analysed.keptDump()).isEmpty();
    assertThat(analysis).containsExactly("PT5M 512m");
    assertThat(dumpsIn(reports)).containsExactly(kept);
  }

  @Test
  void theAnalysisHeapIsAutomaticWhenAMemberLeftItSoAndThatIsLarger() throws Exception {
    FirstDumpHeld held = new FirstDumpHeld();
    List<String> heaps = new CopyOnWriteArrayList<>();
    DumpCoordinator coordinator =
        new DumpCoordinator(
            held.dumper(),
            (request, timeout, maxHeap) -> {
              heaps.add(String.valueOf(maxHeap));
              return answer(request, List.of());
            });

    CompletableFuture<Outcome> first =
        submit(coordinator, settings(reports, "never", "2m", "16m"), 1);
    held.awaitStarted();
    List<Thread> waiting = new ArrayList<>();
    List<CompletableFuture<Outcome>> later =
        List.of(
            submit(coordinator, settings(reports, "never", "2m", "16m"), 2, waiting),
            submit(coordinator, settings(reports, "never", "2m", null), 3, waiting));
    awaitAllWaiting(waiting);
    held.release();
    first.get(60, TimeUnit.SECONDS);
    for (CompletableFuture<Outcome> outcome : later) {
      outcome.get(60, TimeUnit.SECONDS);
    }

    assertThat(heaps)
        .as("alone: its own; with an automatic member: the automatic 256m")
        .containsExactly("16m", "null");
  }

  /**
   * A dumper whose first dump blocks until released; every dump is a one-byte file. The waits in
   * these tests are generous bounds (60 s): the full build runs real heap dumps of its own JVM in
   * parallel, and each stops every thread at a safepoint for seconds.
   */
  private static final class FirstDumpHeld {
    final CountDownLatch firstDumpStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirstDump = new CountDownLatch(1);
    final List<Path> dumps = new CopyOnWriteArrayList<>();

    HeapDumper dumper() {
      return file -> {
        dumps.add(file);
        Files.write(file, new byte[] {1});
        if (dumps.size() == 1) {
          firstDumpStarted.countDown();
          await(releaseFirstDump);
        }
      };
    }

    void awaitStarted() throws InterruptedException {
      assertThat(firstDumpStarted.await(60, TimeUnit.SECONDS)).isTrue();
    }

    void release() {
      releaseFirstDump.countDown();
    }
  }

  /** Every serial asked about: strongly reachable if in {@code leaked}, else not. */
  private static AnalysisResult answer(
      org.leakcheck.internal.analysis.AnalysisRequest request, List<Long> leaked) {
    Map<Long, TrackedVerdict> verdicts = new java.util.HashMap<>();
    for (long serial : request.trackedSerials()) {
      Verdict verdict =
          leaked.contains(serial) ? Verdict.STRONGLY_REACHABLE : Verdict.NOT_STRONGLY_REACHABLE;
      org.leakcheck.internal.analysis.HeapPath path =
          verdict == Verdict.STRONGLY_REACHABLE
              ? new org.leakcheck.internal.analysis.HeapPath(
                  new org.leakcheck.internal.analysis.GcRoot(
                      org.leakcheck.internal.analysis.GcRoot.Kind.SYSTEM_CLASS,
                      2,
                      "Registry",
                      null,
                      null),
                  List.of(
                      new org.leakcheck.internal.analysis.PathStep(
                          1,
                          "Worker",
                          org.leakcheck.internal.analysis.EdgeKind.ROOT,
                          null,
                          -1,
                          null,
                          16,
                          null)))
              : null;
      verdicts.put(serial, new TrackedVerdict(serial, verdict, "Worker", 1, path, -1, -1));
    }
    return new AnalysisResult(verdicts, 1, Duration.ZERO, Duration.ZERO);
  }

  private static Configuration settings(
      Path reportsDir, String keepDumps, String analysisTimeout, String maxHeap) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put(LeakCheck.REPORTS_DIR_KEY, reportsDir.toString());
    values.put(LeakCheck.KEEP_DUMPS_KEY, keepDumps);
    values.put(LeakCheck.ANALYSIS_TIMEOUT_KEY, analysisTimeout);
    if (maxHeap != null) {
      values.put(LeakCheck.ANALYSIS_MAX_HEAP_KEY, maxHeap);
    }
    return Configuration.from(key -> Optional.ofNullable(values.get(key)), values.keySet());
  }

  private static List<Path> dumpsIn(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".hprof")).collect(Collectors.toList());
    }
  }

  private static CompletableFuture<Outcome> submit(
      DumpCoordinator coordinator, Configuration settings, long serial) {
    return submit(coordinator, settings, serial, new ArrayList<>());
  }

  private static CompletableFuture<Outcome> submit(
      DumpCoordinator coordinator, Configuration settings, long serial, List<Thread> threads) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () ->
                outcome.complete(
                    coordinator.analyse(
                        new Submission(serial, Set.of(serial), settings, "Tests", "t" + serial))),
            "test-" + serial);
    threads.add(thread);
    thread.start();
    return outcome;
  }

  /** Until every thread is blocked: joined the open batch, or leading it and waiting its turn. */
  private static void awaitAllWaiting(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      assertThat(System.nanoTime() - deadline).as("threads blocked in time").isNegative();
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
