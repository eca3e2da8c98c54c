package org.leakcheck.internal.analysis;

/** How a {@link PathStep}'s object is referenced by the previous step's object. */
public enum EdgeKind {
  /** The first step: the object is the GC root itself. */
  ROOT,
  /** An instance field ({@link PathStep#edgeName()} names it). */
  FIELD,
  /** A static field of the previous step, which is a class. */
  STATIC_FIELD,
  /** An element of the previous step, an object array ({@link PathStep#arrayIndex()}). */
  ARRAY_ELEMENT,
  /** The class loader of the previous step, a class. */
  CLASS_LOADER,
  /** The class of the previous step, an instance or array. */
  CLASS_OF_INSTANCE,
  /** A class defined by the previous step, a class loader (a live loader keeps its classes). */
  DEFINED_CLASS,
  /** The super class of the previous step, a class. */
  SUPER_CLASS
}
