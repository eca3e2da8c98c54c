package org.leakcheck.internal.analysis.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;

/** What crosses the pipe between the test JVM and the analyser child. */
class WireTests {

  private static final long COPY = 0x5EED_0001L;

  @Test
  void theWireCarriesTheLibraryCopyAndUndecidedVerdicts(@TempDir Path dir) throws IOException {
    AnalysisRequest request =
        AnalysisRequest.builder(dir.resolve("x.hprof"))
            .track(1, 2, 3, 4)
            .markerRequest(1)
            .libraryCopy(COPY)
            .build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Wire.writeRequest(new DataOutputStream(bytes), request);
    AnalysisRequest read =
        Wire.readRequest(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(read.libraryCopy()).isEqualTo(COPY);
    assertThat(read.trackedSerials()).isEqualTo(request.trackedSerials());

    Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
    verdicts.put(7L, TrackedVerdict.undecided(7, "app.Worker", 0x1230, "the dump lost it"));
    verdicts.put(8L, TrackedVerdict.undecided(8, null, 0, "the dump lost it too"));
    verdicts.put(
        9L,
        new TrackedVerdict(9, Verdict.NOT_STRONGLY_REACHABLE, "app.Worker", 0x1240, null, -1, -1));
    bytes.reset();
    Wire.writeResult(
        new DataOutputStream(bytes),
        new AnalysisResult(verdicts, 42, Duration.ofMillis(1), Duration.ofMillis(2)));
    Wire.Answer answer =
        Wire.readAnswer(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(answer.status()).isEqualTo(Wire.OK);
    assertThat(answer.result().bySerial().values())
        .extracting(
            TrackedVerdict::serial,
            TrackedVerdict::verdict,
            TrackedVerdict::className,
            TrackedVerdict::objectId,
            v -> v.undecidedReason().orElse(null))
        .containsExactly(
            tuple(7L, Verdict.UNDECIDED, "app.Worker", 0x1230L, "the dump lost it"),
            tuple(8L, Verdict.UNDECIDED, null, 0L, "the dump lost it too"),
            tuple(9L, Verdict.NOT_STRONGLY_REACHABLE, "app.Worker", 0x1240L, null));
  }
}
