package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.failures;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.reportEntries;
import static org.leakcheck.LeakCheckTestKit.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.collect.GcTrigger;
import org.leakcheck.internal.dump.DumpCoordinator;

class LeakCheckExtensionTests {

  /** Objects that fixtures leak on purpose: a static list is a GC root. */
  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  /**
   * Test instances registered by {@code RegistersItselfTestCase}: apart from {@link #LEAKED}, which
   * the concurrent tests of other nested classes rely on.
   */
  static final List<Object> BUS = new CopyOnWriteArrayList<>();

  static final class Worker {
    final String name;

    Worker(String name) {
      this.name = name;
    }
  }

  @Nested
  class Verdict {

    @Test
    void failsTestWhoseTrackedObjectIsStillReachable() {
      Throwable failure = onlyFailure(run(LeakingTestCase.class));

      assertThat(failure).isInstanceOf(LeakDetectedError.class);
      LeakDetectedError error = (LeakDetectedError) failure;
      assertThat(error.trackedCount()).isEqualTo(2);
      assertThat(error.leakedObjects())
          .singleElement()
          .satisfies(
              leak -> {
                assertThat(leak.label()).hasValue("Alice");
                assertThat(leak.className()).isEqualTo(Worker.class.getName());
                assertThat(leak.trackedAt().getFileName())
                    .isEqualTo("LeakCheckExtensionTests.java");
                assertThat(leak.trackedAt().getClassName())
                    .isEqualTo(LeakingTestCase.class.getName());
                assertThat(leak.trackedAt().getMethodName()).isEqualTo("leaksAlice");
                assertThat(leak.trackedAt().getLineNumber()).isPositive();
              });
      assertThat(error.getMessage())
          .startsWith("1 of 2 tracked objects is still strongly reachable after the test")
          .contains("Worker \"Alice\" (" + Worker.class.getName() + "@")
          .contains("tracked at LeakCheckExtensionTests.java:");
    }

    @Test
    void passesTestWhoseTrackedObjectsWereCollected() {
      EngineExecutionResults results = run(CollectedTestCase.class);

      results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
    }

    @Test
    void reportsEveryLeakOfATestInOneFailure() {
      LeakDetectedError error = (LeakDetectedError) onlyFailure(run(TwoLeaksTestCase.class));

      assertThat(error.leakedObjects())
          .extracting(l -> l.label().orElseThrow())
          .containsExactly("first", "second");
      assertThat(error.getMessage())
          .startsWith("2 of 3 tracked objects are still strongly reachable");
    }

    @Test
    void tracksFromBeforeEachAndFromOtherThreads() {
      LeakDetectedError error = (LeakDetectedError) onlyFailure(run(ThreadsAndSetUpTestCase.class));

      assertThat(error.leakedObjects())
          .extracting(l -> l.label().orElseThrow())
          .containsExactlyInAnyOrder("from @BeforeEach", "from another thread");
    }

    @Test
    void worksWhenRegisteredWithExtendWithAndRegisterExtension() {
      assertThat(failures(run(ExtendWithTestCase.class)))
          .singleElement()
          .isInstanceOf(LeakDetectedError.class);
      assertThat(failures(run(RegisterExtensionTestCase.class)))
          .singleElement()
          .isInstanceOf(LeakDetectedError.class);
      assertThat(failures(run(MetaAnnotatedTestCase.class)))
          .singleElement()
          .isInstanceOf(LeakDetectedError.class);
    }
  }

  @Nested
  class Cost {

    @Test
    void runsNoCollectionForATestThatTrackedNothing() {
      CountingTrigger.COUNT.set(0);

      run(TracksNothingTestCase.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

      assertThat(CountingTrigger.COUNT).hasValue(0);
    }

    @Test
    void runsNoCollectionWhenEverythingTrackedIsAlreadyCollected() {
      CountingTrigger.COUNT.set(0);

      run(AlreadyCollectedTestCase.class)
          .testEvents()
          .assertStatistics(stats -> stats.succeeded(1));

      assertThat(CountingTrigger.COUNT).hasValue(0);
    }
  }

  @Nested
  class Modes {

    @Test
    void reportOnlyModeLetsTheTestPassAndPublishesTheReport() {
      EngineExecutionResults results =
          run(LeakingTestCase.class, Map.of(LeakCheck.MODE_KEY, "report-only"));

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
      assertThat(reportEntries(results))
          .singleElement()
          .asString()
          .contains("report-only")
          .contains("Worker \"Alice\"");
    }

    @Test
    void annotationAttributeOverridesConfigurationParameter() {
      EngineExecutionResults results =
          run(ReportOnlyAnnotatedTestCase.class, Map.of(LeakCheck.MODE_KEY, "fail"));

      results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void badConfigurationValueFailsNamingTheKey() {
      Throwable failure =
          onlyFailure(run(LeakingTestCase.class, Map.of(LeakCheck.TIMEOUT_KEY, "soon")));

      assertThat(failure).hasMessageContaining("leakcheck.timeout").hasMessageContaining("'soon'");
    }

    @Test
    void badAnnotationValueFailsNamingTheAnnotation() {
      Throwable failure = onlyFailure(run(BadTimeoutAnnotationTestCase.class));

      assertThat(failure).hasMessageContaining("@LeakCheck(timeout)").hasMessageContaining("'-1s'");
    }
  }

  @Nested
  class TestInstance {

    @Test
    void testInstanceKeptByAStaticIsAWarningWithItsPathNotALeak() {
      EngineExecutionResults results = run(RegistersItselfTestCase.class);

      assertThat(failures(results)).isEmpty();
      assertThat(reportEntries(results))
          .anySatisfy(
              entry ->
                  assertThat(entry)
                      .contains(
                          "WARNING RegistersItselfTestCase > registersWithTheBus(LeakTracker)")
                      .contains("the test instance is still strongly reachable after the test")
                      .contains("static field " + LeakCheckExtensionTests.class.getName() + ".BUS")
                      .contains("RegistersItselfTestCase"));
      assertThat(SummaryOut.BYTES.toString(java.nio.charset.StandardCharsets.UTF_8))
          .as("the warning when the test ends, then the run summary once when the run ends")
          .startsWith(
              "[leakcheck] WARNING RegistersItselfTestCase > registersWithTheBus(LeakTracker): the"
                  + " test instance is still strongly reachable after the test")
          .containsOnlyOnce("[leakcheck] run summary")
          .endsWith(
              "[leakcheck] run summary: 1 test instance was still strongly reachable after the"
                  + " test (warnings: what their fields hold is not checked)\n"
                  + "  - RegistersItselfTestCase > registersWithTheBus(LeakTracker): held by static"
                  + " field "
                  + LeakCheckExtensionTests.class.getName()
                  + ".BUS\n");
      BUS.clear();
    }

    @Test
    void testInstanceReleasedAfterTheTestGivesNoWarning() {
      EngineExecutionResults results = run(KeepsAFieldTestCase.class);

      assertThat(failures(results)).isEmpty();
      assertThat(reportEntries(results)).noneMatch(e -> e.contains("WARNING"));
    }

    @Test
    void trackingTheTestInstanceIsRefusedWithTheReason() {
      Throwable failure = onlyFailure(run(TracksItselfTestCase.class));

      assertThat(failure)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot track the test instance")
          .hasMessageContaining(
              "the test instance is held by JUnit for the test's duration; track what it holds"
                  + " instead");
    }
  }

  // ---- fixtures: static nested, so Surefire does not run them on their own ----

  /** Puts a stream of {@link #BYTES} where the extension prints its run summary (a test seam). */
  static final class SummaryOut implements org.junit.jupiter.api.extension.BeforeAllCallback {
    static final java.io.ByteArrayOutputStream BYTES = new java.io.ByteArrayOutputStream();

    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
      BYTES.reset();
      context
          .getRoot()
          .getStore(
              org.junit.jupiter.api.extension.ExtensionContext.Namespace.create(
                  LeakCheckExtension.class))
          .put(
              LeakCheckExtension.SUMMARY_OUT_KEY,
              new java.io.PrintStream(BYTES, true, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @LeakCheck
  @org.junit.jupiter.api.extension.ExtendWith(SummaryOut.class)
  static class RegistersItselfTestCase {
    Worker worker;

    @Test
    void registersWithTheBus(LeakTracker leaks) {
      worker = leaks.track(new Worker("held by the instance"), "held by the instance");
      BUS.add(this);
    }
  }

  @LeakCheck
  static class KeepsAFieldTestCase {
    Worker worker;

    @Test
    void keepsAField(LeakTracker leaks) {
      worker = leaks.track(new Worker("held by the instance"), "held by the instance");
    }
  }

  @LeakCheck
  static class TracksItselfTestCase {
    @Test
    void tracksThis(LeakTracker leaks) {
      leaks.track(this);
    }
  }

  @LeakCheck
  static class LeakingTestCase {
    @Test
    void leaksAlice(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("Alice"), "Alice"));
      leaks.track(new Worker("Bob"), "Bob");
    }
  }

  @LeakCheck
  static class CollectedTestCase {
    @Test
    void dropsEverything(LeakTracker leaks) {
      List<Worker> workers = new ArrayList<>();
      workers.add(leaks.track(new Worker("Alice"), "Alice"));
      workers.add(leaks.track(new Worker("Bob")));
      workers.clear();
    }

    @Test
    void objectWithAFinalizerNeedsASecondCycle(LeakTracker leaks) {
      leaks.track(new Finalizable(), "finalizable");
    }
  }

  static final class Finalizable {
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
      // Having a finalizer at all is the point: collection takes two cycles.
    }
  }

  @LeakCheck
  static class TwoLeaksTestCase {
    @Test
    void leaksTwo(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("first"), "first"));
      leaks.track(new Worker("dropped"), "dropped");
      LEAKED.add(leaks.track(new Worker("second"), "second"));
    }
  }

  @LeakCheck
  static class ThreadsAndSetUpTestCase {
    @BeforeEach
    void setUp(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("setUp"), "from @BeforeEach"));
    }

    @Test
    void tracksFromAnotherThread(LeakTracker leaks) throws InterruptedException {
      Thread thread =
          new Thread(
              () -> {
                LEAKED.add(leaks.track(new Worker("thread"), "from another thread"));
                leaks.track(new Worker("collected"), "collected, from another thread");
              });
      thread.start();
      thread.join();
    }
  }

  @ExtendWith(LeakCheckExtension.class)
  static class ExtendWithTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("x")));
    }
  }

  static class RegisterExtensionTestCase {
    @RegisterExtension static LeakCheckExtension extension = new LeakCheckExtension();

    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("x")));
    }
  }

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @LeakCheck(timeout = "1s")
  @interface CheckedForLeaks {}

  @CheckedForLeaks
  static class MetaAnnotatedTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("x")));
    }
  }

  /** Counts collection requests, and collects for real. */
  static final class CountingTrigger implements GcTrigger, BeforeAllCallback {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public String name() {
      return "counting System.gc()";
    }

    @Override
    public void trigger() {
      COUNT.incrementAndGet();
      System.gc();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(LeakCheckExtension.class))
          .put(
              LeakCheckExtension.CHECKER_KEY,
              new Checker(new ForcedCollection(List.of(this)), DumpCoordinator.SHARED));
    }
  }

  @LeakCheck
  @ExtendWith(CountingTrigger.class)
  static class TracksNothingTestCase {
    @Test
    void tracksNothing(LeakTracker leaks) {
      new Worker("untracked");
    }
  }

  @LeakCheck
  @ExtendWith(CountingTrigger.class)
  static class AlreadyCollectedTestCase {
    @Test
    void collectsItsOwnGarbage(LeakTracker leaks) throws InterruptedException {
      java.lang.ref.WeakReference<Worker> probe =
          new java.lang.ref.WeakReference<>(leaks.track(new Worker("gone")));
      while (probe.get() != null) {
        System.gc(); // not the extension's collection: the counting trigger does not see it
        Thread.sleep(1);
      }
    }
  }

  @LeakCheck(mode = LeakCheck.Mode.REPORT_ONLY)
  static class ReportOnlyAnnotatedTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      LEAKED.add(leaks.track(new Worker("x")));
    }
  }

  @LeakCheck(timeout = "-1s")
  static class BadTimeoutAnnotationTestCase {
    @Test
    void leaks(LeakTracker leaks) {
      leaks.track(new Worker("x"));
    }
  }
}
