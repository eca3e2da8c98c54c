package org.leakcheck;

import java.util.Objects;
import org.leakcheck.internal.track.DefaultLeakTracker;

/**
 * Registers objects that a test expects to become garbage.
 *
 * <p>Besides single objects, it tracks types: {@link #trackInstancesOf(Class)} asks that no
 * instance of a type survive the test.
 *
 * <p>The tracker holds no strong reference to what it tracks: it watches each object through a
 * {@link java.lang.ref.PhantomReference} and records its label, class, identity hash code and the
 * place ({@code File.java:line}) where {@code track} was called. It never calls the object's {@code
 * toString}, {@code hashCode} or {@code equals}.
 *
 * <p>With {@link LeakCheck}, a tracker is injected as a parameter of a test method, or of a
 * {@code @BeforeEach} or {@code @AfterEach} method (all see the same tracker for one test). It may
 * be used from any thread the test starts. Outside the extension, {@link LeakChecks#newTracker()}
 * makes one.
 *
 * <p>Only the library makes trackers (the class is final, with no public constructor): every entry
 * point that takes one ({@link LeakChecks}, the AssertJ assertions) can rely on it being the
 * library's.
 */
public final class LeakTracker {

  private final DefaultLeakTracker own;

  LeakTracker(DefaultLeakTracker own) {
    this.own = Objects.requireNonNull(own, "own");
  }

  /** The library's tracker behind this one. */
  DefaultLeakTracker own() {
    return own;
  }

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
  public <T> T track(T object) {
    return own.track(object);
  }

  /**
   * Tracks {@code object} under a label shown in the failure message.
   *
   * @param object the object expected to become unreachable; not {@code null}
   * @param label a short name for it, such as {@code "Alice"}; not {@code null}
   * @param <T> its type
   * @return {@code object}
   * @throws IllegalArgumentException as for {@link #track(Object)}, or if {@code label} is null
   */
  public <T> T track(T object, String label) {
    return own.track(object, label);
  }

  /**
   * Tracks every instance of {@code type}: after the test, no instance of it or of a subtype may be
   * strongly reachable from a root that outlives the test (what the test instance, the test
   * infrastructure and weak references hold does not count, as for {@link #track(Object)}). For the
   * leaks deep inside the code under test, which the test cannot get a handle on: connections,
   * sessions, buffers a framework creates.
   *
   * <p>Interfaces and abstract classes count the instances of every class that implements or
   * extends them; an array type ({@code Connection[].class}) counts arrays of it, of the same
   * dimensions, and of its subtypes. A class of the same name defined by another class loader (a
   * plugin's copy) is another type and is not counted. The failure lists how many instances survive
   * and, for the first ones, their retaining paths, grouped when several share one shape ({@code 12
   * instances held by static field Pool.ALL → [i]}).
   *
   * <p>Cheap when nothing survives: the check counts live instances after one full collection,
   * without a heap dump, and dumps the heap only when the count is not zero. Tracking a type twice
   * is tracking it once. The tracker holds the type weakly: it never keeps a class loader alive.
   *
   * @param type the type none of whose instances may survive the test; not {@code null}
   * @throws IllegalArgumentException if {@code type} is {@code null}, or has instances that are
   *     never all collected while the JVM runs (a primitive type, {@code Object}, an enum, {@code
   *     String}, {@code Class}, {@code Thread} and the other types whose instances the JDK always
   *     holds, and their supertypes such as {@code CharSequence} or {@code Runnable})
   * @throws IllegalStateException if the test of this tracker has ended
   */
  public void trackInstancesOf(Class<?> type) {
    own.trackInstancesOf(type);
  }

  /** {@return what it tracks so far, for a person: how many objects, and for which test} */
  @Override
  public String toString() {
    return "LeakTracker" + own.describe();
  }
}
