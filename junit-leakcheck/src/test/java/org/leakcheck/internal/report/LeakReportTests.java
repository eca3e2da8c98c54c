package org.leakcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.RetainingPath.Step;

class LeakReportTests {

  @Test
  void rendersAPathOneHopPerLineWithAlignedColumns() {
    // GIVEN
    RetainingPath path =
        new RetainingPath(
            "static field com.example.Manager.REGISTRY",
            List.of(
                new Step("java.util.HashMap", ".REGISTRY", null),
                new Step("java.util.HashMap$Node[]", ".table", null),
                new Step("java.util.HashMap$Node", "[5]", "key=\"Alice\""),
                new Step("com.example.Worker", ".value", null)));
    LeakedObject leak = new LeakedObject("Alice", "com.example.Worker", 0x1b6d3586, "ManagerTests.java:27", path, null);

    // WHEN
    String message = LeakReport.message(List.of(leak), 2);

    // THEN
    assertThat(message)
        .isEqualTo(
            "1 of 2 tracked objects is still strongly reachable after the test\n"
                + "\n"
                + "Worker \"Alice\" (com.example.Worker@1b6d3586, tracked at ManagerTests.java:27) is retained by:\n"
                + "\n"
                + "  GC root: static field com.example.Manager.REGISTRY\n"
                + "  ├─ java.util.HashMap         .REGISTRY\n"
                + "  ├─ java.util.HashMap$Node[]  .table\n"
                + "  ├─ java.util.HashMap$Node    [5]        key=\"Alice\"\n"
                + "  ╰→ com.example.Worker        .value     <- leaked\n"
                + "\n"
                + "Hint: cut the first reference on the path that should not outlive the test (remove the entry,"
                + " unregister the listener, clear the field), or make it weak.");
  }

  @Test
  void givesTheReasonWhenThereIsNoPath() {
    LeakedObject leak = new LeakedObject(null, "com.example.Worker", 0xabc, "ManagerTests.java:9", null, "the heap dump could not be written: disk full");

    String message = LeakReport.message(List.of(leak), 1);

    assertThat(message)
        .startsWith("the tracked object is still strongly reachable after the test\n\n")
        .contains("Worker (com.example.Worker@abc, tracked at ManagerTests.java:9) is still strongly reachable.\n")
        .contains("  retaining path: not computed: the heap dump could not be written: disk full");
  }

  @Test
  void headlineCountsLeakedAmongTracked() {
    assertThat(LeakReport.headline(1, 1)).isEqualTo("the tracked object is still strongly reachable after the test");
    assertThat(LeakReport.headline(1, 3)).isEqualTo("1 of 3 tracked objects is still strongly reachable after the test");
    assertThat(LeakReport.headline(3, 3)).isEqualTo("3 of 3 tracked objects are still strongly reachable after the test");
  }

  @Test
  void abbreviatesVeryLongLabels() {
    LeakedObject leak = new LeakedObject("x".repeat(10_000), "Worker", 1, "A.java:1", null, "n/a");

    assertThat(LeakReport.describe(leak)).hasSizeLessThan(200).contains("…");
  }

  @Test
  void simpleNamesOfNestedAndAnonymousClasses() {
    assertThat(LeakReport.simpleName("com.example.Outer$Inner")).isEqualTo("Inner");
    assertThat(LeakReport.simpleName("com.example.Outer$1")).isEqualTo("Outer$1");
    assertThat(LeakReport.simpleName("Top")).isEqualTo("Top");
  }
}
