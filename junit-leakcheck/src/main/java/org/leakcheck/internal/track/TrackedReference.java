package org.leakcheck.internal.track;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * The phantom reference through which a tracked object is watched.
 *
 * <p>Its class name and its {@code serial} field are read back from heap dumps by the analysis
 * ({@code org.leakcheck.internal.analysis}), which finds each tracked object as the referent of the
 * instance with the requested serial: keep both stable.
 */
public final class TrackedReference extends PhantomReference<Object> {

  /** Unique within this JVM; identifies the tracked object in a heap dump. */
  private final long serial;

  public TrackedReference(Object referent, ReferenceQueue<Object> queue, long serial) {
    super(referent, queue);
    this.serial = serial;
  }

  public long serial() {
    return serial;
  }

  /** Whether the tracked object has been found unreachable and cleared by the collector. */
  public boolean isCleared() {
    return refersTo(null);
  }
}
