package org.leakcheck.internal.planted;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * The phantom reference through which a tracked object is watched.
 *
 * <p>Its class name and its {@code serial} and {@code libraryCopy} fields are read back from heap
 * dumps by the analysis ({@code org.leakcheck.internal.analysis}), which finds each tracked object
 * as the referent of the instance with the requested serial and copy of the library: keep them
 * stable.
 */
public final class TrackedReference extends PhantomReference<Object> {

  /** Unique within this copy of the library; identifies the tracked object in a heap dump. */
  private final long serial;

  /** {@link LibraryCopy#ID}: serials of two copies of the library in one JVM overlap. */
  private final long libraryCopy;

  public TrackedReference(Object referent, ReferenceQueue<Object> queue, long serial) {
    super(referent, queue);
    this.serial = serial;
    this.libraryCopy = LibraryCopy.ID;
  }

  public long serial() {
    return serial;
  }

  /** The {@link LibraryCopy#ID} of the copy of the library that made this reference. */
  public long libraryCopy() {
    return libraryCopy;
  }

  /** Whether the tracked object has been found unreachable and cleared by the collector. */
  public boolean isCleared() {
    return refersTo(null);
  }
}
