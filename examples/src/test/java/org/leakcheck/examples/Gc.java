package org.leakcheck.examples;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Garbage collection in the middle of a test, for the few examples that must show what the
 * collector does <em>while</em> the test runs (the extension itself only checks after the test).
 */
public final class Gc {

  private Gc() {}

  /**
   * Runs full collections until {@code condition} holds, or fails after ten seconds.
   *
   * @param condition what the collection should bring about
   */
  public static void collectUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "the condition did not hold after ten seconds of garbage collection");
      }
      System.gc();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /**
   * Runs at least one full collection: returns once an object that only this method ever referenced
   * has been collected.
   */
  public static void fullCollection() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    collectUntil(() -> canary.get() == null);
  }
}
