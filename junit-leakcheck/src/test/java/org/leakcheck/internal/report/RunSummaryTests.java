package org.leakcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.TestPaths;

class RunSummaryTests {

  @Test
  void listsEveryLeakWithItsRootAndPrintsOnceOnClose() {
    // GIVEN
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunSummary summary = new RunSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    RetainingPath path =
        TestPaths.retainingPath(
            "static field com.example.Manager.REGISTRY",
            List.of(TestPaths.step("com.example.Worker", ".value", null)));
    summary.checked();
    summary.checked();
    summary.checked();
    summary.leaked(
        "ManagerTests > removesWorker()",
        List.of(
            TestPaths.leakedObject(
                "Alice", "com.example.Worker", 1, TestPaths.at("ManagerTests.java:3"), path, null)),
        Optional.empty());

    // WHEN
    summary.close();
    summary.close();

    // THEN
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[leakcheck] report-only summary: 1 leaked object in 1 of 3 checked tests (the tests passed; set leakcheck.mode=fail to fail them)\n"
                + "  - ManagerTests > removesWorker(): Worker \"Alice\" held by static field com.example.Manager.REGISTRY\n");
  }

  @Test
  void listsUndecidedSurvivorsApartAndDoesNotCountThemAsLeaks() {
    // GIVEN two checked tests, one with an object the heap dump could not decide
    RunSummary summary =
        new RunSummary(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    summary.checked();
    summary.checked();
    summary.undecided(
        "CartTests > adds()",
        List.of(
            ApiTypes.undecidedObject(
                "item",
                "com.example.Item",
                1,
                TestPaths.at("CartTests.java:9"),
                "the analysis did not finish within 2 s")));

    // WHEN
    String text = summary.render();

    // THEN
    assertThat(text)
        .isEqualTo(
            "[leakcheck] report-only summary: no leaks in 2 checked tests; 1 object in 1 test"
                + " survived collection but could not be decided (not counted as leaks)\n"
                + "  - CartTests > adds(): Item \"item\" undecided: the analysis did not finish"
                + " within 2 s");
  }

  @Test
  void saysSoWhenNothingLeaked() {
    RunSummary summary =
        new RunSummary(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    summary.checked();

    assertThat(summary.render())
        .isEqualTo("[leakcheck] report-only summary: no leaks in 1 checked test");
  }

  @Test
  void listsRetainedTestInstancesInEveryModeAndPrintsNothingWhenThereIsNothingToSay() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunSummary quiet = new RunSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    quiet.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).as("nothing to say").isEmpty();

    RunSummary summary = new RunSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    summary.retainedTestInstance("BusTests > registers()", "static field com.example.Bus.ALL");
    summary.retainedTestInstance("BusTests > posts()", "static field com.example.Bus.ALL");
    summary.close();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[leakcheck] run summary: 2 test instances were still strongly reachable after the"
                + " test (warnings: what their fields hold is not checked)\n"
                + "  - BusTests > registers(): held by static field com.example.Bus.ALL\n"
                + "  - BusTests > posts(): held by static field com.example.Bus.ALL\n");
  }

  @Test
  void tellsHowToFailTheLeakingTestsAsTheirModeWasSet() {
    RetainingPath path =
        TestPaths.retainingPath(
            "static field com.example.Cache.ALL",
            List.of(TestPaths.step("com.example.Item", ".value", null)));
    List<org.leakcheck.LeakedObject> leak =
        List.of(
            TestPaths.leakedObject(
                "item", "com.example.Item", 1, TestPaths.at("CartTests.java:9"), path, null));

    // GIVEN report-only by the annotation only
    RunSummary annotated =
        new RunSummary(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    annotated.checked();
    annotated.leaked("CartTests > adds()", leak, Optional.of("CartTests"));

    // THEN the configuration key would not help: the annotation overrides it
    assertThat(annotated.render())
        .startsWith(
            "[leakcheck] report-only summary: 1 leaked object in 1 of 1 checked tests (the tests"
                + " passed; remove mode = REPORT_ONLY from @LeakCheck on CartTests to fail them)")
        .doesNotContain("leakcheck.mode");

    // GIVEN both, one test each
    RunSummary both =
        new RunSummary(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    both.checked();
    both.checked();
    both.leaked("CartTests > adds()", leak, Optional.of("CartTests"));
    both.leaked("OrderTests > orders()", leak, Optional.empty());

    assertThat(both.render())
        .startsWith(
            "[leakcheck] report-only summary: 2 leaked objects in 2 of 2 checked tests (the tests"
                + " passed; to fail them, set leakcheck.mode=fail and remove mode = REPORT_ONLY"
                + " from @LeakCheck on CartTests)");
  }
}
