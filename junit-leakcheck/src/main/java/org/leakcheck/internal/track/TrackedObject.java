package org.leakcheck.internal.track;

import java.util.Optional;
import org.leakcheck.internal.planted.TrackedReference;

/**
 * What the tracker knows of one tracked object: everything needed to name it in a report, and the
 * phantom reference that tells whether it has been collected. Holds no strong reference to it.
 */
public final class TrackedObject {

  private final TrackedReference reference;
  private final String label;
  private final String className;
  private final int identityHash;
  private final CallSite trackedAt;

  TrackedObject(
      TrackedReference reference,
      String label,
      String className,
      int identityHash,
      CallSite trackedAt) {
    this.reference = reference;
    this.label = label;
    this.className = className;
    this.identityHash = identityHash;
    this.trackedAt = trackedAt;
  }

  public TrackedReference reference() {
    return reference;
  }

  public long serial() {
    return reference.serial();
  }

  public boolean isCleared() {
    return reference.isCleared();
  }

  public Optional<String> label() {
    return Optional.ofNullable(label);
  }

  public String className() {
    return className;
  }

  public int identityHash() {
    return identityHash;
  }

  public CallSite trackedAt() {
    return trackedAt;
  }

  @Override
  public String toString() {
    return className
        + "@"
        + Integer.toHexString(identityHash)
        + (label == null ? "" : " \"" + label + "\"");
  }
}
