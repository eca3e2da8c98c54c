package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.failures;
import static org.leakcheck.LeakCheckTestKit.run;

import java.time.DayOfWeek;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Objects that can never be collected fail at {@code track}, with the reason. */
class TrackBadInputTests {

  @Test
  void eachNeverCollectableObjectFailsAtTrackTimeWithItsReason() {
    List<Throwable> failures = failures(run(BadInputTestCase.class));

    assertThat(failures)
        .hasSize(7)
        .allSatisfy(f -> assertThat(f).isInstanceOf(IllegalArgumentException.class));
    assertThat(failures)
        .extracting(Throwable::getMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("track(null) at TrackBadInputTests.java:")
                    .contains("no object to track"))
        .anySatisfy(m -> assertThat(m).contains("java.time.DayOfWeek").contains("enum constant"))
        .anySatisfy(m -> assertThat(m).contains("java.lang.Class").contains("is a Class"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("java.lang.Integer")
                    .contains("boxed value from the JVM's cache"))
        .anySatisfy(m -> assertThat(m).contains("java.lang.Boolean").contains("boxed value"))
        .anySatisfy(m -> assertThat(m).contains("\"literal\"").contains("interned string"))
        .anySatisfy(m -> assertThat(m).contains("non-capturing lambda"));
  }

  @Test
  void ordinaryValuesThatLookSimilarAreAccepted() {
    run(AcceptedTestCase.class)
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));
  }

  @LeakCheck
  static class BadInputTestCase {
    @Test
    void nullObject(LeakTracker leaks) {
      leaks.track(null);
    }

    @Test
    void enumConstant(LeakTracker leaks) {
      leaks.track(DayOfWeek.MONDAY);
    }

    @Test
    void classObject(LeakTracker leaks) {
      leaks.track(String.class);
    }

    @Test
    void cachedInteger(LeakTracker leaks) {
      leaks.track(Integer.valueOf(42));
    }

    @Test
    void cachedBoolean(LeakTracker leaks) {
      leaks.track(Boolean.TRUE);
    }

    @Test
    void stringLiteral(LeakTracker leaks) {
      leaks.track("interned", "literal");
    }

    @Test
    void nonCapturingLambda(LeakTracker leaks) {
      Supplier<String> lambda = () -> "constant";
      leaks.track(lambda);
    }
  }

  @LeakCheck
  static class AcceptedTestCase {
    @Test
    void accepted(LeakTracker leaks) {
      leaks.track(new String(new char[] {'a', 'b'}), "fresh string");
      leaks.track(Integer.valueOf(100_000), "uncached Integer");
      String captured = new String("captured");
      Supplier<String> capturing = () -> captured;
      leaks.track(capturing, "capturing lambda");
    }
  }
}
