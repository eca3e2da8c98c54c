package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** The stand-alone API, used as from a JUnit 4 or TestNG test: no extension involved. */
class LeakChecksTests {

  static final List<Object> HELD = new CopyOnWriteArrayList<>();

  static final class Worker {}

  @Test
  void passesWhenTrackedObjectsAreCollectable() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    leaks.track(new Worker(), "dropped");

    assertThatCode(() -> LeakChecks.assertCollectable(leaks)).doesNotThrowAnyException();
  }

  @Test
  void failsWithTheRetainingPathWhenAnObjectIsHeld() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    HELD.add(leaks.track(new Worker(), "held"));
    leaks.track(new Worker(), "dropped");

    assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
        .isInstanceOfSatisfying(
            LeakDetectedError.class,
            error -> {
              assertThat(error.getMessage())
                  .startsWith(
                      "1 of 2 tracked objects is still strongly reachable at the check at LeakChecksTests.java:");
              assertThat(error.leakedObjects())
                  .singleElement()
                  .satisfies(
                      leak -> {
                        assertThat(leak.label()).hasValue("held");
                        assertThat(leak.retainingPath().orElseThrow().root().description())
                            .isEqualTo("static field " + LeakChecksTests.class.getName() + ".HELD");
                      });
            });
  }

  @Test
  void aMidTestCheckReportsAnUndecidedSurvivorWithTheSameTextAndAbortsWithAbort() {
    // GIVEN survivors that no heap dump will decide
    Map<String, String> noPath = Map.of(LeakCheck.RETAINING_PATH_KEY, "false");
    LeakTracker failing = LeakChecks.newTracker(noPath);
    HELD.add(failing.track(new Worker(), "held"));
    LeakTracker aborting =
        LeakChecks.newTracker(
            Map.of(LeakCheck.RETAINING_PATH_KEY, "false", LeakCheck.UNDECIDED_KEY, "abort"));
    HELD.add(aborting.track(new Worker(), "held"));

    // WHEN / THEN: undecided, not leaked; failed by default, aborted with abort
    assertThatThrownBy(() -> LeakChecks.assertCollectable(failing))
        .isInstanceOfSatisfying(
            LeakDetectedError.class,
            error -> {
              assertThat(error.leakedObjects()).isEmpty();
              assertThat(error.undecidedObjects()).singleElement();
              assertThat(error.getMessage())
                  .startsWith("the tracked object survived ")
                  .containsPattern(
                      "confirmed collections? at the check at LeakChecksTests.java:\\d+; could not"
                          + " tell whether it is leaked\n")
                  .contains(
                      "could not tell whether it is leaked: no heap dump is taken with"
                          + " leakcheck.retainingPath=false");
            });
    assertThatThrownBy(() -> LeakChecks.assertCollectable(aborting))
        .isExactlyInstanceOf(org.opentest4j.TestAbortedException.class)
        .hasMessageStartingWith("the tracked object survived ")
        .hasMessageContaining("could not tell whether it is leaked: no heap dump is taken");
  }

  @Test
  void aCheckTakesWhatItCheckedOutOfTheTracker() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    HELD.add(leaks.track(new Worker(), "held"));
    assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
        .isInstanceOf(LeakDetectedError.class);

    assertThatCode(() -> LeakChecks.assertCollectable(leaks))
        .as("nothing left to check")
        .doesNotThrowAnyException();
  }

  @Test
  void aLocalVariableOfTheCheckingThreadIsNotALeak() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    Worker stillInScope = leaks.track(new Worker(), "local");

    assertThatCode(() -> LeakChecks.assertCollectable(leaks)).doesNotThrowAnyException();
    assertThat(stillInScope).isNotNull();
  }

  @Test
  void aLocalVariableOfAnotherLiveThreadIsALeak() throws InterruptedException {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Worker worker = leaks.track(new Worker(), "other thread");
    Thread thread =
        new Thread(
            () -> {
              Worker held = worker;
              holding.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              java.lang.ref.Reference.reachabilityFence(held);
            },
            "other-holder");
    thread.start();
    holding.await();
    try {
      assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
          .isInstanceOf(LeakDetectedError.class)
          .hasMessageContaining("GC root: local variable in thread \"other-holder\"");
    } finally {
      release.countDown();
      thread.join();
    }
  }

  @Test
  void awaitilityConditionWaitsForAnObjectReleasedByAnotherThread() throws InterruptedException {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    List<Object> cache = new CopyOnWriteArrayList<>();
    cache.add(leaks.track(new Worker(), "released later"));
    Thread releaser = releaseAfter(cache, 200);

    await("worker released")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(LeakChecks.collected(leaks));
    releaser.join();
  }

  @Test
  void awaitCollectableWaitsLongerThanTheConfiguredTimeout() throws InterruptedException {
    LeakTracker leaks = LeakChecks.newTracker(Map.of(LeakCheck.TIMEOUT_KEY, "50ms"));
    List<Object> cache = new CopyOnWriteArrayList<>();
    cache.add(leaks.track(new Worker(), "released later"));
    Thread releaser = releaseAfter(cache, 300);

    assertThatCode(() -> LeakChecks.awaitCollectable(leaks, Duration.ofSeconds(10)))
        .doesNotThrowAnyException();
    releaser.join();
  }

  @Test
  void awaitCollectableFailsWithTheRetainingPathWhenTheObjectIsNeverReleased() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    HELD.add(leaks.track(new Worker(), "never released"));

    assertThatThrownBy(() -> LeakChecks.awaitCollectable(leaks, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            LeakDetectedError.class,
            error ->
                assertThat(error.leakedObjects())
                    .singleElement()
                    .satisfies(
                        leak ->
                            assertThat(leak.retainingPath().orElseThrow().root().description())
                                .isEqualTo(
                                    "static field " + LeakChecksTests.class.getName() + ".HELD")));
  }

  @Test
  void theAwaitilityConditionTimesOutOnAHeldObjectAndAssertCollectableThenGivesThePath() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    HELD.add(leaks.track(new Worker(), "never released"));

    assertThatThrownBy(
            () ->
                await("worker released")
                    .atMost(Duration.ofMillis(300))
                    .pollInterval(Duration.ofMillis(50))
                    .until(LeakChecks.collected(leaks)))
        .isInstanceOf(ConditionTimeoutException.class);
    assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
        .isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("GC root: static field " + LeakChecksTests.class.getName() + ".HELD");
  }

  @Test
  void rejectsBadConfigurationNamingTheKey() {
    assertThatThrownBy(() -> LeakChecks.newTracker(Map.of("leakcheck.mode", "loud")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leakcheck.mode");
    assertThatThrownBy(() -> LeakChecks.newTracker(Map.of("leakcheck.timeot", "1s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown configuration parameter 'leakcheck.timeot'");
  }

  @Test
  void aMidTestAssertionThrowsAndWritesNoReportFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path reports) throws java.io.IOException {
    LeakTracker leaks = LeakChecks.newTracker(Map.of("leakcheck.reportsDir", reports.toString()));
    Object kept = leaks.track(new StringBuilder("kept"), "kept");
    HELD.add(kept);
    try {
      assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
          .isInstanceOf(LeakDetectedError.class);
    } finally {
      HELD.removeIf(o -> o == kept);
    }

    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(reports)) {
      assertThat(files.filter(f -> f.toString().endsWith(".json")))
          .as("the error is the report of an assertion; files are the extension's")
          .isEmpty();
    }
  }

  private static Thread releaseAfter(List<Object> cache, long millis) {
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(millis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cache.clear();
            });
    releaser.start();
    return releaser;
  }
}
