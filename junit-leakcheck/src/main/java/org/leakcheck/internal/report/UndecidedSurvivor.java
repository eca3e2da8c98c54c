package org.leakcheck.internal.report;

import org.leakcheck.LeakedObject;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.analysis.NoVerdict;

/**
 * A tracked object that survived the forced collections without a verdict: the public description
 * and what kind of failure left it undecided, which picks the hint.
 */
public final class UndecidedSurvivor {

  private final LeakedObject object;
  private final NoVerdict kind;

  private UndecidedSurvivor(LeakedObject object, NoVerdict kind) {
    this.object = object;
    this.kind = kind;
  }

  /** The survivor; {@code reason} is one line saying why it could not be decided. */
  public static UndecidedSurvivor of(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      NoVerdict kind,
      String reason) {
    return new UndecidedSurvivor(
        ApiTypes.undecidedObject(label, className, identityHashCode, trackedAt, reason), kind);
  }

  public LeakedObject object() {
    return object;
  }

  public NoVerdict kind() {
    return kind;
  }
}
