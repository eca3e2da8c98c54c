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
  private final HeapPath path;
  private final long retainedBytes;
  private final long retainedObjects;
  private final String undecidedReason;

  public TrackedVerdict(
      long serial,
      Verdict verdict,
      String className,
      long objectId,
      HeapPath path,
      long retainedBytes,
      long retainedObjects) {
    this(serial, verdict, className, objectId, path, retainedBytes, retainedObjects, null);
  }

  private TrackedVerdict(
      long serial,
      Verdict verdict,
      String className,
      long objectId,
      HeapPath path,
      long retainedBytes,
      long retainedObjects,
      String undecidedReason) {
    this.serial = serial;
    this.verdict = Objects.requireNonNull(verdict, "verdict");
    this.className = className;
    this.objectId = objectId;
    this.path = path;
    this.retainedBytes = retainedBytes;
    this.retainedObjects = retainedObjects;
    this.undecidedReason = undecidedReason;
    if ((verdict == Verdict.STRONGLY_REACHABLE) != (path != null)) {
      throw new IllegalArgumentException("a path comes with STRONGLY_REACHABLE, and only with it");
    }
    if ((verdict == Verdict.UNDECIDED) != (undecidedReason != null)) {
      throw new IllegalArgumentException("a reason comes with UNDECIDED, and only with it");
    }
  }

  /**
   * An {@link Verdict#UNDECIDED} verdict.
   *
   * @param serial the tracked serial
   * @param className the tracked object's class when it is in the dump, else {@code null}
   * @param objectId its id in the dump, else 0
   * @param reason why the dump cannot tell, one line
   * @return the verdict
   */
  public static TrackedVerdict undecided(
      long serial, String className, long objectId, String reason) {
    return new TrackedVerdict(
        serial,
        Verdict.UNDECIDED,
        className,
        objectId,
        null,
        -1,
        -1,
        Objects.requireNonNull(reason, "reason"));
  }

  /** The serial of the tracked object's {@code TrackedReference}. */
  public long serial() {
    return serial;
  }

  public Verdict verdict() {
    return verdict;
  }

  /** Why the dump cannot tell, one line; only when {@link Verdict#UNDECIDED}. */
  public Optional<String> undecidedReason() {
    return Optional.ofNullable(undecidedReason);
  }

  /** The shortest path from a GC root when {@link Verdict#STRONGLY_REACHABLE}. */
  public Optional<HeapPath> path() {
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

  /** The tracked object's class, {@code null} when it is not in the dump. */
  public String className() {
    return className;
  }

  /** The tracked object's id in the dump, 0 when it is not in the dump. */
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
        + (undecidedReason == null ? "" : " (" + undecidedReason + ")")
        + ", retains "
        + retainedBytes
        + " bytes in "
        + retainedObjects
        + " objects]";
  }
}
