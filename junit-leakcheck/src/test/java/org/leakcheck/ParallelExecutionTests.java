package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.LeakCheckTestKit.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Leaking and clean tests running at the same time each get their own verdict. */
class ParallelExecutionTests {

  static final List<Object> LEAKED = new CopyOnWriteArrayList<>();

  @Test
  void concurrentTestsGetTheirOwnVerdicts() {
    EngineExecutionResults results =
        run(
            MixedTestCase.class,
            Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));

    results.testEvents().assertStatistics(stats -> stats.started(40).succeeded(20).failed(20));
    List<String> failedLabels =
        results.testEvents().failed().stream()
            .map(
                e ->
                    e.getPayload(TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow())
            .peek(t -> assertThat(t).isInstanceOf(LeakDetectedError.class))
            .flatMap(t -> ((LeakDetectedError) t).leakedObjects().stream())
            .map(l -> l.label().orElseThrow())
            .collect(Collectors.toList());
    assertThat(failedLabels).hasSize(20).allMatch(label -> label.startsWith("leaked"));
  }

  @LeakCheck
  @Execution(ExecutionMode.CONCURRENT)
  static class MixedTestCase {
    @RepeatedTest(20)
    void leaks(LeakTracker leaks, RepetitionInfo repetition) {
      LEAKED.add(
          leaks.track(new StringBuilder("leaked"), "leaked " + repetition.getCurrentRepetition()));
      leaks.track(new StringBuilder("dropped"), "dropped " + repetition.getCurrentRepetition());
    }

    @RepeatedTest(20)
    void dropsEverything(LeakTracker leaks, RepetitionInfo repetition) throws InterruptedException {
      StringBuilder local =
          leaks.track(new StringBuilder("dropped"), "clean " + repetition.getCurrentRepetition());
      Thread.sleep(local.length());
    }
  }
}
