package org.leakcheck.internal.analysis;

/** What the heap dump says about one tracked object. */
public enum Verdict {
  /** The tracked object is not in the dump: it was collected (or never tracked in this JVM). */
  NOT_IN_DUMP,
  /**
   * In the dump but not strongly reachable from a GC root other than what the test framework holds
   * (the test instance, JUnit's own objects, the checking thread's stack) or weak, soft, phantom
   * and final references: not a leak.
   */
  NOT_STRONGLY_REACHABLE,
  /** Strongly reachable: a leak, with its retaining path. */
  STRONGLY_REACHABLE,
  /**
   * The dump cannot tell: it is in a state where "not strongly reachable" or "not in the dump" may
   * be false (an array HotSpot may have truncated, references and all). {@link
   * TrackedVerdict#undecidedReason()} says why, in one line. A strongly reachable verdict is never
   * undecided: its path is in the dump.
   */
  UNDECIDED
}
