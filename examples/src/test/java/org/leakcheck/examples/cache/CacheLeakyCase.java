package org.leakcheck.examples.cache;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/**
 * The tests of {@link CacheTests}, run against the leaky caches. Run by {@link CacheLeakyCaseTests}
 * and the demo.
 */
@LeakCheck
@DisplayName("Caches that never let go")
class CacheLeakyCase {

  @Test
  @DisplayName("an unbounded static cache keeps every report ever rendered")
  void reportIsCollectableOnceEvicted(LeakTracker leaks) {
    leaks.track(
        LeakyReportCache.report("q1-2024", id -> new Report(id, 100_000)), "report q1-2024");
    for (int i = 0; i < 10; i++) {
      LeakyReportCache.report("daily-" + i, id -> new Report(id, 1_000));
    }
  }

  @Test
  @DisplayName("a WeakHashMap whose value refers to its key never clears the key")
  void droppedSessionIsCollectable(LeakTracker leaks) {
    Session session = leaks.track(new Session("alice"), "session of alice");
    LeakySessionAttributes.of(session).theme();
  }
}
