package org.leakcheck.internal.analysis;

/**
 * The analysis could not give a verdict. The message is one line for a person ("the heap dump could
 * not be read: truncated at byte N", "the analysis did not finish within 60 s", "the analyser JVM
 * ran out of memory (-Xmx512m)"), never a stack trace.
 */
public final class AnalysisException extends Exception {

  private static final long serialVersionUID = 1L;

  private final NoVerdict kind;

  /** A failure of the analysis other than a timeout, lack of memory or an unreadable dump. */
  public AnalysisException(String message) {
    this(NoVerdict.ANALYSIS_FAILED, message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
    this.kind = NoVerdict.ANALYSIS_FAILED;
  }

  public AnalysisException(NoVerdict kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** {@return what kind of failure this is, for the hint on how to get a verdict} */
  public NoVerdict kind() {
    return kind;
  }
}
