package org.leakcheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The chain of strong references from a GC root to a leaked object, as read from a heap dump.
 *
 * <p>{@link #root()} names the root the way it is found in code (a static field, a thread and its
 * stack frame, a thread-local…); {@link #steps()} is the raw chain, one object per step, from the
 * object the root holds down to the leaked object itself (the last step).
 */
public final class RetainingPath {

  private final String root;
  private final List<Step> steps;

  /**
   * Creates a path (the library builds these).
   *
   * @param root the GC root, described for a person
   * @param steps the chain from the root's object to the leaked object; not empty
   */
  RetainingPath(String root, List<Step> steps) {
    this.root = Objects.requireNonNull(root, "root");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a retaining path has at least the leaked object");
    }
    this.steps = List.copyOf(steps);
  }

  /** {@return the GC root, e.g. {@code static field com.example.Manager.REGISTRY}} */
  public String root() {
    return root;
  }

  /** {@return the raw chain, from the object held by the root to the leaked object} */
  public List<Step> steps() {
    return steps;
  }

  /** One object on the path and the reference that leads to it from the previous one. */
  public static final class Step {

    private final String className;
    private final String reference;
    private final String summary;

    /**
     * Creates a step (the library builds these).
     *
     * @param className the class of the object ({@code java.util.HashMap$Node[]} for arrays)
     * @param reference how the previous object refers to it: {@code .table}, {@code [5]}, or the
     *     root's own description for the first step
     * @param summary a short description of the object (a string's text, a map entry's key), or
     *     {@code null}
     */
    Step(String className, String reference, String summary) {
      this.className = Objects.requireNonNull(className, "className");
      this.reference = Objects.requireNonNull(reference, "reference");
      this.summary = summary;
    }

    /** {@return the class of the object on this step} */
    public String className() {
      return className;
    }

    /** {@return the reference from the previous step, as {@code .field} or {@code [index]}} */
    public String reference() {
      return reference;
    }

    /** {@return a short description of the object, if one was cheap to read from the dump} */
    public Optional<String> summary() {
      return Optional.ofNullable(summary);
    }

    @Override
    public String toString() {
      return className + " " + reference + (summary == null ? "" : " " + summary);
    }
  }
}
