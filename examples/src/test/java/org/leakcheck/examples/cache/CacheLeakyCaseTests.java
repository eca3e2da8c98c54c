package org.leakcheck.examples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.summaries;
import static org.leakcheck.examples.LeakyCases.tail;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;

/** Proof that the tests of {@link CacheTests} catch the leaky caches. */
class CacheLeakyCaseTests {

  private static Map<String, LeakDetectedError> errors;

  @BeforeAll
  static void runTheLeakySuiteOnce() {
    errors = leaksOf(CacheLeakyCase.class);
  }

  @Test
  void reportIsRetainedByTheUnboundedStaticCache() {
    LeakedObject leak = onlyLeak(errors.get("reportIsCollectableOnceEvicted"));

    assertThat(leak.label()).hasValue("report q1-2024");
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + LeakyReportCache.class.getName() + ".CACHE");
    assertThat(summaries(leak)).anySatisfy(s -> assertThat(s).contains("\"q1-2024\""));
    assertThat(leak.retainingPath().orElseThrow().steps())
        .last()
        .satisfies(step -> assertThat(step.className()).isEqualTo(Report.class.getName()));
    assertThat(leak.retainedBytes().orElseThrow()).isGreaterThan(100_000);
  }

  @Test
  void sessionIsRetainedByTheWeakHashMapThroughItsOwnValue() {
    LeakedObject leak = onlyLeak(errors.get("droppedSessionIsCollectable"));

    assertThat(leak.label()).hasValue("session of alice");
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + LeakySessionAttributes.class.getName() + ".ATTRIBUTES");
    assertThat(tail(leak, 2))
        .containsExactly(
            LeakySessionAttributes.Attributes.class.getName() + " .value",
            Session.class.getName() + " .session");
  }
}
