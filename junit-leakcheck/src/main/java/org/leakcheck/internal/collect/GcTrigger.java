package org.leakcheck.internal.collect;

/**
 * One way to ask the JVM for a full garbage collection. Whether it worked is judged by the caller
 * (a canary object must be cleared), never assumed.
 */
public interface GcTrigger {

  /** A short name for messages, such as {@code System.gc()}. */
  String name();

  /**
   * Requests a collection.
   *
   * @throws UnsupportedOperationException with the reason, when this JVM cannot do it at all
   */
  void trigger();

  /** {@link System#gc()}: a no-op under {@code -XX:+DisableExplicitGC} and with Epsilon GC. */
  GcTrigger SYSTEM_GC =
      new GcTrigger() {
        @Override
        public String name() {
          return "System.gc()";
        }

        @Override
        public void trigger() {
          System.gc();
        }
      };
}
