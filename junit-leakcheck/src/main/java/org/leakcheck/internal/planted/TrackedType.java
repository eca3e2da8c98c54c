package org.leakcheck.internal.planted;

import java.lang.ref.WeakReference;

/**
 * Marks a type whose instances must all be gone after the test ({@code trackInstancesOf}): its
 * referent is the {@link Class} (for an array type, the class of its elements), so that the
 * analysis finds the very class, of the very class loader, in the dump.
 *
 * <p>Weak: a tracked type never keeps its class, or its class loader, from being unloaded. Its
 * class name and its {@code query} and {@code libraryCopy} fields are read back from heap dumps
 * ({@link Planted}): keep them stable.
 */
public final class TrackedType extends WeakReference<Class<?>> {

  /** Unique within this copy of the library; identifies the query in a heap dump. */
  private final long query;

  /** {@link LibraryCopy#ID}: query ids of two copies of the library in one JVM overlap. */
  private final long libraryCopy;

  public TrackedType(Class<?> type, long query) {
    super(type);
    this.query = query;
    this.libraryCopy = LibraryCopy.ID;
  }

  public long query() {
    return query;
  }

  /** The {@link LibraryCopy#ID} of the copy of the library that made this reference. */
  public long libraryCopy() {
    return libraryCopy;
  }
}
