package org.leakcheck.benchmarks;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakChecks;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakTracker;

/**
 * One leak on a live heap of a chosen size: {@code LeakScenario <liveMb> <dir> [app]} ({@code app}:
 * an application-shaped heap, see {@link Ballast#fillApplicationShaped}).
 *
 * <ol>
 *   <li>The verdict alone: the same check with {@code retainingPath=false}, i.e. the collection
 *       attempts the library makes before it concludes that the object survived.
 *   <li>Time to report: {@link LeakChecks#assertCollectable} on a tracked object held by a static
 *       field, from the call to the {@link LeakDetectedError} with its path (GC attempts, dump,
 *       analysis in the child JVM, message). Its own dump is deleted ({@code keepDumps=never}).
 *   <li>The floor: {@code dumpHeap(live=true)} of the same heap into {@code <dir>/heap.hprof}, then
 *       one sequential read of that file. The dump is left for the analysers to compare on; the
 *       caller deletes it.
 * </ol>
 *
 * Prints {@code RESULT} lines for {@link RunAll}.
 */
public final class LeakScenario {

  private LeakScenario() {}

  public static void main(String[] args) throws IOException {
    int liveMb = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    if (args.length > 2 && args[2].equals("app")) {
      Ballast.fillApplicationShaped(liveMb);
    } else {
      Ballast.fill(liveMb);
    }
    System.gc();

    LeakedThing thing = new LeakedThing();
    LeakedThing.REGISTRY.add(thing);

    // The collection attempts alone: the same check without the path (tracked serial 1).
    long verdictNanos = check(thing, dir, false);
    // Time to report: attempts, dump, analysis in the child JVM, message (serial 2).
    long start = System.nanoTime();
    String message = message(thing, dir);
    long reportNanos = System.nanoTime() - start;
    boolean pathFound = message != null && message.contains("REGISTRY");
    System.out.printf(
        "RESULT verdictMs=%.1f reportMs=%.1f pathFound=%s%n",
        verdictNanos / 1e6, reportNanos / 1e6, pathFound);
    if (!pathFound) {
      System.out.println("MESSAGE " + message);
    }
    // Tracked while the floor dump is written, so that the analysers have the same object to find
    // (serial 3, the number AnalysisProbe is given).
    LeakTracker stillTracked = LeakChecks.newTracker(settings(dir, true));
    stillTracked.track(thing, "leaked");
    thing = null;

    Path dump = dir.resolve("heap.hprof");
    HotSpotDiagnosticMXBean diagnostic =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    long dumpStart = System.nanoTime();
    diagnostic.dumpHeap(dump.toString(), true);
    long dumpNanos = System.nanoTime() - dumpStart;

    long readStart = System.nanoTime();
    long bytes = 0;
    ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
    try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.READ)) {
      int n;
      while ((n = channel.read(buffer)) >= 0) {
        bytes += n;
        buffer.clear();
      }
    }
    long readNanos = System.nanoTime() - readStart;
    System.out.printf(
        "RESULT dumpMs=%.1f readMs=%.1f dumpBytes=%d held=%d%n",
        dumpNanos / 1e6,
        readNanos / 1e6,
        Files.size(dump),
        LeakedThing.REGISTRY.size() + Ballast.size());
    Objects.requireNonNull(stillTracked);
  }

  private static Map<String, String> settings(Path dir, boolean path) {
    return Map.of(
        LeakCheck.REPORTS_DIR_KEY,
        dir.resolve("reports").toString(),
        LeakCheck.KEEP_DUMPS_KEY,
        "never",
        LeakCheck.ANALYSIS_TIMEOUT_KEY,
        "10m",
        LeakCheck.RETAINING_PATH_KEY,
        Boolean.toString(path));
  }

  private static long check(Object leaked, Path dir, boolean path) {
    LeakTracker leaks = LeakChecks.newTracker(settings(dir, path));
    leaks.track(leaked, "leaked");
    long start = System.nanoTime();
    try {
      LeakChecks.assertCollectable(leaks);
      throw new IllegalStateException("the leak was not detected");
    } catch (LeakDetectedError expected) {
      return System.nanoTime() - start;
    }
  }

  private static String message(Object leaked, Path dir) {
    LeakTracker leaks = LeakChecks.newTracker(settings(dir, true));
    leaks.track(leaked, "leaked");
    try {
      LeakChecks.assertCollectable(leaks);
      return null;
    } catch (LeakDetectedError e) {
      return e.getMessage();
    }
  }
}
