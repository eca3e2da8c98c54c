package org.leakcheck.internal.analysis;

import java.util.List;

/**
 * A shortest chain of strong references from a GC root to a leaked object.
 *
 * @param root the GC root
 * @param steps from the root object ({@link EdgeKind#ROOT}) down to the leaked object (the last
 *     step); never empty. For a static field, the step of the {@code java.lang.Class} object
 *     carries the class's name in its summary and the next step is the {@code STATIC_FIELD}
 */
public record HeapPath(GcRoot root, List<PathStep> steps) {

  public HeapPath {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a path has at least the leaked object");
    }
  }
}
