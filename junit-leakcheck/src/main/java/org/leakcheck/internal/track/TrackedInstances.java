package org.leakcheck.internal.track;

import java.util.Optional;
import org.leakcheck.internal.planted.TrackedType;

/**
 * A type none of whose instances may be strongly reachable after the test ({@code
 * trackInstancesOf}): what a report needs to name it, and the weak {@link TrackedType} through
 * which the check finds its class. Holds no strong reference to the class, so that tracking a
 * plugin's type never keeps the plugin's class loader alive.
 */
public final class TrackedInstances {

  private final TrackedType reference;
  private final String typeName;
  private final String elementName;
  private final int dimensions;
  private final boolean isInterface;
  private final CallSite trackedAt;

  TrackedInstances(TrackedType reference, Class<?> type, CallSite trackedAt) {
    this.reference = reference;
    this.typeName = type.getTypeName();
    Class<?> element = type;
    int dims = 0;
    while (element.isArray()) {
      element = element.getComponentType();
      dims++;
    }
    this.elementName = element.getName();
    this.dimensions = dims;
    this.isInterface = element.isInterface();
    this.trackedAt = trackedAt;
  }

  /** The planted reference: its query id names this type in a heap dump. */
  public TrackedType reference() {
    return reference;
  }

  public long query() {
    return reference.query();
  }

  /** The type as the user wrote it: {@code com.example.Connection}, {@code com.example.Pool[]}. */
  public String typeName() {
    return typeName;
  }

  /** The element type's {@link Class#getName() name} (the type itself when not an array). */
  public String elementName() {
    return elementName;
  }

  /** 0 for instances of the element type, 1 for arrays of it, and so on. */
  public int dimensions() {
    return dimensions;
  }

  public boolean isInterface() {
    return isInterface;
  }

  /** The element type, unless its class has been unloaded (then it has no instances). */
  public Optional<Class<?>> elementType() {
    return Optional.ofNullable(reference.get());
  }

  public CallSite trackedAt() {
    return trackedAt;
  }

  /** Whether this tracks the very same type (class and class loader) as {@code other}. */
  boolean sameType(TrackedInstances other) {
    Class<?> mine = reference.get();
    return mine != null && mine == other.reference.get() && dimensions == other.dimensions;
  }

  @Override
  public String toString() {
    return "instances of " + typeName;
  }
}
