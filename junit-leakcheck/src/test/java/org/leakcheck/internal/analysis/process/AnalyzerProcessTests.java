package org.leakcheck.internal.analysis.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.Probe;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.analysis.Worker;
import org.leakcheck.internal.analysis.engine.HeapAnalyzer;

/** The analysis in a child JVM: same answers, one-line failures, nothing left behind. */
class AnalyzerProcessTests {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  static final class Held {
    static final Map<Long, Object> HELD = new ConcurrentHashMap<>();
  }

  @Test
  void childJvmGivesTheSameAnswerAsInProcess(@TempDir Path dir, @TempDir Path temp)
      throws Exception {
    Probe probe = new Probe().ignoreThisThreadsStack();
    Worker worker = new Worker("leaked");
    long leaked = probe.track(worker);
    long collected = probe.track(new Object());
    Held.HELD.put(leaked, worker);
    try {
      AnalysisRequest request = probe.request(Probe.dump(dir, true)).build();
      AnalysisResult here = HeapAnalyzer.analyze(request);
      AnalysisResult there = AnalyzerProcess.analyze(request, MINUTE, null, temp);

      assertThat(there.objectCount()).isEqualTo(here.objectCount());
      assertThat(there.bySerial()).containsOnlyKeys(leaked, collected);
      TrackedVerdict a = here.bySerial().get(leaked);
      TrackedVerdict b = there.bySerial().get(leaked);
      assertThat(b.verdict()).isEqualTo(Verdict.STRONGLY_REACHABLE);
      assertThat(b.path()).isEqualTo(a.path());
      assertThat(b)
          .extracting(
              TrackedVerdict::className,
              TrackedVerdict::objectId,
              TrackedVerdict::retainedBytes,
              TrackedVerdict::retainedObjects)
          .containsExactly(a.className(), a.objectId(), a.retainedBytes(), a.retainedObjects());
      assertThat(there.bySerial().get(collected).verdict()).isEqualTo(Verdict.NOT_IN_DUMP);
      assertThat(there.readTime()).isPositive();
      assertThat(temp).isEmptyDirectory();
    } finally {
      Held.HELD.remove(leaked);
      probe.release();
    }
  }

  @Test
  void truncatedDumpFailsWithTheByteItEndsAt(@TempDir Path dir, @TempDir Path temp)
      throws Exception {
    Path dump = Probe.dump(dir, true);
    long cut = Files.size(dump) - 1000;
    try (FileChannel channel = FileChannel.open(dump, StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }
    AnalysisRequest request = AnalysisRequest.builder(dump).track(1).build();
    assertThatThrownBy(() -> AnalyzerProcess.analyze(request, MINUTE, null, temp))
        .isInstanceOf(AnalysisException.class)
        .hasMessage("the heap dump could not be read: truncated at byte " + cut);
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void otherFilesFailWithAReason(@TempDir Path dir, @TempDir Path temp) throws Exception {
    Path garbage = Files.write(dir.resolve("garbage.hprof"), new byte[] {1, 2, 3, 4, 5, 6, 7});
    assertThatThrownBy(
            () ->
                AnalyzerProcess.analyze(
                    AnalysisRequest.builder(garbage).build(), MINUTE, null, temp))
        .isInstanceOf(AnalysisException.class)
        .hasMessage(
            "the heap dump could not be read: not an HPROF heap dump (no \"JAVA PROFILE\" header)");

    Path missing = dir.resolve("missing.hprof");
    assertThatThrownBy(
            () ->
                AnalyzerProcess.analyze(
                    AnalysisRequest.builder(missing).build(), MINUTE, null, temp))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("the heap dump " + missing + " cannot be read");
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void childIsKilledOnTimeout(@TempDir Path dir, @TempDir Path temp) throws Exception {
    Path dump = Probe.dump(dir, true);
    AnalysisRequest request = AnalysisRequest.builder(dump).track(1).build();
    assertThatThrownBy(() -> AnalyzerProcess.analyze(request, Duration.ofMillis(1), null, temp))
        .isInstanceOf(AnalysisException.class)
        .hasMessage("the analysis did not finish within 1 ms");
    assertThat(temp).isEmptyDirectory();
    try (Stream<ProcessHandle> children = ProcessHandle.current().children()) {
      assertThat(children.map(p -> p.info().commandLine().orElse("")))
          .noneMatch(command -> command.contains(temp.toString()));
    }
  }

  @Test
  void tooSmallHeapIsReportedAsSuch(@TempDir Path dir, @TempDir Path temp) throws Exception {
    // 2 million objects: their index alone needs more than the smallest heap allowed, 16m.
    Object[] ballast = new Object[2_000_000];
    java.util.Arrays.setAll(ballast, i -> new Object());
    Path dump = Probe.dump(dir, true);
    java.lang.ref.Reference.reachabilityFence(ballast);
    AnalysisRequest request = AnalysisRequest.builder(dump).track(1).build();
    assertThatThrownBy(() -> AnalyzerProcess.analyze(request, MINUTE, "16m", temp))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("the analyser JVM ran out of memory (-Xmx16m)");
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void automaticHeapFollowsTheDumpSize() {
    assertThat(AnalyzerProcess.autoMaxHeap(10L << 20)).isEqualTo("256m");
    assertThat(AnalyzerProcess.autoMaxHeap(700L << 20)).isEqualTo("1050m");
    assertThat(AnalyzerProcess.retryMaxHeap(700L << 20)).isEqualTo("2100m");
    assertThat(AnalyzerProcess.retryMaxHeap(1L << 50))
        .as("capped at half the RAM already")
        .isNull();
    assertThatThrownBy(
            () ->
                AnalyzerProcess.analyze(
                    AnalysisRequest.builder(Path.of("x")).build(), MINUTE, "lots"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutsAreWrittenForPeople() {
    assertThat(AnalyzerProcess.format(Duration.ofSeconds(60))).isEqualTo("60 s");
    assertThat(AnalyzerProcess.format(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }
}
