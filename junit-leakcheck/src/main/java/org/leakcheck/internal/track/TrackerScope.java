package org.leakcheck.internal.track;

import java.util.List;
import org.leakcheck.internal.config.Configuration;

/**
 * What a tracker belongs to: the settings of its checks, the objects whose references do not count
 * (the test instance, the exception the test threw), and names for report files. The extension
 * makes one per test; the stand-alone API one per tracker.
 */
public interface TrackerScope {

  Configuration settings();

  /** Objects whose references do not count (the exception the test threw); asked at check time. */
  List<Object> excluded();

  /**
   * The test's instances: their references do not count, but one still held by a root that outlives
   * the test is reported; asked at check time, and by {@code track} (which refuses them).
   */
  default List<Object> testInstances() {
    return List.of();
  }

  String testClass();

  String testName();
}
