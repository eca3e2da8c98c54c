package org.leakcheck.benchmarks;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/**
 * The 1,000-test suites run by {@link SuiteMain}: the same trivial test without the extension, with
 * {@code @LeakCheck} and nothing tracked, and with one tracked object per test. Nested and in
 * {@code src/main}, so no build ever runs them as tests.
 */
final class SuiteFixtures {

  static final int TESTS = 1000;

  private SuiteFixtures() {}

  static final class PlainCase {
    @RepeatedTest(TESTS)
    void test(RepetitionInfo info) {
      Blackhole.consume(new Garbage(), info.getCurrentRepetition());
    }
  }

  @LeakCheck
  static final class NothingTrackedCase {
    @RepeatedTest(TESTS)
    void test(RepetitionInfo info) {
      Blackhole.consume(new Garbage(), info.getCurrentRepetition());
    }
  }

  @LeakCheck
  static final class OneTrackedCase {
    @RepeatedTest(TESTS)
    void test(RepetitionInfo info, LeakTracker leaks) {
      Blackhole.consume(leaks.track(new Garbage()), info.getCurrentRepetition());
    }
  }

  /** Keeps the test bodies from being optimised away, without holding what they made. */
  static final class Blackhole {
    static volatile int sink;

    private Blackhole() {}

    static void consume(Object o, int i) {
      sink = System.identityHashCode(o) ^ i;
    }
  }
}
