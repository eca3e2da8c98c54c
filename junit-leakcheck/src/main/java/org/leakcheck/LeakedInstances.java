package org.leakcheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instances of a type tracked with {@link LeakTracker#trackInstancesOf(Class)} (or {@link
 * LeakCheck#instancesOf()}) that are still strongly reachable after the test, grouped by the shape
 * of their retaining paths; or, when it could not be decided, why.
 *
 * <p>Built by the library only; read it from {@link LeakDetectedError#leakedInstances()} and {@link
 * LeakDetectedError#undecidedInstances()}.
 */
public final class LeakedInstances {

  private final String typeName;
  private final StackTraceElement trackedAt;
  private final int count;
  private final List<Group> groups;
  private final String undecidedReason;

  LeakedInstances(
      String typeName,
      StackTraceElement trackedAt,
      int count,
      List<Group> groups,
      String undecidedReason) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.trackedAt = Objects.requireNonNull(trackedAt, "trackedAt");
    this.count = count;
    this.groups = List.copyOf(groups);
    this.undecidedReason = undecidedReason;
  }

  /** {@return the tracked type, as {@code com.example.Connection} or {@code com.example.Pool[]}} */
  public String typeName() {
    return typeName;
  }

  /**
   * {@return the frame that called {@code trackInstancesOf}; for {@link LeakCheck#instancesOf()},
   * the annotated class with the method name {@code @LeakCheck(instancesOf)}}
   */
  public StackTraceElement trackedAt() {
    return trackedAt;
  }

  /** {@return how many instances of the type, or of a subtype, are strongly reachable} */
  public int count() {
    return count;
  }

  /**
   * {@return the strongly reachable instances by path shape (the same root and references, any
   * index into an array or collection), the largest group first; the first 1,000 instances are
   * grouped, so the counts may add up to less than {@link #count()}}
   */
  public List<Group> groups() {
    return groups;
  }

  /** {@return {@code true} when a heap dump showed which instances are strongly reachable} */
  public boolean isDecided() {
    return undecidedReason == null;
  }

  /**
   * {@return why it could not be decided whether instances are strongly reachable (heap dump
   * impossible, analysis failed…); empty when {@link #isDecided()}}
   */
  public Optional<String> undecidedReason() {
    return Optional.ofNullable(undecidedReason);
  }

  /** {@return {@code 12 instances of com.example.Connection}} */
  @Override
  public String toString() {
    return count + (count == 1 ? " instance of " : " instances of ") + typeName;
  }

  /** Strongly reachable instances whose retaining paths have one shape. */
  public static final class Group {
    private final int count;
    private final List<String> classNames;
    private final RetainingPath retainingPath;

    Group(int count, List<String> classNames, RetainingPath retainingPath) {
      this.count = count;
      this.classNames = List.copyOf(classNames);
      this.retainingPath = Objects.requireNonNull(retainingPath, "retainingPath");
    }

    /** {@return how many instances have a path of this shape} */
    public int count() {
      return count;
    }

    /** {@return their classes: the type's own, or its subtypes'} */
    public List<String> classNames() {
      return classNames;
    }

    /** {@return the retaining path of the first of them} */
    public RetainingPath retainingPath() {
      return retainingPath;
    }

    /** {@return {@code 12 × com.example.PooledConnection}} */
    @Override
    public String toString() {
      return count + " × " + String.join(", ", classNames);
    }
  }
}
