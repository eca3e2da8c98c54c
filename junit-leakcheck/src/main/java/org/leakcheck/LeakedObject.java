package org.leakcheck;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A tracked object that was still strongly reachable after the test: what it is, where it was
 * tracked, and, when it could be computed, the chain of references that keeps it alive.
 */
public final class LeakedObject {

  private final String label;
  private final String className;
  private final int identityHashCode;
  private final String trackedAt;
  private final RetainingPath retainingPath;
  private final String noPathReason;
  private final long retainedBytes;
  private final long retainedObjects;

  /**
   * Creates a leaked object description.
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt where it was tracked ({@code File.java:line})
   * @param retainingPath the retaining path, or {@code null} when it could not be computed
   * @param noPathReason why there is no path; {@code null} when there is one
   */
  public LeakedObject(
      String label,
      String className,
      int identityHashCode,
      String trackedAt,
      RetainingPath retainingPath,
      String noPathReason) {
    this(label, className, identityHashCode, trackedAt, retainingPath, noPathReason, -1, -1);
  }

  /**
   * Creates a leaked object description with the size it retains.
   *
   * @param label the label given to {@code track}, or {@code null}
   * @param className the object's class name
   * @param identityHashCode its identity hash code
   * @param trackedAt where it was tracked ({@code File.java:line})
   * @param retainingPath the retaining path, or {@code null} when it could not be computed
   * @param noPathReason why there is no path; {@code null} when there is one
   * @param retainedBytes the estimated bytes only it keeps alive (itself included), or -1
   * @param retainedObjects how many objects only it keeps alive (itself included), or -1
   */
  public LeakedObject(
      String label,
      String className,
      int identityHashCode,
      String trackedAt,
      RetainingPath retainingPath,
      String noPathReason,
      long retainedBytes,
      long retainedObjects) {
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

  /** {@return where {@code track} was called, as {@code File.java:line}} */
  public String trackedAt() {
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
