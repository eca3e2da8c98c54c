package org.leakcheck.internal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.analysis.process.AnalyzerProcess;

/**
 * Takes heap dumps and has them analysed, one dump at a time for the whole JVM. Tests that need a
 * dump at about the same moment (parallel execution) share one: the first becomes the batch's
 * leader, waits a moment for others to join, then one dump and one analysis serve all of them.
 * Files, directories and the keep policy are {@link DumpFiles}' business.
 *
 * <p>Each member of a batch keeps its own settings: it gets only its own verdicts; the dump is kept
 * for the members whose {@code keepDumps} asks for it given their own verdicts, under their own
 * name and reports directory (see {@link DumpFiles}); the analysis runs with the largest heap and
 * the longest timeout asked, and each member waits at most its own timeout from the analysis'
 * start, after which it gets its own timeout reason while the others go on waiting. The dump and
 * the analysis run on a thread of their own ({@code leakcheck-dump}) so that no member's thread is
 * held beyond its own timeout.
 */
public final class DumpCoordinator {

  /** How long a batch leader waits for concurrent tests to join its dump. */
  private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  public static final DumpCoordinator SHARED =
      new DumpCoordinator(HeapDumper.HOTSPOT, DumpAnalyzer.CHILD_JVM);

  private final HeapDumper dumper;
  private final DumpAnalyzer analyzer;
  private final ReentrantLock dumping = new ReentrantLock();
  private final Object lock = new Object();
  private Batch open;

  public DumpCoordinator(HeapDumper dumper, DumpAnalyzer analyzer) {
    this.dumper = dumper;
    this.analyzer = analyzer;
  }

  /** One test in a batch: what it asked, and its outcome once known. */
  private static final class Member {
    final Submission submission;
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    Member(Submission submission) {
      this.submission = submission;
    }
  }

  /**
   * Tests sharing one dump. Outcomes are completed, and the dump kept for members, only while
   * holding the batch's monitor, so that a member timing out and the end of the analysis agree.
   */
  private static final class Batch {
    final List<Member> members = new ArrayList<>();

    /** {@link System#nanoTime()} when the analysis started; completed also when there is none. */
    final CompletableFuture<Long> analysisStarted = new CompletableFuture<>();

    Path dump;
    boolean dumpKeptAsIs;
    boolean settled;
  }

  /**
   * Dumps (or joins a dump) and analyses it; blocks until this submission's outcome is known or its
   * analysis timeout has passed. A test that left its thread interrupted still gets its analysis:
   * the interrupt is set aside meanwhile and restored afterwards (otherwise an object held only by
   * the test instance would be reported as a leak, "the analysis was interrupted").
   */
  public Outcome analyse(Submission submission) {
    boolean interrupted = Thread.interrupted();
    try {
      return analyseUninterrupted(submission);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Outcome analyseUninterrupted(Submission submission) {
    Batch batch;
    boolean leader;
    Member member = new Member(submission);
    synchronized (lock) {
      leader = open == null;
      if (leader) {
        open = new Batch();
      }
      batch = open;
      batch.members.add(member);
    }
    if (leader) {
      Thread worker = new Thread(null, () -> lead(batch), "leakcheck-dump", 0, false);
      worker.setDaemon(true);
      worker.setContextClassLoader(DumpCoordinator.class.getClassLoader());
      try {
        worker.start();
      } catch (OutOfMemoryError e) {
        lead(batch); // no thread to be had: this test waits for the whole batch, as it can
      }
    }
    Duration timeout = submission.settings().analysisTimeout();
    try {
      long started = batch.analysisStarted.get();
      long left = timeout.toNanos() - (System.nanoTime() - started);
      return member.outcome.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return timedOut(batch, member, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(
          NoVerdict.ANALYSIS_FAILED, "interrupted while waiting for the heap dump analysis", null);
    } catch (ExecutionException e) {
      return Outcome.failed(
          NoVerdict.ANALYSIS_FAILED, "the heap dump analysis failed: " + e.getCause(), null);
    }
  }

  /** The leader's part, on the worker thread: waits for others to join, then runs the batch. */
  private void lead(Batch batch) {
    try {
      LockSupport.parkNanos(GATHER_NANOS);
      dumping.lock();
      try {
        synchronized (lock) {
          open = null; // later submissions start the next batch
        }
        run(batch);
      } finally {
        dumping.unlock();
      }
    } catch (RuntimeException | Error e) {
      // Every member still waiting gets the reason; nothing is rethrown on this thread.
      finish(
          batch,
          (m, kept) ->
              Outcome.failed(
                  NoVerdict.ANALYSIS_FAILED,
                  "the heap dump analysis failed: " + DumpFiles.oneLine(e),
                  null),
          m -> false);
    } finally {
      batch.analysisStarted.complete(System.nanoTime()); // no member waits for ever
    }
  }

  /** This member's own timeout passed: it gets its reason while the analysis goes on for others. */
  private static Outcome timedOut(Batch batch, Member member, Duration timeout) {
    synchronized (batch) {
      if (!member.outcome.isDone()) {
        boolean keep =
            DumpFiles.keeps(member.submission.settings().keepDumps(), false, false)
                && !batch.settled;
        member.outcome.complete(
            Outcome.failed(
                NoVerdict.ANALYSIS_TIMED_OUT,
                "the analysis did not finish within " + AnalyzerProcess.format(timeout),
                keep ? keptFor(batch, member) : null));
        if (batch.members.stream().allMatch(m -> m.outcome.isDone())) {
          settle(batch); // nobody waits for this dump any more: it goes now, not with the analysis
        }
      }
    }
    return member.outcome.join();
  }

  private void run(Batch batch) {
    Submission first = batch.members.get(0).submission;
    Path dump = null;
    try {
      dump =
          DumpFiles.newDumpFile(first.settings().reportsDir(), first.testClass(), first.testName());
      synchronized (batch) {
        batch.dump = dump; // deleted by settle, before any member is told
      }
      Outcome problem = DumpFiles.write(dumper, dump);
      if (problem != null) {
        finish(batch, (m, kept) -> problem, m -> false);
        return;
      }
      // One group per member: each test's verdicts see only its own markers (test instances…).
      AnalysisRequest.Builder builder =
          AnalysisRequest.builder(dump)
              .retainedSizes(true)
              .excludedClassPrefixes(first.settings().frameworkPackages());
      Duration timeout = Duration.ZERO;
      for (Member m : batch.members) {
        builder.group(m.submission.requestId(), m.submission.serials(), m.submission.types());
        Duration own = m.submission.settings().analysisTimeout();
        timeout = own.compareTo(timeout) > 0 ? own : timeout;
      }
      AnalysisRequest request = builder.build();
      String maxHeap = largestMaxHeap(batch.members, Files.size(dump));
      batch.analysisStarted.complete(System.nanoTime());
      AnalysisResult result;
      try {
        result = analyzer.analyze(request, timeout, maxHeap);
      } catch (AnalysisException e) {
        finish(
            batch,
            (m, kept) -> Outcome.failed(e.kind(), e.getMessage(), kept),
            m -> DumpFiles.keeps(m.submission.settings().keepDumps(), false, false));
        return;
      }
      finish(
          batch,
          (m, kept) ->
              Outcome.analysed(
                  verdictsOf(m, result), typesOf(m, result), instancesOf(m, result), kept),
          m ->
              DumpFiles.keeps(
                  m.submission.settings().keepDumps(),
                  true,
                  leaked(verdictsOf(m, result)) || leaked(typesOf(m, result).values())));
    } catch (IOException | RuntimeException | Error e) {
      // Before the dump has a file, the reports directory is what failed.
      NoVerdict kind = dump == null ? NoVerdict.DUMP_NOT_WRITTEN : NoVerdict.ANALYSIS_FAILED;
      finish(
          batch,
          (m, kept) ->
              Outcome.failed(
                  kind,
                  "the heap dump could not be made or analysed: " + DumpFiles.oneLine(e),
                  null),
          m -> false);
    } finally {
      synchronized (batch) {
        if (batch.dump == null && dump != null) {
          batch.dump = dump;
        }
        settle(batch);
        if (dump != null) {
          DumpFiles.settled(dump);
        }
      }
    }
  }

  /** How a member's outcome is made, given the path of its kept dump or {@code null}. */
  private interface OutcomeOf {
    Outcome of(Member member, Path keptDump);
  }

  /** Whether a member keeps the dump. */
  private interface KeepsDump {
    boolean keeps(Member member);
  }

  /**
   * Completes every member still waiting, keeping the dump for those that ask; the dump is deleted
   * (unless kept as is) before any member learns its outcome, so that none sees it still there.
   */
  private static void finish(Batch batch, OutcomeOf outcome, KeepsDump keeps) {
    synchronized (batch) {
      Map<Member, Outcome> outcomes = new HashMap<>();
      for (Member m : batch.members) {
        if (m.outcome.isDone()) {
          continue; // timed out already
        }
        Path kept =
            batch.dump != null && !batch.settled && keeps.keeps(m) ? keptFor(batch, m) : null;
        outcomes.put(m, outcome.of(m, kept));
      }
      settle(batch);
      outcomes.forEach((m, o) -> m.outcome.complete(o));
    }
  }

  /**
   * Deletes the dump unless a member keeps it as is; no member can keep it afterwards. The exit
   * hook keeps watching it until the analysis is over (an analyser may still have it open).
   */
  private static void settle(Batch batch) {
    batch.settled = true;
    if (batch.dump != null && !batch.dumpKeptAsIs) {
      DumpFiles.deleteQuietly(batch.dump);
    }
  }

  /** The dump for one member to keep: the file itself for the first member, else a link or copy. */
  private static Path keptFor(Batch batch, Member member) {
    if (batch.dump == null) {
      return null;
    }
    if (member != batch.members.get(0)) {
      Path own = DumpFiles.keepAlsoFor(batch.dump, member.submission);
      if (own != null) {
        return own;
      }
    }
    batch.dumpKeptAsIs = true;
    return batch.dump;
  }

  private static Map<Long, TrackedVerdict> verdictsOf(Member member, AnalysisResult result) {
    Map<Long, TrackedVerdict> mine = new HashMap<>();
    for (Long serial : member.submission.serials()) {
      TrackedVerdict v = result.bySerial().get(serial);
      if (v != null) {
        mine.put(serial, v);
      }
    }
    return mine;
  }

  private static Map<Long, SurvivingInstances> typesOf(Member member, AnalysisResult result) {
    Map<Long, SurvivingInstances> mine = new HashMap<>();
    for (TypeQuery q : member.submission.types()) {
      SurvivingInstances s = result.byQuery().get(q.id());
      if (s != null) {
        mine.put(q.id(), s);
      }
    }
    return mine;
  }

  /** Leaked or undecided instances of a tracked type: the test fails or aborts. */
  private static boolean leaked(Collection<SurvivingInstances> instances) {
    return instances.stream().anyMatch(s -> s.reachable() > 0 || s.undecidedReason() != null);
  }

  /** This member's retained test instances (a warning each). */
  private static List<HeapPath> instancesOf(Member member, AnalysisResult result) {
    List<HeapPath> instances = new ArrayList<>();
    for (RetainedTestInstance r : result.retainedTestInstances()) {
      if (r.markerRequest() == member.submission.requestId()) {
        instances.add(r.path());
      }
    }
    return instances;
  }

  /** A leak, or undecided: the test fails (or aborts), so on-failure keeps the dump. */
  private static boolean leaked(Map<Long, TrackedVerdict> verdicts) {
    return verdicts.values().stream()
        .anyMatch(
            v -> v.verdict() == Verdict.STRONGLY_REACHABLE || v.verdict() == Verdict.UNDECIDED);
  }

  /**
   * At least as much heap as every member asked: the largest explicit size, or the automatic size
   * ({@code null}) when a member left it automatic and that would be larger.
   */
  private static String largestMaxHeap(List<Member> members, long dumpSize) {
    String largest = null;
    boolean automatic = false;
    for (Member m : members) {
      String own = m.submission.settings().analysisMaxHeap();
      if (own == null) {
        automatic = true;
      } else if (largest == null || bytes(own) > bytes(largest)) {
        largest = own;
      }
    }
    if (largest == null
        || (automatic && bytes(AnalyzerProcess.autoMaxHeap(dumpSize)) > bytes(largest))) {
      return null;
    }
    return largest;
  }

  /** The bytes of an {@code -Xmx} value such as {@code 512m}. */
  private static long bytes(String size) {
    char unit = Character.toLowerCase(size.charAt(size.length() - 1));
    int shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : 0;
    String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
    return Long.parseLong(digits) << shift;
  }
}
