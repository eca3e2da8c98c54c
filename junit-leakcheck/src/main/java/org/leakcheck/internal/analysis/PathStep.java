package org.leakcheck.internal.analysis;

/**
 * One object of a {@link HeapPath} and the reference that leads to it from the previous step.
 *
 * @param objectId the object's id in the dump (its address when dumped)
 * @param className its class: {@link Class#getName()} form, source form for arrays ({@code
 *     java.lang.Object[]}, {@code byte[]}), the dump's name for hidden classes ({@code
 *     Foo$$Lambda+0x...} where {@code getName()} shows {@code Foo$$Lambda/0x...}); for a {@code
 *     java.lang.Class} object, see {@code summary}
 * @param edgeKind how the previous step refers to this object
 * @param edgeName the field's name for {@code FIELD} and {@code STATIC_FIELD}, else {@code null}
 * @param arrayIndex the index for {@code ARRAY_ELEMENT}, else -1
 * @param declaringClass the class declaring the field for {@code FIELD} and {@code STATIC_FIELD},
 *     else {@code null}
 * @param shallowSize estimated size of this object alone, in bytes
 * @param summary a short description when cheap and useful, else {@code null}: a string's quoted
 *     text (truncated), a boxed value, a class's name (for the class objects of the path: {@code
 *     className} is then {@code java.lang.Class}), a thread's or enum constant's name, a map
 *     entry's key as {@code key=...}
 */
public record PathStep(
    long objectId,
    String className,
    EdgeKind edgeKind,
    String edgeName,
    int arrayIndex,
    String declaringClass,
    long shallowSize,
    String summary) {

  /** Whether this object is a {@code java.lang.Class} (then {@link #summary()} is its name). */
  public boolean isClassObject() {
    return "java.lang.Class".equals(className);
  }
}
