package org.leakcheck;

/**
 * Garbage collection cannot be forced in this JVM (Epsilon GC, or {@code -XX:+DisableExplicitGC} on
 * a JVM without HotSpot's diagnostic command), so no verdict can be given: thrown by the
 * extension's check, {@link LeakChecks#assertCollectable}, the AssertJ entry point and the
 * condition of {@link LeakChecks#collected}, instead of a wrong "leak" or a wrong "no leak". Its
 * message says why and which collectors work.
 */
public final class CollectionUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; the library throws it, there is no need for users to.
   *
   * @param message why collection cannot be forced, and what to do
   */
  public CollectionUnavailableException(String message) {
    super(message);
  }
}
