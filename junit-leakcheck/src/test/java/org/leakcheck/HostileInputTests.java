package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Odd and hostile input: many threads tracking at once, 100,000 objects in one test, objects whose
 * {@code toString}/{@code hashCode}/{@code equals} throw, very long labels, a test that times out
 * or leaves its thread interrupted.
 */
class HostileInputTests {

  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  static final int THREADS = 16;
  static final int PER_THREAD = 500;
  static final int LEAKED_PER_THREAD = 3;
  static final int MANY = 100_000;
  static final int MANY_LEAKED = 100_000;

  @Test
  void trackingFromManyThreadsAtOnceReportsExactlyTheLeakedObjects() {
    LeakDetectedError error = (LeakDetectedError) onlyFailure(run(ManyThreadsTestCase.class));

    assertThat(error.trackedCount()).isEqualTo(THREADS * PER_THREAD);
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < LEAKED_PER_THREAD; i++) {
        expected.add("leaked " + t + "/" + i);
      }
    }
    assertThat(error.leakedObjects())
        .extracting(l -> l.label().orElseThrow())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void oneHundredThousandObjectsThatAreGarbagePass() {
    run(ManyDroppedTestCase.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void oneHundredThousandLeakedObjectsFailOnceWithAMessageOfReadableSize() {
    LeakDetectedError error = (LeakDetectedError) onlyFailure(run(ManyLeakedTestCase.class));

    assertThat(error.trackedCount()).isEqualTo(MANY_LEAKED);
    assertThat(error.leakedObjects()).hasSize(MANY_LEAKED);
    assertThat(error.getMessage())
        .startsWith(
            MANY_LEAKED + " of " + MANY_LEAKED + " tracked objects are still strongly reachable");
    assertThat(error.getMessage().lines().count()).as("lines in the message").isLessThan(500);
    assertThat(error.getMessage())
        .contains(
            "... and "
                + (MANY_LEAKED - 20)
                + " more (the first 20 are shown; all are in LeakDetectedError.leakedObjects())");
  }

  @Test
  void neverCallsToStringHashCodeOrEqualsOfTrackedObjects() {
    Hostile.CALLS.set(0);
    EngineExecutionResults results = run(HostileObjectsTestCase.class);

    assertThat(FaultInjectionTests.outcomes(results).get("dropped")).isEmpty();
    LeakDetectedError error =
        (LeakDetectedError) FaultInjectionTests.outcomes(results).get("leaked").orElseThrow();
    assertThat(error.leakedObjects())
        .singleElement()
        .satisfies(l -> assertThat(l.retainingPath()).isPresent());
    assertThat(error.getMessage()).contains(Hostile.class.getName() + "@");
    assertThat(Hostile.CALLS).hasValue(0);
  }

  @Test
  void aVeryLongLabelIsKeptWholeInTheResultAndShortenedInTheMessage() {
    LeakDetectedError error = (LeakDetectedError) onlyFailure(run(LongLabelTestCase.class));

    assertThat(error.leakedObjects())
        .singleElement()
        .satisfies(l -> assertThat(l.label()).hasValue(LongLabelTestCase.LABEL));
    assertThat(error.getMessage())
        .hasSizeLessThan(5_000)
        .contains(LongLabelTestCase.LABEL.substring(0, 50));
  }

  @Test
  void aTestThatTimesOutKeepsItsOwnFailureAndIsNotCheckedByDefault() {
    Map<String, Optional<Throwable>> outcomes =
        FaultInjectionTests.outcomes(run(TimingOutTestCase.class));

    Throwable leaking = outcomes.get("leaksThenTimesOut").orElseThrow();
    assertThat(leaking).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(leaking.getSuppressed())
        .noneSatisfy(s -> assertThat(s).isInstanceOf(LeakDetectedError.class));
  }

  @Test
  void aTestThatTimesOutGetsItsLeakCheckWithCheckFailedTests() {
    Map<String, Optional<Throwable>> outcomes =
        FaultInjectionTests.outcomes(
            run(TimingOutTestCase.class, Map.of(LeakCheck.CHECK_FAILED_TESTS_KEY, "true")));

    Throwable leaking = outcomes.get("leaksThenTimesOut").orElseThrow();
    assertThat(leaking).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(leaking.getSuppressed())
        .anySatisfy(s -> assertThat(s).isInstanceOf(LeakDetectedError.class));
    Throwable clean = outcomes.get("dropsThenTimesOut").orElseThrow();
    assertThat(clean).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(clean.getSuppressed())
        .noneSatisfy(s -> assertThat(s).isInstanceOf(LeakDetectedError.class));
  }

  @Test
  void aTestThatLeavesItsThreadInterruptedGetsTheRightVerdict() {
    Map<String, Optional<Throwable>> outcomes =
        FaultInjectionTests.outcomes(run(InterruptedTestCase.class));

    assertThat(outcomes.get("dropsAndInterrupts")).isEmpty();
    assertThat(outcomes.get("keepsInAFieldAndInterrupts")).isEmpty();
    assertThat(outcomes.get("leaksAndInterrupts"))
        .hasValueSatisfying(
            t -> {
              assertThat(t).isInstanceOf(LeakDetectedError.class);
              assertThat(((LeakDetectedError) t).leakedObjects())
                  .singleElement()
                  .satisfies(l -> assertThat(l.retainingPath()).isPresent());
            });
  }

  // ---- fixtures ----

  @LeakCheck
  static class ManyThreadsTestCase {
    @Test
    void tracksFromManyThreads(LeakTracker leaks) throws InterruptedException {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        threads.add(
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  for (int i = 0; i < PER_THREAD; i++) {
                    Object o =
                        leaks.track(
                            new StringBuilder(),
                            i < LEAKED_PER_THREAD
                                ? "leaked " + thread + "/" + i
                                : "dropped " + thread + "/" + i);
                    if (i < LEAKED_PER_THREAD) {
                      LEAKED.add(o);
                    }
                  }
                }));
      }
      threads.forEach(Thread::start);
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  @LeakCheck
  static class ManyDroppedTestCase {
    @Test
    void tracksManyGarbageObjects(LeakTracker leaks) {
      for (int i = 0; i < MANY; i++) {
        leaks.track(new int[1]);
      }
    }
  }

  @LeakCheck
  static class ManyLeakedTestCase {
    static final List<Object> HELD = new ArrayList<>();

    @Test
    void leaksManyObjects(LeakTracker leaks) {
      for (int i = 0; i < MANY_LEAKED; i++) {
        HELD.add(leaks.track(new int[1], "item " + i));
      }
    }
  }

  static final class Hostile {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public String toString() {
      CALLS.incrementAndGet();
      throw new AssertionError("toString called");
    }

    @Override
    public int hashCode() {
      CALLS.incrementAndGet();
      block();
      throw new AssertionError("hashCode called");
    }

    @Override
    public boolean equals(Object other) {
      CALLS.incrementAndGet();
      block();
      throw new AssertionError("equals called");
    }

    private static void block() {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @LeakCheck
  static class HostileObjectsTestCase {
    @Test
    void leaked(LeakTracker leaks) {
      LEAKED.add(new Object[] {leaks.track(new Hostile(), "hostile")});
    }

    @Test
    void dropped(LeakTracker leaks) {
      leaks.track(new Hostile());
    }
  }

  @LeakCheck
  static class LongLabelTestCase {
    static final String LABEL = "long label\nwith a line break " + "x".repeat(1 << 20);

    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new StringBuilder(), LABEL));
    }
  }

  @LeakCheck
  static class TimingOutTestCase {
    @Test
    @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
    void leaksThenTimesOut(LeakTracker leaks) throws InterruptedException {
      LEAKED.add(leaks.track(new StringBuilder("leaked"), "leaked before the timeout"));
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.MILLISECONDS)
    void dropsThenTimesOut(LeakTracker leaks) throws InterruptedException {
      leaks.track(new StringBuilder("dropped"), "dropped before the timeout");
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
    }
  }

  @LeakCheck
  static class InterruptedTestCase {
    StringBuilder field;

    @Test
    void dropsAndInterrupts(LeakTracker leaks) {
      leaks.track(new StringBuilder("dropped"), "dropped");
      Thread.currentThread().interrupt();
    }

    @Test
    void keepsInAFieldAndInterrupts(LeakTracker leaks) {
      field = leaks.track(new StringBuilder("field"), "field");
      Thread.currentThread().interrupt();
    }

    @Test
    void leaksAndInterrupts(LeakTracker leaks) {
      LEAKED.add(leaks.track(new StringBuilder("leaked"), "leaked"));
      Thread.currentThread().interrupt();
    }
  }
}
