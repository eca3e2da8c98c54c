package org.leakcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.RetainingPath.Step;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.TestPaths;
import org.leakcheck.internal.analysis.NoVerdict;

class LeakReportTests {

  @Test
  void rendersAPathOneHopPerLineWithAlignedColumns() {
    // GIVEN
    RetainingPath path =
        TestPaths.retainingPath(
            "static field com.example.Manager.REGISTRY",
            List.of(
                TestPaths.step("java.util.HashMap", ".REGISTRY", null),
                TestPaths.step("java.util.HashMap$Node[]", ".table", null),
                TestPaths.step("java.util.HashMap$Node", "[5]", "key=\"Alice\""),
                TestPaths.step("com.example.Worker", ".value", null)));
    LeakedObject leak =
        TestPaths.leakedObject(
            "Alice",
            "com.example.Worker",
            0x1b6d3586,
            TestPaths.at("ManagerTests.java:27"),
            path,
            null);

    // WHEN
    String message = LeakReport.message(List.of(leak), 2);

    // THEN: the hash table's internals fold into one step; the raw chain stays in the path
    assertThat(message)
        .isEqualTo(
            "1 of 2 tracked objects is still strongly reachable after the test\n"
                + "\n"
                + "Worker \"Alice\" (com.example.Worker@1b6d3586, tracked at ManagerTests.java:27) is retained by:\n"
                + "\n"
                + "  GC root: static field com.example.Manager.REGISTRY\n"
                + "  ├─ java.util.HashMap   .REGISTRY\n"
                + "  ╰→ com.example.Worker  [\"Alice\"]  <- leaked\n"
                + "\n"
                + "Hint: cut the first reference on the path that should not outlive the test (remove the entry,"
                + " unregister the listener, clear the field), or make it weak.");
    assertThat(leak.retainingPath().orElseThrow().steps()).hasSize(4);
  }

  @Test
  void foldsListsAndCollisionChainsAndKeepsOtherSteps() {
    List<Step> raw =
        List.of(
            TestPaths.step("java.util.ArrayList", ".LISTENERS", null),
            TestPaths.step("java.lang.Object[]", ".elementData", null),
            TestPaths.step("com.example.Screen$1", "[3]", null),
            TestPaths.step("com.example.Screen", ".this$0", null),
            TestPaths.step("java.util.concurrent.ConcurrentHashMap$Node[]", ".table", null),
            TestPaths.step("java.util.concurrent.ConcurrentHashMap$Node", "[1]", "key=\"a\""),
            TestPaths.step("java.util.concurrent.ConcurrentHashMap$Node", ".next", "key=\"b\""),
            TestPaths.step("com.example.Worker", ".val", null));

    assertThat(LeakReport.fold(raw))
        .extracting(LeakReport.Row::toString)
        .containsExactly(
            "java.util.ArrayList .LISTENERS",
            "com.example.Screen$1 [3]",
            "com.example.Screen .this$0",
            "com.example.Worker [\"b\"]");
  }

  @Test
  void foldsAThreadLocalMapIntoTheThreadLocalValue() {
    List<Step> raw =
        List.of(
            TestPaths.step("java.lang.ThreadLocal$ThreadLocalMap", ".threadLocals", null),
            TestPaths.step("java.lang.ThreadLocal$ThreadLocalMap$Entry[]", ".table", null),
            TestPaths.step(
                "java.lang.ThreadLocal$ThreadLocalMap$Entry",
                "[7]",
                "key=com.example.Context.CURRENT"),
            TestPaths.step("com.example.Request", ".value", null));

    assertThat(LeakReport.fold(raw))
        .extracting(LeakReport.Row::toString)
        .containsExactly(
            "java.lang.ThreadLocal$ThreadLocalMap .threadLocals",
            "com.example.Request (ThreadLocal value)");
  }

  @Test
  void namesLambdasAndAnonymousClassesByWhereTheyWereWritten() {
    assertThat(LeakReport.displayName("com.example.Screen$$Lambda/0x000001f00c0a1234"))
        .isEqualTo("lambda in com.example.Screen");
    assertThat(LeakReport.displayName("com.example.Screen$$Lambda$14/0x0000000800c01234"))
        .isEqualTo("lambda in com.example.Screen");
    assertThat(LeakReport.displayName("class com.example.Screen$$Lambda+0x00007f067815d000"))
        .isEqualTo("class of a lambda in com.example.Screen");
    assertThat(LeakReport.displayName("com.example.Screen$1"))
        .isEqualTo("com.example.Screen$1 (anonymous class in Screen)");
    assertThat(LeakReport.displayName("com.example.Screen$Inner"))
        .isEqualTo("com.example.Screen$Inner");
  }

  @Test
  void showsWhatTheLeakedObjectRetains() {
    LeakedObject leak =
        ApiTypes.leakedObject(null, "W", 1, TestPaths.at("A.java:1"), null, "n/a", 1250, 14);

    assertThat(LeakReport.leakedNote(leak)).isEqualTo("<- leaked (retains 1.2 kB in 14 objects)");
    assertThat(LeakReport.bytes(100)).isEqualTo("100 B");
    assertThat(LeakReport.bytes(5L << 20)).isEqualTo("5.0 MB");
  }

  @Test
  void marksLeaksThatShareAGcRoot() {
    RetainingPath path =
        TestPaths.retainingPath("static field a.B.C", List.of(TestPaths.step("W", "[0]", null)));
    LeakedObject first =
        TestPaths.leakedObject("one", "W", 1, TestPaths.at("A.java:1"), path, null);
    LeakedObject second =
        TestPaths.leakedObject("two", "W", 2, TestPaths.at("A.java:2"), path, null);

    assertThat(LeakReport.message(List.of(first, second), 2))
        .contains("(same GC root as W \"one\": likely one cause)");
  }

  @Test
  void namesTheKeptHeapDump() {
    LeakedObject leak = TestPaths.leakedObject(null, "W", 1, TestPaths.at("A.java:1"), null, "n/a");

    assertThat(
            LeakReport.message(
                List.of(leak),
                1,
                java.util.Optional.of(java.nio.file.Paths.get("target/leakcheck/T/t.hprof")),
                LeakReport.AFTER_THE_TEST))
        .contains("\n\nHeap dump: target/leakcheck/T/t.hprof (kept: leakcheck.keepDumps)\n\n");
  }

  @Test
  void givesTheReasonWhenThereIsNoPath() {
    LeakedObject leak =
        TestPaths.leakedObject(
            null,
            "com.example.Worker",
            0xabc,
            TestPaths.at("ManagerTests.java:9"),
            null,
            "the heap dump could not be written: disk full");

    String message = LeakReport.message(List.of(leak), 1);

    assertThat(message)
        .startsWith("the tracked object is still strongly reachable after the test\n\n")
        .contains(
            "Worker (com.example.Worker@abc, tracked at ManagerTests.java:9) is still strongly reachable.\n")
        .contains("  retaining path: not computed: the heap dump could not be written: disk full");
  }

  @Test
  void headlineCountsLeakedAmongTracked() {
    assertThat(LeakReport.headline(1, 1))
        .isEqualTo("the tracked object is still strongly reachable after the test");
    assertThat(LeakReport.headline(1, 3))
        .isEqualTo("1 of 3 tracked objects is still strongly reachable after the test");
    assertThat(LeakReport.headline(3, 3))
        .isEqualTo("3 of 3 tracked objects are still strongly reachable after the test");
  }

  @Test
  void abbreviatesVeryLongLabels() {
    LeakedObject leak =
        TestPaths.leakedObject(
            "x".repeat(10_000), "Worker", 1, TestPaths.at("A.java:1"), null, "n/a");

    assertThat(LeakReport.describe(leak)).hasSizeLessThan(200).contains("…");
  }

  @Test
  void simpleNamesOfNestedAndAnonymousClasses() {
    assertThat(LeakReport.simpleName("com.example.Outer$Inner")).isEqualTo("Inner");
    assertThat(LeakReport.simpleName("com.example.Outer$1")).isEqualTo("Outer$1");
    assertThat(LeakReport.simpleName("Top")).isEqualTo("Top");
  }

  @Test
  void saysWhatIsKnownOfAnUndecidedSurvivorAndHowToGetADecision() {
    // GIVEN an object that survived the collections, and a heap dump that could not be written
    UndecidedSurvivor survivor =
        UndecidedSurvivor.of(
            "in a field",
            "java.lang.StringBuilder",
            0x1b6d3586,
            TestPaths.at("CartTests.java:27"),
            NoVerdict.NO_DISK_SPACE,
            "the heap dump could not be written to target/leakcheck/CartTests/adds.hprof: No space"
                + " left on device");

    // WHEN
    String message =
        LeakReport.message(
            List.of(), List.of(survivor), 3, 1, Optional.empty(), LeakReport.AFTER_THE_TEST);

    // THEN it is not called leaked: what is known, why no more is, how to get a decision
    assertThat(message)
        .isEqualTo(
            "the tracked object survived 3 confirmed collections after the test; could not tell"
                + " whether it is leaked\n"
                + "\n"
                + "StringBuilder \"in a field\" (java.lang.StringBuilder@1b6d3586, tracked at"
                + " CartTests.java:27)\n"
                + "  survived 3 confirmed collections; could not tell whether it is leaked: the heap"
                + " dump could not be written to target/leakcheck/CartTests/adds.hprof: No space"
                + " left on device\n"
                + "\n"
                + "Hint: to get a decision, free disk space where the heap dump is written, or point"
                + " leakcheck.reportsDir at a disk with room for it (about the size of the used"
                + " heap). An object held only by a field of the test instance is not a leak: clear"
                + " such fields in @AfterEach and it is collected without a heap dump."
                + " leakcheck.undecided=abort reports such tests as aborted instead of failed.");
    assertThat(message).doesNotContain("strongly reachable", "<- leaked");
  }

  @Test
  void theHeadlineNeverClaimsALeakWhenNothingWasFoundLeaked() {
    String moment = LeakReport.AFTER_THE_TEST;

    assertThat(LeakReport.headline(0, 1, 1, 1, moment))
        .isEqualTo(
            "the tracked object survived 1 confirmed collection after the test; could not tell"
                + " whether it is leaked");
    assertThat(LeakReport.headline(0, 2, 3, 5, moment))
        .isEqualTo(
            "2 of 5 tracked objects survived 3 confirmed collections after the test; could not"
                + " tell whether they are leaked");
    assertThat(LeakReport.headline(0, 1, 3, 5, "at the check at CartTests.java:40"))
        .isEqualTo(
            "1 of 5 tracked objects survived 3 confirmed collections at the check at"
                + " CartTests.java:40; could not tell whether it is leaked");
    assertThat(LeakReport.headline(2, 1, 3, 5, moment))
        .isEqualTo(
            "2 of 5 tracked objects are still strongly reachable after the test; 1 more survived"
                + " 3 confirmed collections: could not tell whether it is leaked");
    assertThat(LeakReport.headline(2, 0, 3, 5, moment))
        .isEqualTo(LeakReport.headline(2, 5, moment));
  }

  @Test
  void oneMessageListsTheLeaksFirstThenTheUndecidedSurvivorsWithAHintForEach() {
    // GIVEN a leak with its path, and an object the dump did not contain though not collected
    RetainingPath path =
        TestPaths.retainingPath(
            "static field com.example.Cart.ALL",
            List.of(TestPaths.step("com.example.Item", "[0]", null)));
    LeakedObject leak =
        TestPaths.leakedObject("kept", "com.example.Item", 1, TestPaths.at("C.java:1"), path, null);
    UndecidedSurvivor absent =
        UndecidedSurvivor.of(
            "absent",
            "com.example.Item",
            2,
            TestPaths.at("C.java:2"),
            NoVerdict.NOT_IN_DUMP,
            "the heap dump did not contain it, yet it has not been collected");

    // WHEN
    LeakDetectedError error =
        LeakReport.error(
            List.of(leak), List.of(absent), 4, 2, Optional.empty(), LeakReport.AFTER_THE_TEST);

    // THEN
    assertThat(error.leakedObjects()).containsExactly(leak);
    assertThat(error.undecidedObjects()).containsExactly(absent.object());
    assertThat(error.getMessage())
        .isEqualTo(
            "1 of 2 tracked objects is still strongly reachable after the test; 1 more survived 4"
                + " confirmed collections: could not tell whether it is leaked\n"
                + "\n"
                + "Item \"kept\" (com.example.Item@1, tracked at C.java:1) is retained by:\n"
                + "\n"
                + "  GC root: static field com.example.Cart.ALL\n"
                + "  ╰→ com.example.Item  [0]  <- leaked\n"
                + "\n"
                + "Item \"absent\" (com.example.Item@2, tracked at C.java:2)\n"
                + "  survived 4 confirmed collections; could not tell whether it is leaked: the heap"
                + " dump did not contain it, yet it has not been collected\n"
                + "\n"
                + "Hint: cut the first reference on the path that should not outlive the test"
                + " (remove the entry, unregister the listener, clear the field), or make it weak.\n"
                + "Hint: to get a decision, keep the heap dump (leakcheck.keepDumps=always) and open"
                + " it in a heap analyser. An object held only by a field of the test instance is"
                + " not a leak: clear such fields in @AfterEach and it is collected without a heap"
                + " dump. leakcheck.undecided=abort reports such tests as aborted instead of"
                + " failed.");
  }

  @Test
  void hintsHowToDecideForEachKindOfFailure() {
    assertThat(LeakReport.undecidedHint(List.of(of(NoVerdict.ANALYSIS_TIMED_OUT)), false))
        .startsWith("Hint: to get a decision, raise leakcheck.analysis.timeout. ");
    assertThat(LeakReport.undecidedHint(List.of(of(NoVerdict.ANALYSER_OUT_OF_MEMORY)), false))
        .startsWith("Hint: to get a decision, raise leakcheck.analysis.maxHeap. ");
    assertThat(LeakReport.undecidedHint(List.of(of(NoVerdict.RETAINING_PATH_DISABLED)), false))
        .startsWith(
            "Hint: to get a decision, set leakcheck.retainingPath=true (a heap dump then tells a"
                + " leak from an object held only by the test instance). ");
    assertThat(LeakReport.undecidedHint(List.of(of(NoVerdict.DUMP_UNREADABLE)), true))
        .startsWith("Hint: to get a decision, open the kept heap dump in a heap analyser. ");
    assertThat(
            LeakReport.undecidedHint(
                List.of(
                    of(NoVerdict.ANALYSIS_FAILED),
                    of(NoVerdict.DUMP_UNREADABLE),
                    of(NoVerdict.ANALYSIS_TIMED_OUT)),
                false))
        .as("each way once, in a fixed order")
        .startsWith(
            "Hint: to get a decision, raise leakcheck.analysis.timeout; and keep the heap dump"
                + " (leakcheck.keepDumps=always) and open it in a heap analyser. ");
  }

  @Test
  void countsUndecidedSurvivorsBeyondTheDetailedOnes() {
    List<UndecidedSurvivor> many = new java.util.ArrayList<>();
    for (int i = 0; i < LeakReport.MAX_DETAILED + 5; i++) {
      many.add(of(NoVerdict.ANALYSIS_TIMED_OUT));
    }

    assertThat(
            LeakReport.message(
                List.of(), many, 3, many.size(), Optional.empty(), LeakReport.AFTER_THE_TEST))
        .contains(
            "... and 5 more (the first 20 are shown; all are in"
                + " LeakDetectedError.undecidedObjects())");
  }

  @Test
  void namesTheKeptDumpOfAnUndecidedSurvivor() {
    assertThat(
            LeakReport.message(
                List.of(),
                List.of(of(NoVerdict.DUMP_UNREADABLE)),
                3,
                1,
                Optional.of(Paths.get("target/leakcheck/T/t.hprof")),
                LeakReport.AFTER_THE_TEST))
        .contains("\n\nHeap dump: target/leakcheck/T/t.hprof (kept: leakcheck.keepDumps)\n\n")
        .contains("open the kept heap dump in a heap analyser");
  }

  private static UndecidedSurvivor of(NoVerdict kind) {
    return UndecidedSurvivor.of(null, "W", 1, TestPaths.at("A.java:1"), kind, "why");
  }
}
