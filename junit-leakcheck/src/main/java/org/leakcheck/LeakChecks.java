package org.leakcheck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakcheck.internal.check.CheckRequest;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.config.ConfigurationException;
import org.leakcheck.internal.config.Warnings;
import org.leakcheck.internal.track.CallSite;
import org.leakcheck.internal.track.DefaultLeakTracker;
import org.leakcheck.internal.track.TrackedObject;
import org.leakcheck.internal.track.TrackerScope;

/**
 * Leak checks without the JUnit extension, and checks in the middle of a test.
 *
 * <p>From any test framework (JUnit 4, TestNG) or a {@code main}, as in {@code
 * examples/src/test/java/org/leakcheck/examples/midtest/MidTestCheckTests.java} ({@code MANAGER} is
 * long-lived, a static):
 *
 * <pre>{@code
 * LeakTracker leaks = LeakChecks.newTracker(Map.of("leakcheck.timeout", "5s"));
 * leaks.track(MANAGER.addWorker("Carol"), "Carol");
 * MANAGER.removeWorker("Carol");
 * LeakChecks.assertCollectable(leaks); // throws LeakDetectedError with the path
 * }</pre>
 *
 * <p>In a {@link LeakCheck} test, the injected tracker can be checked at any point too, e.g. after
 * {@code manager.close()} and before the next step; what was checked is then no longer tracked, and
 * the extension checks the rest after the test.
 *
 * <p><b>Local variables.</b> A local variable still in scope keeps its object alive (an interpreted
 * frame even keeps it after its last use). A check therefore ignores references from the stack of
 * the thread that runs it: your own locals cannot make a false leak. The other side of this: an
 * object held only by a local (a local {@code manager} that forgot to release it) is not reported
 * either; it is released with that local, so it is no leak. A check finds what outlives the test:
 * static fields, other live threads, thread-locals, class loaders. Prefer not to keep the tracked
 * object in a local at all ({@code leaks.track(manager.addWorker("Alice"))}): an object held by a
 * local survives the collection, and telling a local from a real leak then costs a heap dump.
 * References from the stacks of <em>other</em> threads do count.
 *
 * <p>Stand-alone trackers read their configuration from {@code leakcheck.*} system properties, or
 * from the map given to {@link #newTracker(Map)}.
 */
public final class LeakChecks {

  private LeakChecks() {}

  /**
   * A tracker for stand-alone checks, configured from {@code leakcheck.*} system properties.
   *
   * @return a new tracker
   * @throws IllegalArgumentException naming the key, for a bad value or an unknown key
   */
  public static LeakTracker newTracker() {
    return newTracker(Map.of(), true);
  }

  /**
   * A tracker for stand-alone checks, configured from {@code configuration} (keys as the {@code
   * *_KEY} constants of {@link LeakCheck}); system properties are not read.
   *
   * @param configuration {@code leakcheck.*} keys and values
   * @return a new tracker
   * @throws IllegalArgumentException naming the key, for a bad value or an unknown key
   */
  public static LeakTracker newTracker(Map<String, String> configuration) {
    Objects.requireNonNull(configuration, "configuration");
    return newTracker(configuration, false);
  }

  private static LeakTracker newTracker(
      Map<String, String> configuration, boolean systemProperties) {
    Configuration settings;
    try {
      settings =
          systemProperties
              ? Configuration.from(
                  key -> Optional.ofNullable(System.getProperty(key)),
                  Configuration.discoverKeys(LeakChecks.class.getClassLoader()),
                  Warnings.STANDARD_ERROR)
              : Configuration.from(
                  key -> Optional.ofNullable(configuration.get(key)), configuration.keySet());
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException("leakcheck: " + e.getMessage(), e);
    }
    CallSite creator = CallSite.ofCaller();
    return new LeakTracker(new DefaultLeakTracker(new StandaloneScope(settings, creator)));
  }

  /**
   * Forces garbage collection now and fails if an object tracked so far is still strongly reachable
   * (other than from the calling thread's stack and from what JUnit and Mockito hold); its
   * retaining path is in the error. It fails in {@code report-only} mode too: that mode is for the
   * extension's check after each test, not for assertions you write. The objects checked are no
   * longer tracked afterwards. Waits for collection up to the tracker's {@code leakcheck.timeout}.
   *
   * <p>An object that survived collection but could not be decided (no usable heap dump) is
   * reported as undecided, in {@link LeakDetectedError#undecidedObjects()}; with {@code
   * leakcheck.undecided=abort} a check that found only such objects throws {@code
   * org.opentest4j.TestAbortedException} with the same message instead.
   *
   * @param tracker a tracker from {@link #newTracker()} or injected by {@link LeakCheck}
   * @throws LeakDetectedError listing every leaked object with its retaining path, and every
   *     undecided one with the reason
   * @throws CollectionUnavailableException when garbage collection cannot be forced in this JVM
   */
  public static void assertCollectable(LeakTracker tracker) {
    DefaultLeakTracker own = ours(tracker);
    Checker.DEFAULT
        .check(
            CheckRequest.draining(
                own,
                own.scope().settings(),
                "at the check at " + CallSite.ofCaller(),
                ForcedCollection.Wait.UNTIL_SETTLED))
        .throwIfNotClean();
  }

  /**
   * Like {@link #assertCollectable(LeakTracker)}, but waits up to {@code timeout} instead of the
   * configured {@code leakcheck.timeout}: for objects released asynchronously (an executor shutting
   * down, a listener removed by another thread).
   *
   * @param tracker a tracker of this library
   * @param timeout how long to keep collecting before looking for the retaining path; positive
   * @throws LeakDetectedError listing every leaked object with its retaining path, and every
   *     undecided one with the reason
   * @throws CollectionUnavailableException when garbage collection cannot be forced in this JVM
   */
  public static void awaitCollectable(LeakTracker tracker, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    DefaultLeakTracker own = ours(tracker);
    Configuration settings = own.scope().settings().with(Optional.of(timeout), Optional.empty());
    Checker.DEFAULT
        .check(
            CheckRequest.draining(
                own,
                settings,
                "at the check at " + CallSite.ofCaller(),
                ForcedCollection.Wait.WHOLE_TIMEOUT))
        .throwIfNotClean();
  }

  /**
   * An Awaitility condition, for your own {@code await()} chains: each evaluation forces one
   * confirmed garbage collection and answers whether everything tracked so far has been collected.
   * It tracks nothing out and never dumps the heap; on a timeout, call {@link
   * #assertCollectable(LeakTracker)} for the retaining path. From {@code
   * examples/src/test/java/org/leakcheck/examples/midtest/MidTestCheckTests.java}:
   *
   * <pre>{@code
   * await().atMost(Duration.ofSeconds(10)).until(LeakChecks.collected(leaks));
   * }</pre>
   *
   * @param tracker a tracker of this library
   * @return the condition; its evaluation throws {@link CollectionUnavailableException} when
   *     garbage collection cannot be forced in this JVM
   */
  public static Callable<Boolean> collected(LeakTracker tracker) {
    DefaultLeakTracker own = ours(tracker);
    return () -> {
      List<TrackedObject> all = own.all();
      if (all.stream().allMatch(TrackedObject::isCleared)) {
        return true;
      }
      ForcedCollection.DEFAULT.collectOnce();
      return all.stream().allMatch(TrackedObject::isCleared);
    };
  }

  private static DefaultLeakTracker ours(LeakTracker tracker) {
    return Objects.requireNonNull(tracker, "tracker").own();
  }

  /** Settings from system properties or a map; nothing excluded but the checking thread's stack. */
  private static final class StandaloneScope implements TrackerScope {
    private final Configuration settings;
    private final CallSite creator;

    StandaloneScope(Configuration settings, CallSite creator) {
      this.settings = settings;
      this.creator = creator;
    }

    @Override
    public Configuration settings() {
      return settings;
    }

    @Override
    public List<Object> excluded() {
      return List.of();
    }

    @Override
    public String testClass() {
      return creator.className();
    }

    @Override
    public String testName() {
      return creator.methodName();
    }
  }
}
