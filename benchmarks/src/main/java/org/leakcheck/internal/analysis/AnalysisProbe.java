package org.leakcheck.internal.analysis;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leakcheck.internal.analysis.engine.HeapAnalyzer;
import org.leakcheck.internal.analysis.process.AnalyzerProcess;

/**
 * The library's analysis alone, as its child JVM runs it, with its memory reported: {@code
 * AnalysisProbe <dump> <tracked serial>} or {@code AnalysisProbe --xmx <dump>} (prints the {@code
 * -Xmx} the library would give the child for this dump). In the library's package because the
 * analysis is internal; benchmarks only, never part of the library.
 */
public final class AnalysisProbe {

  private AnalysisProbe() {}

  public static void main(String[] args) throws IOException {
    if (args[0].equals("--xmx")) {
      System.out.println(AnalyzerProcess.autoMaxHeap(Files.size(Path.of(args[1]))));
      return;
    }
    Path dump = Path.of(args[0]);
    long serial = Long.parseLong(args[1]);
    long start = System.nanoTime();
    AnalysisResult result =
        HeapAnalyzer.analyze(
            AnalysisRequest.builder(dump)
                .track(serial)
                .libraryCopy(AnalysisRequest.ANY_LIBRARY_COPY)
                .build());
    long nanos = System.nanoTime() - start;
    TrackedVerdict verdict = result.bySerial().get(serial);
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "RESULT analysisMs=%.1f objects=%d peakHeapBytes=%d verdict=%s%n",
        nanos / 1e6, result.objectCount(), peakHeap, verdict == null ? "none" : verdict.verdict());
    if (verdict != null) {
      verdict
          .path()
          .ifPresent(p -> System.out.println("PATH " + p.toString().replaceAll("\\s+", " ")));
    }
    System.out.printf(
        "RESULT readMs=%d searchMs=%d%n",
        result.readTime().toMillis(), result.searchTime().toMillis());
  }
}
