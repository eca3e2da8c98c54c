package org.leakcheck.internal.analysis;

/**
 * The analysis could not give a verdict. The message is one line for a person ("the heap dump could
 * not be read: truncated at byte N", "the analysis did not finish within 60 s", "the analyser JVM
 * ran out of memory (-Xmx512m)"), never a stack trace.
 */
public final class AnalysisException extends Exception {

  private static final long serialVersionUID = 1L;

  public AnalysisException(String message) {
    super(message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
