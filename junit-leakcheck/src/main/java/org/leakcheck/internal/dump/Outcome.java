package org.leakcheck.internal.dump;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.analysis.TrackedVerdict;

/**
 * What the heap dump said of one submission: a verdict per serial, or the reason there is none; and
 * the dump, when it was kept.
 */
public final class Outcome {

  private final Map<Long, TrackedVerdict> verdicts;
  private final NoVerdict failureKind;
  private final String failure;
  private final Path keptDump;
  private final List<HeapPath> retainedTestInstances;

  private Outcome(
      Map<Long, TrackedVerdict> verdicts,
      List<HeapPath> retainedTestInstances,
      NoVerdict failureKind,
      String failure,
      Path keptDump) {
    this.verdicts = verdicts;
    this.retainedTestInstances = List.copyOf(retainedTestInstances);
    this.failureKind = failureKind;
    this.failure = failure;
    this.keptDump = keptDump;
  }

  static Outcome analysed(
      Map<Long, TrackedVerdict> verdicts, List<HeapPath> retainedTestInstances, Path keptDump) {
    return new Outcome(Map.copyOf(verdicts), retainedTestInstances, null, null, keptDump);
  }

  static Outcome failed(NoVerdict kind, String reason, Path keptDump) {
    return new Outcome(Map.of(), List.of(), kind, reason, keptDump);
  }

  /**
   * Paths to this submission's test instances that a root outliving the test still reaches (a
   * warning: what they hold is not reported as leaked).
   */
  public List<HeapPath> retainedTestInstances() {
    return retainedTestInstances;
  }

  /** The verdict for {@code serial}; empty when the analysis failed. */
  public Optional<TrackedVerdict> verdict(long serial) {
    return Optional.ofNullable(verdicts.get(serial));
  }

  /** Why there are no verdicts (dump impossible, analysis failed…), one line. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** What kind of failure {@link #failure()} is; empty when there are verdicts. */
  public Optional<NoVerdict> failureKind() {
    return Optional.ofNullable(failureKind);
  }

  /** The heap dump, when it was kept. */
  public Optional<Path> keptDump() {
    return Optional.ofNullable(keptDump);
  }
}
