package org.leakcheck.internal.analysis;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of one analysis, by tracked serial and by tracked type, the test instances found
 * retained, and what the analysis cost.
 */
public final class AnalysisResult {

  private final Map<Long, TrackedVerdict> bySerial;
  private final Map<Long, SurvivingInstances> byQuery;
  private final long objectCount;
  private final Duration readTime;
  private final Duration searchTime;
  private final List<RetainedTestInstance> retainedTestInstances;

  public AnalysisResult(
      Map<Long, TrackedVerdict> bySerial,
      long objectCount,
      Duration readTime,
      Duration searchTime) {
    this(bySerial, List.of(), objectCount, readTime, searchTime);
  }

  public AnalysisResult(
      Map<Long, TrackedVerdict> bySerial,
      List<RetainedTestInstance> retainedTestInstances,
      long objectCount,
      Duration readTime,
      Duration searchTime) {
    this(bySerial, Map.of(), retainedTestInstances, objectCount, readTime, searchTime);
  }

  public AnalysisResult(
      Map<Long, TrackedVerdict> bySerial,
      Map<Long, SurvivingInstances> byQuery,
      List<RetainedTestInstance> retainedTestInstances,
      long objectCount,
      Duration readTime,
      Duration searchTime) {
    this.bySerial = Collections.unmodifiableMap(new LinkedHashMap<>(bySerial));
    this.byQuery = Collections.unmodifiableMap(new LinkedHashMap<>(byQuery));
    this.retainedTestInstances = List.copyOf(retainedTestInstances);
    this.objectCount = objectCount;
    this.readTime = readTime;
    this.searchTime = searchTime;
  }

  /** One verdict for each requested serial. */
  public Map<Long, TrackedVerdict> bySerial() {
    return bySerial;
  }

  /** What the dump holds of each requested {@link TypeQuery}, by query id. */
  public Map<Long, SurvivingInstances> byQuery() {
    return byQuery;
  }

  /**
   * Test instances (marked {@link org.leakcheck.internal.planted.HeapMarker#TEST_INSTANCE}) that a
   * root outliving the test still reaches: warnings, each with the request id of its marker.
   */
  public List<RetainedTestInstance> retainedTestInstances() {
    return retainedTestInstances;
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
        + (byQuery.isEmpty() ? "" : ", instances " + byQuery.values())
        + (retainedTestInstances.isEmpty()
            ? ""
            : ", retained test instances " + retainedTestInstances)
        + "]";
  }
}
