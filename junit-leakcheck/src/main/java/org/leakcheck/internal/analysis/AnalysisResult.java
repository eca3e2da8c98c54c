package org.leakcheck.internal.analysis;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The verdicts of one analysis, by tracked serial, and what the analysis cost. */
public final class AnalysisResult {

  private final Map<Long, TrackedVerdict> bySerial;
  private final long objectCount;
  private final Duration readTime;
  private final Duration searchTime;

  public AnalysisResult(
      Map<Long, TrackedVerdict> bySerial,
      long objectCount,
      Duration readTime,
      Duration searchTime) {
    this.bySerial = Collections.unmodifiableMap(new LinkedHashMap<>(bySerial));
    this.objectCount = objectCount;
    this.readTime = readTime;
    this.searchTime = searchTime;
  }

  /** One verdict for each requested serial. */
  public Map<Long, TrackedVerdict> bySerial() {
    return bySerial;
  }

  /** Number of objects (instances, arrays, classes) in the dump. */
  public long objectCount() {
    return objectCount;
  }

  /** Time to map and index the dump. */
  public Duration readTime() {
    return readTime;
  }

  /** Time to find the tracked objects, their paths and retained sizes. */
  public Duration searchTime() {
    return searchTime;
  }

  @Override
  public String toString() {
    return "AnalysisResult["
        + objectCount
        + " objects, read "
        + readTime.toMillis()
        + " ms, search "
        + searchTime.toMillis()
        + " ms, "
        + bySerial.values()
        + "]";
  }
}
