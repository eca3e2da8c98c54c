package org.leakcheck.internal.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(firstDumpStarted.await(10, TimeUnit.SECONDS)).isTrue();
    List<Thread> waiting = new ArrayList<>();
    List<CompletableFuture<Outcome>> later = new ArrayList<>();
    for (long serial = 2; serial <= 4; serial++) {
      later.add(submit(coordinator, settings, serial, waiting));
    }
    awaitAllWaiting(waiting);
    releaseFirstDump.countDown();

    // THEN the three share the second dump and its analysis, and each gets its own verdict
    assertThat(first.get(10, TimeUnit.SECONDS).verdict(1)).isPresent();
    for (int i = 0; i < later.size(); i++) {
      Outcome outcome = later.get(i).get(10, TimeUnit.SECONDS);
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
      assertThat(System.nanoTime() - deadline).as("threads blocked in time").isNegative();
      Thread.sleep(5);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
