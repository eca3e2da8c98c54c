package org.leakcheck.internal.check;

import java.util.List;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.track.DefaultLeakTracker;
import org.leakcheck.internal.track.TrackedInstances;
import org.leakcheck.internal.track.TrackedObject;
import org.leakcheck.internal.track.TrackerScope;

/**
 * What one check is asked: the tracked objects, its settings, what does not count, who runs it and
 * when. {@link Checker#check} answers with a {@link Checker.Result}.
 *
 * @param tracked the objects to check
 * @param types the types none of whose instances may survive
 * @param settings the settings of this check (the tracker's, or with another timeout)
 * @param excluded objects whose references do not count (the exception the test threw)
 * @param testInstances the test's instances: not counted, but reported when still held
 * @param checkingThreads the threads running the check: their stacks do not count
 * @param testClass for the dump's file name
 * @param testName for the dump's file name
 * @param moment when the check runs, for the message: {@code after the test}, {@code at the check
 *     at ManagerTests.java:31}
 * @param collection how long to keep collecting when objects survive
 */
public record CheckRequest(
    List<TrackedObject> tracked,
    List<TrackedInstances> types,
    Configuration settings,
    List<Object> excluded,
    List<Object> testInstances,
    List<Thread> checkingThreads,
    String testClass,
    String testName,
    String moment,
    ForcedCollection.Wait collection) {

  public CheckRequest {
    tracked = List.copyOf(tracked);
    types = List.copyOf(types);
    excluded = List.copyOf(excluded);
    testInstances = List.copyOf(testInstances);
    checkingThreads = List.copyOf(checkingThreads);
  }

  /**
   * A check, from the calling thread, of what {@code tracker} tracked so far; those objects and
   * types are no longer tracked afterwards.
   *
   * @param tracker the tracker, drained
   * @param settings the settings for this check
   * @param moment when the check runs, for the message
   * @param collection how long to keep collecting when objects survive
   * @return the request
   */
  public static CheckRequest draining(
      DefaultLeakTracker tracker,
      Configuration settings,
      String moment,
      ForcedCollection.Wait collection) {
    TrackerScope scope = tracker.scope();
    return new CheckRequest(
        tracker.drain(),
        tracker.drainTypes(),
        settings,
        scope.excluded(),
        scope.testInstances(),
        List.of(Thread.currentThread()),
        scope.testClass(),
        scope.testName(),
        moment,
        collection);
  }
}
