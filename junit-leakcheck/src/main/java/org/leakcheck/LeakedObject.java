package org.leakcheck;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A tracked object that was still strongly reachable after the test: what it is, where it was
 * tracked, and, when it could be computed, the chain of references that keeps it alive.
 *
 * <p>Or one that survived the forced collections but whose fate could not be decided, because the
 * heap dump that tells a leak from an object held only by the test instance could not be made or
 * analysed (or {@code leakcheck.retainingPath=false}): then {@link #isDecided()} is {@code false}
 * and {@link #undecidedReason()} says why. Such an object is not known to be leaked; {@link
 * LeakDetectedError#undecidedObjects()} lists it apart from the leaks.
 */
public final class LeakedObject {

  private final String label;
  private final String className;
  private final int identityHashCode;
  private final StackTraceElement trackedAt;
  private final RetainingPath retainingPath;
  private final String noPathReason;
  private final long retainedBytes;
  private final long retainedObjects;
  private final boolean decided;

  static {
    ApiFactory.ensureRegistered();
  }

  /**
   * Creates a leaked object description with the size it retains (the library builds these).
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt the frame that called {@code track}
   * @param retainingPath the retaining path, or {@code null} when it could not be computed
   * @param noPathReason why there is no path; {@code null} when there is one
   * @param retainedBytes the estimated bytes only it keeps alive (itself included), or -1
   * @param retainedObjects how many objects only it keeps alive (itself included), or -1
   */
  LeakedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      RetainingPath retainingPath,
      String noPathReason,
      long retainedBytes,
      long retainedObjects) {
    this(
        label,
        className,
        identityHashCode,
        trackedAt,
        retainingPath,
        noPathReason,
        retainedBytes,
        retainedObjects,
        true);
  }

  private LeakedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      RetainingPath retainingPath,
      String noPathReason,
      long retainedBytes,
      long retainedObjects,
      boolean decided) {
    this.decided = decided;
    this.retainedBytes = retainedBytes;
    this.retainedObjects = retainedObjects;
    this.label = label;
    this.className = Objects.requireNonNull(className, "className");
    this.identityHashCode = identityHashCode;
    this.trackedAt = Objects.requireNonNull(trackedAt, "trackedAt");
    this.retainingPath = retainingPath;
    this.noPathReason =
        retainingPath == null ? Objects.requireNonNull(noPathReason, "noPathReason") : null;
  }

  /**
   * Describes a tracked object that survived the forced collections but could not be decided leaked
   * or not; the library builds these.
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt the frame that called {@code track}
   * @param reason why it could not be decided, one line
   * @return the undecided object
   */
  static LeakedObject undecided(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      String reason) {
    return new LeakedObject(
        label,
        className,
        identityHashCode,
        trackedAt,
        null,
        Objects.requireNonNull(reason, "reason"),
        -1,
        -1,
        false);
  }

  /**
   * {@return {@code true} when a heap dump showed the object strongly reachable (a leak); {@code
   * false} when it survived the collections but could not be decided, see {@link
   * #undecidedReason()}}
   */
  public boolean isDecided() {
    return decided;
  }

  /**
   * {@return why the object could not be decided leaked or not (heap dump impossible, analysis
   * timed out, retaining path disabled…); empty when {@link #isDecided()}}
   */
  public Optional<String> undecidedReason() {
    return decided ? Optional.empty() : Optional.ofNullable(noPathReason);
  }

  /** {@return the label given to {@code track}, if any} */
  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  /** {@return the fully qualified class name of the object} */
  public String className() {
    return className;
  }

  /** {@return its {@link System#identityHashCode(Object) identity hash code}} */
  public int identityHashCode() {
    return identityHashCode;
  }

  /**
   * {@return the frame that called {@code track}: class, method, file and line (the message shows
   * it as {@code File.java:line})}
   */
  public StackTraceElement trackedAt() {
    return trackedAt;
  }

  /** {@return the chain of strong references from a GC root to the object, when computed} */
  public Optional<RetainingPath> retainingPath() {
    return Optional.ofNullable(retainingPath);
  }

  /**
   * {@return why {@link #retainingPath()} is empty (not requested, heap dump impossible, analysis
   * failed…); empty when there is a path}
   */
  public Optional<String> noPathReason() {
    return Optional.ofNullable(noPathReason);
  }

  /**
   * {@return an estimate of the bytes that would be freed if only this object were released (its
   * retained size, itself included), when a heap dump was analysed}
   */
  public OptionalLong retainedBytes() {
    return retainedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(retainedBytes);
  }

  /** {@return how many objects only this object keeps alive (itself included), when known} */
  public OptionalLong retainedObjects() {
    return retainedObjects < 0 ? OptionalLong.empty() : OptionalLong.of(retainedObjects);
  }

  /** {@return the class name and label, as {@code com.example.Worker "Alice"}} */
  @Override
  public String toString() {
    return className + (label == null ? "" : " \"" + label + "\"");
  }
}
