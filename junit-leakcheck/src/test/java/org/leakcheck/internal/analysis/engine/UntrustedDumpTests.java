package org.leakcheck.internal.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.heap.HprofFormatException;
import org.leakcheck.internal.heap.HprofLimits;
import org.leakcheck.internal.heap.HprofTypes;
import org.leakcheck.internal.heap.HprofWriter;
import org.leakcheck.internal.heap.HprofWriter.Field;
import org.leakcheck.internal.heap.HprofWriter.Static;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.planted.Planted;

/**
 * Dumps whose "not strongly reachable" cannot be trusted, and dumps shared by two copies of the
 * library, on synthetic HPROF files: a truncated array of several GiB or two billion objects are
 * out of reach of a test, so the reader's limits are made small instead.
 */
class UntrustedDumpTests {

  private static final long COPY = 0x5EED_0001L;
  private static final long OTHER_COPY = 0x5EED_0002L;
  private static final long REQUEST = 1;

  /**
   * An Object[] record of 10 elements reaches this limit, as one of 536870908 reaches HotSpot's.
   */
  private static final HprofLimits SMALL_RECORDS = new HprofLimits(25 + 10 * 8 + 7, 1000);

  /**
   * A dump with {@code app.Holder.HELD}, an Object[10] holding worker A at [3]; worker B held by
   * nothing in the dump (as if it were past the truncation); tracked serial 1 → A, 2 → B, 3 → a
   * cleared reference, 4 nowhere. The other copy of the library tracks A as its serial 2 and marks
   * {@code HELD} excluded for its request 1.
   */
  private static Path dump(Path dir) throws IOException {
    HprofWriter w = new HprofWriter();
    long object = w.defineClass("java/lang/Object", 0, new Field[0]);
    long reference =
        w.defineClass(
            "java/lang/ref/Reference",
            object,
            new Field[] {new Field("referent", HprofTypes.OBJECT)});
    long tracked =
        w.defineClass(
            Planted.TRACKED_REFERENCE.replace('.', '/'),
            reference,
            new Field[] {
              new Field("serial", HprofTypes.LONG), new Field("libraryCopy", HprofTypes.LONG)
            });
    long marker =
        w.defineClass(
            Planted.HEAP_MARKER.replace('.', '/'),
            reference,
            new Field[] {
              new Field("kind", HprofTypes.INT),
              new Field("request", HprofTypes.LONG),
              new Field("libraryCopy", HprofTypes.LONG)
            });
    long objectArray = w.defineClass("[Ljava/lang/Object;", object, new Field[0]);
    long worker = w.defineClass("app/Worker", object, new Field[0]);
    long held = w.reserveId();
    w.defineClass("app/Holder", object, new Field[0], new Static("HELD", HprofTypes.OBJECT, held));

    long a = w.instance(worker, new byte[0]);
    long b = w.instance(worker, new byte[0]);
    long[] elements = new long[10];
    elements[3] = a;
    w.objectArray(held, objectArray, elements);
    trackedReference(w, tracked, 1, COPY, a);
    trackedReference(w, tracked, 2, COPY, b);
    trackedReference(w, tracked, 3, COPY, 0);
    trackedReference(w, tracked, 2, OTHER_COPY, a);
    w.instance(
        marker,
        HprofWriter.values()
            .intValue(HeapMarker.EXCLUDED_OBJECT)
            .longValue(REQUEST)
            .longValue(OTHER_COPY)
            .id(held)
            .bytes());
    return w.write(dir.resolve("synthetic.hprof"));
  }

  private static void trackedReference(
      HprofWriter w, long classId, long serial, long copy, long referent) {
    w.instance(
        classId, HprofWriter.values().longValue(serial).longValue(copy).id(referent).bytes());
  }

  private static AnalysisRequest request(Path dump) {
    return AnalysisRequest.builder(dump)
        .track(1, 2, 3, 4)
        .markerRequest(REQUEST)
        .libraryCopy(COPY)
        .build();
  }

  @Test
  void withoutATruncatedArrayTheVerdictsAreTheUsualOnesAndOnlyThisCopysObjectsCount(
      @TempDir Path dir) throws IOException {
    AnalysisResult result = HeapAnalyzer.analyze(request(dump(dir)));

    assertThat(result.bySerial().values())
        .extracting(TrackedVerdict::serial, TrackedVerdict::verdict)
        .containsExactlyInAnyOrder(
            tuple(1L, Verdict.STRONGLY_REACHABLE),
            tuple(2L, Verdict.NOT_STRONGLY_REACHABLE),
            tuple(3L, Verdict.NOT_IN_DUMP),
            tuple(4L, Verdict.NOT_IN_DUMP));
    assertThat(result.bySerial().values())
        .allSatisfy(v -> assertThat(v.undecidedReason()).isEmpty());
  }

  @Test
  void aPossiblyTruncatedArrayMakesEveryVerdictButStronglyReachableUndecided(@TempDir Path dir)
      throws IOException {
    AnalysisResult result = HeapAnalyzer.analyze(request(dump(dir)), SMALL_RECORDS);

    String reason =
        "the heap dump truncated an array of type java.lang.Object[] to 10 elements"
            + " (HotSpot's 4 GiB record limit): an object it holds may be missing";
    Map<Long, TrackedVerdict> verdicts = result.bySerial();
    TrackedVerdict reachable = verdicts.get(1L);
    assertThat(reachable.verdict()).isEqualTo(Verdict.STRONGLY_REACHABLE);
    assertThat(reachable.path().orElseThrow().root().className()).isEqualTo("app.Holder");
    assertThat(reachable.undecidedReason()).isEmpty();
    assertThat(List.of(verdicts.get(2L), verdicts.get(3L), verdicts.get(4L)))
        .allSatisfy(
            v -> {
              assertThat(v.verdict()).isEqualTo(Verdict.UNDECIDED);
              assertThat(v.undecidedReason()).hasValue(reason);
              assertThat(v.path()).isEmpty();
            });
    assertThat(verdicts.get(2L).className()).isEqualTo("app.Worker");
  }

  @Test
  void aDumpWithMoreObjectsThanTheIndexCanNumberIsAOneLineReason(@TempDir Path dir)
      throws IOException {
    Path dump = dump(dir);

    assertThatThrownBy(() -> HeapAnalyzer.analyze(request(dump), new HprofLimits(0xFFFF_FFFFL, 8)))
        .isInstanceOf(HprofFormatException.class)
        .hasMessage(
            "the heap dump has more than 8 objects; the analysis can index at most 8"
                + " (it numbers objects with int indices)");
  }
}
