package org.leakcheck.assertj;

import org.leakcheck.LeakTracker;

/**
 * AssertJ entry point for leak checks in the middle of a test, or outside the extension. From
 * {@code examples/src/test/java/org/leakcheck/examples/midtest/MidTestCheckTests.java} ({@code
 * MANAGER} is long-lived, a static; the message and retaining path are the extension's):
 *
 * <pre>{@code
 * import static org.leakcheck.assertj.LeakAssertions.assertThat;
 * // ...
 * leaks.track(MANAGER.addWorker("Alice"), "Alice");
 * MANAGER.removeWorker("Alice");
 * assertThat(leaks).allCollectable(); // checks Alice now, with the path if she leaked
 * }</pre>
 *
 * <p>The assertion takes the tracker, never the object itself: a variable holding the object would
 * keep it alive. References from the stack of the thread running the assertion are ignored, so a
 * local still in scope cannot make a false leak (and an object held only by your locals is no leak
 * either: it goes with them); see {@link org.leakcheck.LeakChecks} for the details. Requires
 * AssertJ on the test class path (an optional dependency of this library).
 */
public final class LeakAssertions {

  private LeakAssertions() {}

  /**
   * Starts an assertion on what {@code tracker} tracked so far.
   *
   * @param tracker a tracker injected by {@link org.leakcheck.LeakCheck} or made by {@link
   *     org.leakcheck.LeakChecks#newTracker()}
   * @return the assertion
   */
  public static LeakTrackerAssert assertThat(LeakTracker tracker) {
    return new LeakTrackerAssert(tracker);
  }
}
