package org.leakcheck.internal.check;

import java.util.List;
import org.leakcheck.internal.config.Configuration;

/**
 * Where a tracker's objects are checked: the settings, the objects whose references do not count
 * (the test instance), and names for report files. The extension makes one per test; the
 * stand-alone API one per tracker.
 */
public interface CheckScope {

  /** Collection and analysis (a test seam). */
  Checker checker();

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

  /**
   * Checks what {@code tracker} tracked so far, from the calling thread; the objects checked are no
   * longer tracked afterwards.
   *
   * @param settings the settings for this check (the scope's, or with another timeout)
   * @param moment when the check runs, for the message
   * @param waitWholeTimeout keep collecting until the timeout (see {@link Checker#check})
   */
  static Checker.Result checkNow(
      org.leakcheck.internal.track.DefaultLeakTracker tracker,
      Configuration settings,
      String moment,
      boolean waitWholeTimeout) {
    CheckScope scope = tracker.scope();
    return scope
        .checker()
        .check(
            tracker.drain(),
            settings,
            scope.excluded(),
            scope.testInstances(),
            List.of(Thread.currentThread()),
            scope.testClass(),
            scope.testName(),
            moment,
            waitWholeTimeout);
  }
}
