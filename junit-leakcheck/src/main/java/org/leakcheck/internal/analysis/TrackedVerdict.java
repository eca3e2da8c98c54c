package org.leakcheck.internal.analysis;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict for one tracked object: whether it is in the dump and strongly reachable, the
 * shortest retaining path if it is, and its retained size.
 *
 * <p>The retained size is an <em>estimate</em>: the objects that are reachable from the leaked
 * object but would not be reachable from the GC roots without it (its dominated set, test framework
 * objects left out), each counted with an estimated shallow size (a 16-byte header, fields with
 * 4-byte references when the heap used compressed references, 8-byte alignment; the real layout
 * depends on the JVM's flags). -1 when not computed.
 */
public final class TrackedVerdict {

  private final long serial;
  private final Verdict verdict;
  private final String className;
  private final long objectId;
  private final RetainingPath path;
  private final long retainedBytes;
  private final long retainedObjects;

  public TrackedVerdict(
      long serial,
      Verdict verdict,
      String className,
      long objectId,
      RetainingPath path,
      long retainedBytes,
      long retainedObjects) {
    this.serial = serial;
    this.verdict = Objects.requireNonNull(verdict, "verdict");
    this.className = className;
    this.objectId = objectId;
    this.path = path;
    this.retainedBytes = retainedBytes;
    this.retainedObjects = retainedObjects;
    if ((verdict == Verdict.STRONGLY_REACHABLE) != (path != null)) {
      throw new IllegalArgumentException("a path comes with STRONGLY_REACHABLE, and only with it");
    }
  }

  /** The serial of the tracked object's {@code TrackedReference}. */
  public long serial() {
    return serial;
  }

  public Verdict verdict() {
    return verdict;
  }

  /** The shortest path from a GC root when {@link Verdict#STRONGLY_REACHABLE}. */
  public Optional<RetainingPath> path() {
    return Optional.ofNullable(path);
  }

  /** Estimated bytes retained by the leaked object (itself included), -1 if not computed. */
  public long retainedBytes() {
    return retainedBytes;
  }

  /** Number of objects retained by the leaked object (itself included), -1 if not computed. */
  public long retainedObjects() {
    return retainedObjects;
  }

  /** The tracked object's class, {@code null} when {@link Verdict#NOT_IN_DUMP}. */
  public String className() {
    return className;
  }

  /** The tracked object's id in the dump, 0 when {@link Verdict#NOT_IN_DUMP}. */
  public long objectId() {
    return objectId;
  }

  @Override
  public String toString() {
    return "TrackedVerdict["
        + serial
        + " "
        + verdict
        + " "
        + className
        + (path == null ? "" : " " + path)
        + ", retains "
        + retainedBytes
        + " bytes in "
        + retainedObjects
        + " objects]";
  }
}
