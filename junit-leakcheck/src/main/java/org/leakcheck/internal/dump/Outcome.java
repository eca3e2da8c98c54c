package org.leakcheck.internal.dump;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TrackedVerdict;

/**
 * What the heap dump said of one submission: a verdict per serial, or the reason there is none; and
 * the dump, when it was kept.
 */
public final class Outcome {

  private final Map<Long, TrackedVerdict> verdicts;
  private final Map<Long, SurvivingInstances> instances;
  private final NoVerdict failureKind;
  private final String failure;
  private final Path keptDump;
  private final List<HeapPath> retainedTestInstances;

  private Outcome(
      Map<Long, TrackedVerdict> verdicts,
      Map<Long, SurvivingInstances> instances,
      List<HeapPath> retainedTestInstances,
      NoVerdict failureKind,
      String failure,
      Path keptDump) {
    this.verdicts = verdicts;
    this.instances = instances;
    this.retainedTestInstances = List.copyOf(retainedTestInstances);
    this.failureKind = failureKind;
    this.failure = failure;
    this.keptDump = keptDump;
  }

  static Outcome analysed(
      Map<Long, TrackedVerdict> verdicts,
      Map<Long, SurvivingInstances> instances,
      List<HeapPath> retainedTestInstances,
      Path keptDump) {
    return new Outcome(
        Map.copyOf(verdicts), Map.copyOf(instances), retainedTestInstances, null, null, keptDump);
  }

  static Outcome failed(NoVerdict kind, String reason, Path keptDump) {
    return new Outcome(Map.of(), Map.of(), List.of(), kind, reason, keptDump);
  }

  /** What the dump holds of the tracked type {@code query}; empty when the analysis failed. */
  public Optional<SurvivingInstances> instances(long query) {
    return Optional.ofNullable(instances.get(query));
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
