package org.leakcheck.internal.collect;

/**
 * Garbage collection cannot be forced in this JVM, so no verdict can be given: reported to the user
 * instead of a wrong "leak" or a wrong "no leak".
 */
public final class CollectionUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CollectionUnavailableException(String message) {
    super(message);
  }
}
