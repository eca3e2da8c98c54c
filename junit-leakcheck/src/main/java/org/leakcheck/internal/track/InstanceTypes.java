package org.leakcheck.internal.track;

import java.util.List;
import java.util.Optional;

/**
 * Which types {@code trackInstancesOf} refuses up front, because their instances can never all be
 * gone while the JVM runs, and why; as {@link Collectability} for {@code track}.
 */
final class InstanceTypes {

  /** Types whose instances the JVM and the JDK itself always hold (and every supertype of them). */
  private static final List<Class<?>> ALWAYS_LIVE =
      List.of(
          String.class,
          Class.class,
          Thread.class,
          ThreadGroup.class,
          ClassLoader.class,
          Module.class,
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Character.class,
          Boolean.class);

  private InstanceTypes() {}

  /** Why instances of {@code type} can never all be collected, or empty when they can. */
  static Optional<String> whyNeverGone(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return Optional.of(
          type == element
              ? element.getName() + " is a primitive type: it has no instances"
              : "the JDK always holds " + type.getTypeName() + " arrays");
    }
    if (element == Object.class) {
      return Optional.of(
          "every object is an instance of " + type.getTypeName() + ", the JDK's own included");
    }
    if (Enum.class.isAssignableFrom(element)) {
      return Optional.of(
          element.getName()
              + " is an enum: its class holds its constants for as long as it is loaded");
    }
    for (Class<?> live : ALWAYS_LIVE) {
      if (element.isAssignableFrom(live)) {
        String which =
            element == live
                ? live.getName()
                : element.getName() + " (a supertype of " + live.getName() + ")";
        return Optional.of(
            element == type
                ? which + " instances are always live: the JDK holds some for as long as it runs"
                : "the JDK always holds arrays of " + which);
      }
    }
    return Optional.empty();
  }
}
