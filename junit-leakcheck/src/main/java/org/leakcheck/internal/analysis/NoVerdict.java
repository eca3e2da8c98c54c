package org.leakcheck.internal.analysis;

/**
 * Why a tracked object that survived the forced collections got no verdict: it is then undecided,
 * not leaked. The report turns each into a hint on how to get a decision.
 */
public enum NoVerdict {
  /** Not enough free disk space for the heap dump. */
  NO_DISK_SPACE,
  /** The heap dump could not be written (or this JVM cannot write one). */
  DUMP_NOT_WRITTEN,
  /** The analysis did not finish within {@code leakcheck.analysis.timeout}. */
  ANALYSIS_TIMED_OUT,
  /** The analyser JVM ran out of memory. */
  ANALYSER_OUT_OF_MEMORY,
  /** The heap dump could not be read or is not one the reader can trust (truncated, corrupted). */
  DUMP_UNREADABLE,
  /** The analysis failed otherwise (the analyser JVM could not run, died, was interrupted). */
  ANALYSIS_FAILED,
  /** The dump did not contain the object, yet it had not been collected. */
  NOT_IN_DUMP,
  /** No heap dump is taken: {@code leakcheck.retainingPath=false}. */
  RETAINING_PATH_DISABLED
}
