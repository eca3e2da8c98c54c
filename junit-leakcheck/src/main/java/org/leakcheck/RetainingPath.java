package org.leakcheck;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The chain of strong references from a GC root to a leaked object, as read from a heap dump.
 *
 * <p>{@link #root()} is the root, with what it names (a static field, a thread and its stack frame,
 * a thread-local…); {@link #steps()} is the chain, one object per step, from the object the root
 * holds down to the leaked object itself (the last step), each with the kind of reference that
 * leads to it. The failure message and the JSON report are rendered from this model.
 */
public final class RetainingPath {

  private final Root root;
  private final List<Step> steps;

  /**
   * Creates a path (the library builds these).
   *
   * @param root the GC root
   * @param steps the chain from the root's object to the leaked object; not empty
   */
  RetainingPath(Root root, List<Step> steps) {
    this.root = Objects.requireNonNull(root, "root");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a retaining path has at least the leaked object");
    }
    this.steps = List.copyOf(steps);
  }

  /** {@return the GC root the chain starts from} */
  public Root root() {
    return root;
  }

  /** {@return the chain, from the object held by the root to the leaked object} */
  public List<Step> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return root + " -> " + steps;
  }

  /** Where a path starts: a reference the garbage collector never clears. */
  public static final class Root {

    /** Kinds of roots. More may be added. */
    public enum Kind {
      /** A static field ({@link Root#className()}, {@link Root#fieldName()}). */
      STATIC_FIELD,
      /** A thread-local value of a live thread ({@link Root#threadName()}). */
      THREAD_LOCAL,
      /** An inheritable thread-local value of a live thread ({@link Root#threadName()}). */
      INHERITABLE_THREAD_LOCAL,
      /** A local variable or operand of a live thread's frame ({@link Root#frame()}). */
      LOCAL_VARIABLE,
      /** A live thread itself: its fields. */
      THREAD,
      /** A class that is never unloaded ({@link Root#className()}). */
      CLASS,
      /** A class the JVM keeps alive (a boot class, {@link Root#className()}). */
      SYSTEM_CLASS,
      /** A JNI global reference. */
      JNI_GLOBAL,
      /** A JNI local reference of a native frame. */
      JNI_LOCAL,
      /** A reference from a thread's native stack. */
      NATIVE_STACK,
      /** An object a blocked thread refers to. */
      THREAD_BLOCK,
      /** An object whose monitor is held. */
      MONITOR,
      /** Any other root. */
      OTHER
    }

    private final Kind kind;
    private final String description;
    private final String className;
    private final String fieldName;
    private final String threadName;
    private final StackTraceElement frame;

    Root(
        Kind kind,
        String description,
        String className,
        String fieldName,
        String threadName,
        StackTraceElement frame) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.description = Objects.requireNonNull(description, "description");
      this.className = className;
      this.fieldName = fieldName;
      this.threadName = threadName;
      this.frame = frame;
    }

    /** {@return what kind of root} */
    public Kind kind() {
      return kind;
    }

    /**
     * {@return the root for a person, as the message shows it: {@code static field
     * com.example.Manager.REGISTRY}, {@code thread-local of thread "main"}}
     */
    public String description() {
      return description;
    }

    /** {@return the class declaring the static field, or the class of a class root} */
    public Optional<String> className() {
      return Optional.ofNullable(className);
    }

    /** {@return the static field's name, for {@link Kind#STATIC_FIELD}} */
    public Optional<String> fieldName() {
      return Optional.ofNullable(fieldName);
    }

    /** {@return the thread's name, for the roots of a thread (its locals, thread-locals…)} */
    public Optional<String> threadName() {
      return Optional.ofNullable(threadName);
    }

    /** {@return the stack frame holding the reference, for a local variable when known} */
    public Optional<StackTraceElement> frame() {
      return Optional.ofNullable(frame);
    }

    /** {@return the {@link #description()}} */
    @Override
    public String toString() {
      return description;
    }
  }

  /** One object on the path and the reference that leads to it from the previous one. */
  public static final class Step {

    /** How the previous step (or the root, for the first step) refers to this object. */
    public enum Kind {
      /** The first step is the object the root itself is, or holds directly. */
      ROOT,
      /** An instance field of the previous object ({@link Step#fieldName()}). */
      FIELD,
      /** A static field of the previous step, a class ({@link Step#fieldName()}). */
      STATIC_FIELD,
      /** An element of the previous step, an array ({@link Step#index()}). */
      ARRAY_ELEMENT,
      /** The class loader of the previous step, a class. */
      CLASS_LOADER,
      /** The class of the previous step, an object. */
      CLASS,
      /** A class defined by the previous step, a live class loader. */
      DEFINED_CLASS,
      /** The superclass of the previous step, a class. */
      SUPERCLASS
    }

    private final String className;
    private final Kind kind;
    private final String fieldName;
    private final String declaringClass;
    private final int index;
    private final String reference;
    private final String summary;

    Step(
        String className,
        Kind kind,
        String fieldName,
        String declaringClass,
        int index,
        String reference,
        String summary) {
      this.className = Objects.requireNonNull(className, "className");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.fieldName = fieldName;
      this.declaringClass = declaringClass;
      this.index = index;
      this.reference = Objects.requireNonNull(reference, "reference");
      this.summary = summary;
    }

    /** {@return the class of the object on this step} */
    public String className() {
      return className;
    }

    /** {@return the kind of reference that leads to this object} */
    public Kind kind() {
      return kind;
    }

    /** {@return the field's name, for {@link Kind#FIELD} and {@link Kind#STATIC_FIELD}} */
    public Optional<String> fieldName() {
      return Optional.ofNullable(fieldName);
    }

    /**
     * {@return the class declaring the field, for {@link Kind#FIELD} and {@link Kind#STATIC_FIELD}}
     */
    public Optional<String> declaringClass() {
      return Optional.ofNullable(declaringClass);
    }

    /** {@return the array index, for {@link Kind#ARRAY_ELEMENT}} */
    public OptionalInt index() {
      return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /**
     * {@return the reference from the previous step as the message shows it: {@code .field}, {@code
     * [index]}, {@code <class loader>}}
     */
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
