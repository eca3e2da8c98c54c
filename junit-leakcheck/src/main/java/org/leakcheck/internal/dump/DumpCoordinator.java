package org.leakcheck.internal.dump;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.RetainingPath;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.config.Configuration.KeepDumps;
import org.leakcheck.internal.config.ReportLocations;

/**
 * Takes heap dumps and has them analysed, one dump at a time for the whole JVM. Tests that need a
 * dump at about the same moment (parallel execution) share one: the first becomes the batch's
 * leader, waits a moment for others to join, then dumps once and analyses once for all of them.
 *
 * <p>Dumps are written owner-only, into a directory only the owner can enter, and deleted after
 * analysis unless the configuration keeps them; nothing is left behind when a step fails.
 */
public final class DumpCoordinator {

  /** How long a batch leader waits for concurrent tests to join its dump. */
  private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  /** Free disk space wanted beyond the estimated dump size. */
  private static final long DISK_MARGIN = 64L << 20;

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

  private static final class Batch {
    final List<Submission> members = new ArrayList<>();
    final Map<Submission, CompletableFuture<Outcome>> outcomes = new HashMap<>();
  }

  /**
   * Dumps (or joins a dump) and analyses it; blocks until this submission's outcome is known. A
   * test that left its thread interrupted still gets its analysis: the interrupt is set aside
   * meanwhile and restored afterwards (otherwise an object held only by the test instance would be
   * reported as a leak, "the analysis was interrupted").
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
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    synchronized (lock) {
      leader = open == null;
      if (leader) {
        open = new Batch();
      }
      batch = open;
      batch.members.add(submission);
      batch.outcomes.put(submission, outcome);
    }
    if (leader) {
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
    }
    try {
      return outcome.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(
          NoVerdict.ANALYSIS_FAILED, "interrupted while waiting for the heap dump analysis", null);
    } catch (ExecutionException e) {
      return Outcome.failed(
          NoVerdict.ANALYSIS_FAILED, "the heap dump analysis failed: " + e.getCause(), null);
    }
  }

  private void run(Batch batch) {
    Submission first = batch.members.get(0);
    Configuration settings = first.settings();
    Path dump = null;
    boolean keep = false;
    try {
      dump = dumpFile(settings.reportsDir(), first.testClass(), first.testName());
      Outcome problem = write(dump);
      if (problem != null) {
        completeAll(batch, problem);
        return;
      }
      // One group per member: each test's verdicts see only its own markers (test instances…).
      AnalysisRequest.Builder builder = AnalysisRequest.builder(dump).retainedSizes(true);
      for (Submission s : batch.members) {
        builder.group(s.requestId(), s.serials());
      }
      AnalysisRequest request = builder.excludedClassPrefixes(settings.frameworkPackages()).build();
      AnalysisResult result;
      try {
        result = analyzer.analyze(request, settings.analysisTimeout(), settings.analysisMaxHeap());
      } catch (AnalysisException e) {
        keep = settings.keepDumps() != KeepDumps.NEVER;
        completeAll(batch, Outcome.failed(e.kind(), e.getMessage(), keep ? dump : null));
        return;
      }
      boolean failing = // a leak, or undecided: the test fails (or aborts)
          result.bySerial().values().stream()
              .anyMatch(
                  v ->
                      v.verdict() == Verdict.STRONGLY_REACHABLE
                          || v.verdict() == Verdict.UNDECIDED);
      keep =
          settings.keepDumps() == KeepDumps.ALWAYS
              || (failing && settings.keepDumps() == KeepDumps.ON_FAILURE);
      for (Submission s : batch.members) {
        Map<Long, TrackedVerdict> mine = new HashMap<>();
        for (Long serial : s.serials()) {
          TrackedVerdict v = result.bySerial().get(serial);
          if (v != null) {
            mine.put(serial, v);
          }
        }
        List<RetainingPath> instances = new ArrayList<>();
        for (RetainedTestInstance r : result.retainedTestInstances()) {
          if (r.markerRequest() == s.requestId()) {
            instances.add(r.path());
          }
        }
        batch.outcomes.get(s).complete(Outcome.analysed(mine, instances, keep ? dump : null));
      }
    } catch (IOException | RuntimeException | Error e) {
      // Before the dump has a file, the reports directory is what failed.
      completeAll(
          batch,
          Outcome.failed(
              dump == null ? NoVerdict.DUMP_NOT_WRITTEN : NoVerdict.ANALYSIS_FAILED,
              "the heap dump could not be made or analysed: " + oneLine(e),
              null));
      keep = false;
    } finally {
      if (dump != null && !keep) {
        deleteQuietly(dump);
      }
      if (dump != null) {
        PendingDumps.remove(dump); // deleted, or kept on purpose: not the exit hook's business
      }
    }
  }

  /**
   * Writes the dump, owner-only.
   *
   * @return the failed outcome saying why it could not be written, or {@code null}
   */
  private Outcome write(Path dump) {
    long needed = estimatedDumpSize() + DISK_MARGIN;
    try {
      long free = Files.getFileStore(dump.getParent()).getUsableSpace();
      if (free < needed) {
        return Outcome.failed(
            NoVerdict.NO_DISK_SPACE,
            "not enough free disk space for the heap dump in "
                + dump.getParent()
                + ": about "
                + (needed >> 20)
                + " MB needed, "
                + (free >> 20)
                + " MB free",
            null);
      }
    } catch (IOException e) {
      // The store cannot be asked; the dump itself will tell.
    }
    try {
      dumper.dump(dump);
      ReportLocations.restrictToOwner(dump, "rw-------");
      return null;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dump);
      return Outcome.failed(
          noSpace(e) ? NoVerdict.NO_DISK_SPACE : NoVerdict.DUMP_NOT_WRITTEN,
          "the heap dump could not be written to " + dump + ": " + oneLine(e),
          null);
    }
  }

  /** Whether a write failed for lack of space (the OS's ENOSPC text, as Java passes it on). */
  private static boolean noSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /** A new dump file's path in an owner-only directory; the file itself does not exist yet. */
  static Path dumpFile(Path reportsDir, String testClass, String testName) throws IOException {
    Path directory = ReportLocations.ownerOnlyClassDirectory(reportsDir, testClass);
    String base = ReportLocations.fileName(testName);
    for (int i = 0; ; i++) {
      Path candidate = directory.resolve(i == 0 ? base + ".hprof" : base + "-" + i + ".hprof");
      if (!Files.exists(candidate)) {
        PendingDumps.add(candidate); // a JVM that exits mid-analysis leaves nothing behind
        return candidate;
      }
    }
  }

  /** The heap in use now: a live dump is at most about this big. */
  private static long estimatedDumpSize() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void completeAll(Batch batch, Outcome outcome) {
    for (CompletableFuture<Outcome> f : batch.outcomes.values()) {
      f.complete(outcome);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Reported nowhere: the file is owner-only, and the exit hook of PendingDumps tries again.
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
