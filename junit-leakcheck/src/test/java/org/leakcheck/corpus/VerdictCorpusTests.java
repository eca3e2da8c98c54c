package org.leakcheck.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every scenario of the corpus gets its expected verdict, sequentially and under JUnit parallel
 * execution. Runs the corpus {@value VerdictCorpus#REPETITIONS_PROPERTY} times per mode (default 1
 * here; {@code .ci/matrix} repeats it in a JVM per collector and flag).
 */
@Execution(ExecutionMode.SAME_THREAD) // the runs share the scenarios' static state; one at a time
class VerdictCorpusTests {

  @ParameterizedTest
  @EnumSource(VerdictCorpus.Mode.class)
  void everyScenarioGetsItsExpectedVerdict(VerdictCorpus.Mode mode) {
    int repetitions = Integer.getInteger(VerdictCorpus.REPETITIONS_PROPERTY, 1);

    VerdictCorpus.Tally tally = VerdictCorpus.run(mode, repetitions);

    assertThat(tally.wrong()).as("%s%n%s", tally.summary(), tally.mismatchTable()).isZero();
    assertThat(tally.leakRight)
        .as("leak scenarios per run")
        .isGreaterThanOrEqualTo(15 * repetitions);
    assertThat(tally.noLeakRight)
        .as("non-leak scenarios per run")
        .isGreaterThanOrEqualTo(15 * repetitions);
  }
}
