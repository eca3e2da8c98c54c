package org.leakcheck.examples.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

@LeakCheck
class CacheTests {

  /** Lives as long as the application. */
  static final BoundedCache<String, Report> REPORTS = new BoundedCache<>(5);

  @Test
  void reportIsCollectableOnceEvicted(LeakTracker leaks) {
    leaks.track(REPORTS.get("q1-2024", id -> new Report(id, 100_000)), "report q1-2024");
    for (int i = 0; i < 10; i++) {
      REPORTS.get("daily-" + i, id -> new Report(id, 1_000));
    }

    assertThat(REPORTS.size()).isEqualTo(5);
  }

  @Test
  void droppedSessionIsCollectable(LeakTracker leaks) {
    Session session = leaks.track(new Session("alice"), "session of alice");
    assertThat(SessionAttributes.of(session).theme()).isEqualTo("light");
  }
}
