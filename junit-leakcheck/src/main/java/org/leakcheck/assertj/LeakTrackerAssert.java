package org.leakcheck.assertj;

import java.time.Duration;
import org.assertj.core.api.AbstractAssert;
import org.leakcheck.LeakChecks;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakTracker;
import org.leakcheck.internal.ApiTypes;

/**
 * Assertions on the objects a {@link LeakTracker} tracked so far. A failed assertion throws the
 * same {@link LeakDetectedError} as the extension, with every leaked object and its retaining path.
 * The objects checked are no longer tracked afterwards. As with any AssertJ assertion, {@code
 * as(..)} prefixes the message with {@code [description] } and {@code withFailMessage(..)} replaces
 * it; the error still lists the leaked objects.
 */
public final class LeakTrackerAssert extends AbstractAssert<LeakTrackerAssert, LeakTracker> {

  LeakTrackerAssert(LeakTracker actual) {
    super(actual, LeakTrackerAssert.class);
  }

  /**
   * Verifies that nothing that outlives the test holds an object tracked so far: forces collection
   * (waiting up to the tracker's {@code leakcheck.timeout}) and fails with the retaining path of
   * each one still strongly reachable from a GC root. As after the test, references from the stack
   * of the thread running the check (your locals, and whatever they refer to), from the test
   * instance and from JUnit and Mockito do not count: an object held only by a local {@code
   * manager} is released with it. What counts is what outlives the test: static fields, other live
   * threads, thread-locals, class loaders. The check fails in {@code report-only} mode too: it is
   * an assertion you wrote. An object that survived but could not be decided (no usable heap dump)
   * is reported as undecided, as by {@link LeakChecks#assertCollectable(LeakTracker)}.
   *
   * @return this assertion
   * @throws LeakDetectedError when a tracked object is still strongly reachable, or could not be
   *     decided
   * @throws org.leakcheck.CollectionUnavailableException when garbage collection cannot be forced
   *     in this JVM
   */
  public LeakTrackerAssert allCollectable() {
    isNotNull();
    try {
      LeakChecks.assertCollectable(actual);
    } catch (LeakDetectedError e) {
      throw described(e);
    }
    return myself;
  }

  /**
   * Like {@link #allCollectable()}, waiting up to {@code timeout} for objects released
   * asynchronously.
   *
   * @param timeout how long to keep collecting; positive
   * @return this assertion
   * @throws LeakDetectedError when a tracked object is still strongly reachable after it
   * @throws org.leakcheck.CollectionUnavailableException when garbage collection cannot be forced
   *     in this JVM
   */
  public LeakTrackerAssert allCollectableWithin(Duration timeout) {
    isNotNull();
    try {
      LeakChecks.awaitCollectable(actual, timeout);
    } catch (LeakDetectedError e) {
      throw described(e);
    }
    return myself;
  }

  /**
   * The error with this assertion's description and overriding message, as AssertJ renders them.
   */
  private LeakDetectedError described(LeakDetectedError error) {
    String description = info.descriptionText();
    String overriding = info.overridingErrorMessage();
    boolean described = description != null && !description.isEmpty();
    if (!described && overriding == null) {
      return error;
    }
    String message = overriding != null ? overriding : error.getMessage();
    if (described) {
      message = "[" + description + "] " + message;
    }
    LeakDetectedError copy =
        ApiTypes.leakDetectedError(
            message, error.leakedObjects(), error.undecidedObjects(), error.trackedCount());
    copy.setStackTrace(error.getStackTrace());
    for (Throwable suppressed : error.getSuppressed()) {
      copy.addSuppressed(suppressed);
    }
    return copy;
  }
}
