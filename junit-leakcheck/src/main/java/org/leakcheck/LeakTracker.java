package org.leakcheck;

/**
 * Registers objects that a test expects to become garbage.
 *
 * <p>The tracker holds no strong reference to what it tracks: it watches each object through a
 * {@link java.lang.ref.PhantomReference} and records its label, class, identity hash code and the
 * place ({@code File.java:line}) where {@code track} was called. It never calls the object's {@code
 * toString}, {@code hashCode} or {@code equals}.
 *
 * <p>With {@link LeakCheck}, a tracker is injected as a parameter of a test method, or of a
 * {@code @BeforeEach} or {@code @AfterEach} method (all see the same tracker for one test). It may
 * be used from any thread the test starts.
 */
public interface LeakTracker {

  /**
   * Tracks {@code object}: it must be garbage by the end of the test.
   *
   * @param object the object expected to become unreachable; not {@code null}
   * @param <T> its type
   * @return {@code object}, so a call can wrap an expression
   * @throws IllegalArgumentException if {@code object} is {@code null}, or can never be collected
   *     (an enum constant, a {@code Class}, a boxed value from the JVM's caches, an interned
   *     string, a non-capturing lambda)
   */
  <T> T track(T object);

  /**
   * Tracks {@code object} under a label shown in the failure message.
   *
   * @param object the object expected to become unreachable; not {@code null}
   * @param label a short name for it, such as {@code "Alice"}; not {@code null}
   * @param <T> its type
   * @return {@code object}
   * @throws IllegalArgumentException as for {@link #track(Object)}, or if {@code label} is null
   */
  <T> T track(T object, String label);
}
