package org.leakcheck.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The verdict a corpus scenario must get. In a {@link Verdict#LEAK} scenario every object whose
 * label starts with {@code "leak"} must be reported, with its retaining path, and nothing else.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Expect {

  Verdict value();

  /**
   * The test's own failure, for a scenario whose test throws on purpose; no leak may be added to
   * it.
   */
  Class<? extends Throwable> failsWith() default NoFailure.class;

  enum Verdict {
    LEAK,
    NO_LEAK
  }

  /** The default of {@link #failsWith()}: the test passes. */
  final class NoFailure extends Throwable {
    private static final long serialVersionUID = 1L;

    private NoFailure() {}
  }
}
