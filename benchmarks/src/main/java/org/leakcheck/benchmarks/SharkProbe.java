package org.leakcheck.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import shark.ApplicationLeak;
import shark.CloseableHeapGraph;
import shark.FilteringLeakingObjectFinder;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.IgnoredReferenceMatcher;
import shark.LeakTrace;
import shark.MetadataExtractor;
import shark.OnAnalysisProgressListener;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

/**
 * Shark 2.14 finding the path to the same leaked object in the same dump: {@code SharkProbe
 * <dump>}.
 *
 * <p>Configured to be fair to it: the leaking object is named directly (a filter on {@link
 * LeakedThing}'s class, so no search for candidates), {@code Reference.referent} is ignored (the
 * rule our analysis applies; without it Shark reports a path through a weak reference), no retained
 * sizes (ours computes them, so this favours Shark), no object inspectors.
 */
public final class SharkProbe {

  private SharkProbe() {}

  public static void main(String[] args) throws IOException {
    File dump = new File(args[0]);
    String leaked = LeakedThing.class.getName();
    FilteringLeakingObjectFinder finder =
        new FilteringLeakingObjectFinder(
            List.of(
                (HeapObject object) ->
                    object instanceof HeapObject.HeapInstance instance
                        && instance.getInstanceClassName().equals(leaked)));
    List<ReferenceMatcher> matchers =
        List.of(
            new IgnoredReferenceMatcher(
                new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
    long start = System.nanoTime();
    HeapAnalysis analysis;
    try (CloseableHeapGraph graph =
        HprofHeapGraph.Companion.openHeapGraph(
            dump, null, HprofIndex.Companion.defaultIndexedGcRootTags())) {
      analysis =
          new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP())
              .analyze(
                  dump,
                  graph,
                  finder,
                  matchers,
                  false,
                  List.of(),
                  MetadataExtractor.Companion.getNO_OP());
    }
    long nanos = System.nanoTime() - start;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    String tail = "none";
    if (analysis instanceof HeapAnalysisSuccess success) {
      for (ApplicationLeak leak : success.getApplicationLeaks()) {
        for (LeakTrace trace : leak.getLeakTraces()) {
          tail = trace.toSimplePathString().replaceAll("\\s+", " ");
        }
      }
    } else if (analysis instanceof HeapAnalysisFailure failure) {
      tail = "failure: " + failure.getException().getMessage();
    }
    System.out.printf(
        "RESULT sharkMs=%.1f peakHeapBytes=%d pathFound=%s%n",
        nanos / 1e6, peakHeap, tail.contains("REGISTRY"));
    System.out.println("PATH " + tail);
  }
}
