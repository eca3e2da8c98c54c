package org.leakcheck.assertj;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.leakcheck.assertj.LeakAssertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakChecks;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakTracker;

class LeakAssertionsTests {

  static final List<Object> REGISTRY = new CopyOnWriteArrayList<>();

  /** A small "production" resource whose close() may or may not release its listeners. */
  static final class Manager implements Closeable {
    final List<Object> workers = new ArrayList<>();
    final boolean leaky;

    Manager(boolean leaky) {
      this.leaky = leaky;
    }

    Object addWorker(String name) {
      Object worker = new StringBuilder(name);
      workers.add(worker);
      if (leaky) {
        REGISTRY.add(worker);
      }
      return worker;
    }

    @Override
    public void close() {
      workers.clear();
    }
  }

  @Test
  void allCollectablePassesForReleasedObjectsOutsideTheExtension() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    Manager manager = new Manager(false);
    leaks.track(manager.addWorker("Alice"), "Alice");
    manager.close();

    assertThatCode(() -> assertThat(leaks).allCollectable()).doesNotThrowAnyException();
  }

  @Test
  void allCollectableFailsWithTheSameErrorAsTheExtension() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    Manager manager = new Manager(true);
    leaks.track(manager.addWorker("Alice"), "Alice");
    manager.close();

    assertThatThrownBy(() -> assertThat(leaks).allCollectable())
        .isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining(
            "GC root: static field " + LeakAssertionsTests.class.getName() + ".REGISTRY")
        .hasMessageContaining("<- leaked");
  }

  @Test
  void allCollectableHonoursAsAndWithFailMessageAndKeepsTheLeakedObjects() {
    Manager manager = new Manager(true);
    LeakTracker described = LeakChecks.newTracker(Map.of());
    described.track(manager.addWorker("Alice"), "Alice");
    LeakTracker overridden = LeakChecks.newTracker(Map.of());
    overridden.track(manager.addWorker("Bob"), "Bob");
    LeakTracker both = LeakChecks.newTracker(Map.of());
    both.track(manager.addWorker("Carol"), "Carol");
    try {
      assertThatThrownBy(() -> assertThat(described).as("workers of %s", "Alice").allCollectable())
          .isInstanceOf(LeakDetectedError.class)
          .hasMessageStartingWith("[workers of Alice] ")
          .hasMessageContaining("GC root: static field")
          .satisfies(
              e ->
                  org.assertj.core.api.Assertions.assertThat(
                          ((LeakDetectedError) e).leakedObjects())
                      .singleElement()
                      .satisfies(
                          leak ->
                              org.assertj.core.api.Assertions.assertThat(leak.label())
                                  .contains("Alice")));
      assertThatThrownBy(
              () ->
                  assertThat(overridden)
                      .withFailMessage("Bob leaked")
                      .allCollectableWithin(Duration.ofMillis(200)))
          .isInstanceOf(LeakDetectedError.class)
          .hasMessage("Bob leaked")
          .satisfies(
              e ->
                  org.assertj.core.api.Assertions.assertThat(
                          ((LeakDetectedError) e).leakedObjects())
                      .hasSize(1));
      assertThatThrownBy(
              () -> assertThat(both).as("pool").withFailMessage("Carol leaked").allCollectable())
          .hasMessage("[pool] Carol leaked");
    } finally {
      // only this test's workers: the other tests of the class run concurrently
      REGISTRY.removeIf(o -> manager.workers.stream().anyMatch(w -> w == o));
    }
  }

  @Test
  void allCollectableWithinRejectsANonPositiveTimeout() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());

    assertThatThrownBy(() -> assertThat(leaks).allCollectableWithin(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }

  @Test
  void allCollectableWithinWaitsForAnObjectReleasedByAnotherThread() throws InterruptedException {
    LeakTracker leaks = LeakChecks.newTracker(Map.of(LeakCheck.TIMEOUT_KEY, "50ms"));
    Object tracked = leaks.track(new StringBuilder("released later"), "released later");
    REGISTRY.add(tracked);
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              REGISTRY.removeIf(o -> o == tracked);
            });
    releaser.start();
    try {
      assertThatCode(() -> assertThat(leaks).allCollectableWithin(Duration.ofSeconds(10)))
          .doesNotThrowAnyException();
    } finally {
      releaser.join();
    }
  }

  @Test
  void allCollectableWithinFailsWithThePathWhenTheObjectIsNeverReleased() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    REGISTRY.add(leaks.track(new StringBuilder("never released"), "never released"));

    assertThatThrownBy(() -> assertThat(leaks).allCollectableWithin(Duration.ofMillis(300)))
        .isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining(
            "GC root: static field " + LeakAssertionsTests.class.getName() + ".REGISTRY")
        .hasMessageContaining("never released");
  }

  @Test
  void midTestChecksWithTheInjectedTracker() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(MidTestTestCase.class))
            .execute();

    results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    Throwable failure =
        results
            .testEvents()
            .failed()
            .list()
            .get(0)
            .getPayload(TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    org.assertj.core.api.Assertions.assertThat(failure)
        .isInstanceOf(LeakDetectedError.class)
        .hasMessageStartingWith(
            "the tracked object is still strongly reachable at the check at LeakAssertionsTests.java:")
        .hasMessageContaining(
            "GC root: static field " + LeakAssertionsTests.class.getName() + ".REGISTRY");
  }

  @LeakCheck
  static class MidTestTestCase {
    @Test
    void closeReleasesWorkers(LeakTracker leaks) {
      Manager manager = new Manager(false);
      leaks.track(manager.addWorker("Alice"), "Alice");
      manager.close();
      assertThat(leaks).allCollectable();
      leaks.track(manager.addWorker("Bob"), "Bob"); // checked after the test
    }

    @Test
    void leakyCloseIsCaughtMidTest(LeakTracker leaks) {
      Manager manager = new Manager(true);
      leaks.track(manager.addWorker("Alice"), "Alice");
      manager.close();
      assertThat(leaks).allCollectable();
    }
  }
}
