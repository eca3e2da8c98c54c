package org.leakcheck.internal.track;

import java.util.Optional;

/**
 * Recognises objects that can never be collected, so that tracking one fails at once with the
 * reason instead of a puzzling "leak" after the test. Never calls {@code equals}, {@code hashCode}
 * or {@code toString} of the object.
 */
final class Collectability {

  private Collectability() {}

  /** Why {@code object} can never become garbage, or empty when it can. */
  static Optional<String> whyNeverCollectable(Object object) {
    if (object instanceof Enum) {
      return Optional.of("it is an enum constant, held by a static field of its enum class");
    }
    if (object instanceof Class) {
      return Optional.of(
          "it is a Class, which lives as long as its class loader; track the class loader, or an"
              + " instance, instead");
    }
    if (isCachedBox(object)) {
      return Optional.of(
          "it is a boxed value from the JVM's cache (valueOf / autoboxing of small values returns"
              + " a shared instance); track an object of your own instead");
    }
    if (object instanceof String && isInterned((String) object)) {
      return Optional.of(
          "it is an interned string (a string literal or the result of intern()), held by the"
              + " JVM's string table; track an object of your own instead");
    }
    if (isJvmCachedLambda(object)) {
      return Optional.of(
          "it is a non-capturing lambda or method reference, which the JVM creates once and keeps"
              + " for its call site; track the object it belongs to instead");
    }
    return Optional.empty();
  }

  private static boolean isCachedBox(Object o) {
    if (o instanceof Boolean) {
      return o == Boolean.TRUE || o == Boolean.FALSE;
    }
    if (o instanceof Integer) {
      int v = (Integer) o;
      return v >= -128 && v <= 127 && o == Integer.valueOf(v);
    }
    if (o instanceof Long) {
      long v = (Long) o;
      return v >= -128 && v <= 127 && o == Long.valueOf(v);
    }
    if (o instanceof Short) {
      short v = (Short) o;
      return v >= -128 && v <= 127 && o == Short.valueOf(v);
    }
    if (o instanceof Byte) {
      return o == Byte.valueOf((Byte) o);
    }
    if (o instanceof Character) {
      char v = (Character) o;
      return v <= 127 && o == Character.valueOf(v);
    }
    return false;
  }

  /**
   * Whether {@code s} itself is the string table's instance. Interns a copy, never {@code s}:
   * interning {@code s} would put it in the table and make the answer always "yes".
   */
  private static boolean isInterned(String s) {
    @SuppressWarnings("StringOperationCanBeSimplified")
    String copy = new String(s);
    return copy.intern() == s;
  }

  private static boolean isJvmCachedLambda(Object o) {
    Class<?> type = o.getClass();
    return type.isSynthetic()
        && type.isHidden()
        && type.getName().contains("$$Lambda")
        && type.getDeclaredFields().length == 0;
  }
}
