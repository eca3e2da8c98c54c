package org.leakcheck.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.leakcheck.LeakCheck;

/**
 * A fixture class of the corpus: checked by the extension, and run only by {@link VerdictCorpus}
 * (which sets {@value #RUN_KEY}). Surefire skips nested classes by default but not when {@code
 * -Dtest=org.leakcheck.corpus.**} selects them, and half of them fail on purpose.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@LeakCheck
@ExtendWith(CorpusScenario.OnlyInCorpusRuns.class)
@interface CorpusScenario {

  /**
   * Configuration parameter set by {@link VerdictCorpus}; not under {@code leakcheck.}, which
   * rejects unknown keys.
   */
  String RUN_KEY = "corpus.run";

  /** Disables the fixture outside {@link VerdictCorpus}. */
  final class OnlyInCorpusRuns implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(RUN_KEY).isPresent()
          ? ConditionEvaluationResult.enabled("run by VerdictCorpus")
          : ConditionEvaluationResult.disabled(
              "a corpus scenario: run by VerdictCorpus, fails on purpose");
    }
  }
}
