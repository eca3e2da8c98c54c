package org.leakcheck.internal.dump;

import java.time.Duration;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.process.AnalyzerProcess;

/** Analyses a heap dump (a seam: tests simulate failures). */
public interface DumpAnalyzer {

  /**
   * Analyses the dump named in the request.
   *
   * @param maxHeap the analyser's -Xmx, or {@code null} to choose it from the dump's size
   * @throws AnalysisException with a one-line reason
   */
  AnalysisResult analyze(AnalysisRequest request, Duration timeout, String maxHeap)
      throws AnalysisException;

  /** In a child JVM of its own, so that a large dump cannot exhaust the test JVM's heap. */
  DumpAnalyzer CHILD_JVM = AnalyzerProcess::analyze;
}
