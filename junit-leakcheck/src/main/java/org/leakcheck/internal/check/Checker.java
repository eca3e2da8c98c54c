package org.leakcheck.internal.check;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;
import org.leakcheck.internal.analysis.HeapMarker;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.dump.DumpCoordinator;
import org.leakcheck.internal.dump.Outcome;
import org.leakcheck.internal.dump.Submission;
import org.leakcheck.internal.report.JsonReport;
import org.leakcheck.internal.report.LeakReport;
import org.leakcheck.internal.report.PathDescriptions;
import org.leakcheck.internal.track.TrackedObject;

/**
 * The check, independent of any test framework: collect → (if something survived) dump and analyse
 * → the leaked objects. The JUnit extension and the stand-alone API are thin layers over it.
 */
public final class Checker {

  private static final AtomicLong REQUESTS = new AtomicLong();

  private final ForcedCollection collection;
  private final DumpCoordinator dumps;

  public Checker(ForcedCollection collection, DumpCoordinator dumps) {
    this.collection = collection;
    this.dumps = dumps;
  }

  public static final Checker DEFAULT =
      new Checker(ForcedCollection.DEFAULT, DumpCoordinator.SHARED);

  /** What a check found. */
  public static final class Result {
    private final List<LeakedObject> leaks;
    private final int trackedCount;
    private final Optional<Path> keptDump;
    private final String moment;
    private final List<String> survivedWithoutLeaking;
    private final List<org.leakcheck.RetainingPath> retainedTestInstances;

    Result(List<LeakedObject> leaks, int trackedCount, Optional<Path> keptDump, String moment) {
      this(leaks, trackedCount, keptDump, moment, List.of(), List.of());
    }

    Result(
        List<LeakedObject> leaks,
        int trackedCount,
        Optional<Path> keptDump,
        String moment,
        List<String> survivedWithoutLeaking,
        List<org.leakcheck.RetainingPath> retainedTestInstances) {
      this.leaks = leaks;
      this.trackedCount = trackedCount;
      this.keptDump = keptDump;
      this.moment = moment;
      this.survivedWithoutLeaking = List.copyOf(survivedWithoutLeaking);
      this.retainedTestInstances = List.copyOf(retainedTestInstances);
    }

    /**
     * Paths from a root that outlives the test to a test instance of the test (e.g. {@code
     * BUS.register(this)}): a warning. Tracked objects held only through such an instance are not
     * reported as leaked; the instance is.
     */
    public List<org.leakcheck.RetainingPath> retainedTestInstances() {
      return retainedTestInstances;
    }

    public boolean leaked() {
      return !leaks.isEmpty();
    }

    /**
     * Tracked objects that survived collection but are not leaked (held only by the test instance,
     * JUnit, the checking thread's stack, or weak/soft references): correct, but telling so took a
     * heap dump.
     */
    public List<String> survivedWithoutLeaking() {
      return survivedWithoutLeaking;
    }

    /** The error describing the leaks; only when {@link #leaked()}. */
    public LeakDetectedError error() {
      return LeakReport.error(leaks, trackedCount, keptDump, moment);
    }
  }

  /**
   * Checks that the tracked objects can be collected.
   *
   * @param tracked what was tracked
   * @param settings the effective configuration
   * @param excluded objects whose references do not count: the exception the test threw (JUnit
   *     releases it right after the test)
   * @param testInstances the test's instances: their references do not count either, but an
   *     instance still reached from a root that outlives the test is reported (see {@link
   *     Result#retainedTestInstances()})
   * @param checkingThreads threads whose stack frames do not count (after a test, only the
   *     framework's frames are on the test's thread)
   * @param testClass for report file names
   * @param testName for report file names
   * @param moment when the check runs, for the message: {@code after the test}, {@code at the check
   *     at ManagerTests.java:31}
   * @param waitWholeTimeout keep collecting until the timeout when objects survive (a wait for an
   *     asynchronous release), instead of stopping once collection has settled
   */
  public Result check(
      List<TrackedObject> tracked,
      Configuration settings,
      List<Object> excluded,
      List<Object> testInstances,
      List<Thread> checkingThreads,
      String testClass,
      String testName,
      String moment,
      boolean waitWholeTimeout) {
    if (tracked.isEmpty() || tracked.stream().allMatch(TrackedObject::isCleared)) {
      return new Result(List.of(), tracked.size(), Optional.empty(), moment);
    }
    collection.collectUntil(
        () -> tracked.stream().allMatch(TrackedObject::isCleared),
        settings.timeout(),
        !waitWholeTimeout);
    List<TrackedObject> survivors =
        tracked.stream().filter(t -> !t.isCleared()).collect(Collectors.toList());
    if (survivors.isEmpty()) {
      return new Result(List.of(), tracked.size(), Optional.empty(), moment);
    }
    if (!settings.retainingPath()) {
      List<LeakedObject> leaks = new ArrayList<>();
      for (TrackedObject t : survivors) {
        leaks.add(leak(t, null, "disabled by " + LeakCheck.RETAINING_PATH_KEY + "=false", -1, -1));
      }
      return new Result(leaks, tracked.size(), Optional.empty(), moment);
    }

    long request = REQUESTS.incrementAndGet();
    List<HeapMarker> markers = new ArrayList<>();
    for (Object o : excluded) {
      markers.add(new HeapMarker(o, HeapMarker.EXCLUDED_OBJECT, request));
    }
    for (Object o : testInstances) {
      markers.add(new HeapMarker(o, HeapMarker.TEST_INSTANCE, request));
    }
    for (Thread t : checkingThreads) {
      markers.add(new HeapMarker(t, HeapMarker.CHECKING_THREAD, request));
    }
    Set<Long> serials = new LinkedHashSet<>();
    survivors.forEach(t -> serials.add(t.serial()));
    Outcome outcome;
    try {
      outcome = dumps.analyse(new Submission(request, serials, settings, testClass, testName));
    } finally {
      Reference.reachabilityFence(markers);
    }

    List<LeakedObject> leaks = new ArrayList<>();
    List<String> notLeaked = new ArrayList<>();
    for (TrackedObject t : survivors) {
      if (outcome.failure().isPresent()) {
        if (!t.isCleared()) {
          leaks.add(leak(t, null, outcome.failure().get(), -1, -1));
        }
        continue;
      }
      Optional<TrackedVerdict> verdict = outcome.verdict(t.serial());
      if (verdict.isPresent() && verdict.get().verdict() == Verdict.UNDECIDED) {
        // the dump cannot tell (a possibly truncated array): reported like a failed analysis
        if (!t.isCleared()) {
          leaks.add(leak(t, null, verdict.get().undecidedReason().orElseThrow(), -1, -1));
        }
        continue;
      }
      if (verdict.isEmpty() || verdict.get().verdict() != Verdict.STRONGLY_REACHABLE) {
        // collected meanwhile, or held only by the test framework or weak/soft refs
        if (verdict.isPresent() && verdict.get().verdict() == Verdict.NOT_STRONGLY_REACHABLE) {
          notLeaked.add(t.toString() + " (tracked at " + t.trackedAt() + ")");
        }
        continue;
      }
      TrackedVerdict v = verdict.get();
      leaks.add(
          v.path().isPresent()
              ? leak(
                  t,
                  PathDescriptions.toPublic(v.path().get()),
                  null,
                  v.retainedBytes(),
                  v.retainedObjects())
              : leak(
                  t,
                  null,
                  "the analysis found the object strongly reachable but returned no path",
                  v.retainedBytes(),
                  v.retainedObjects()));
    }
    List<org.leakcheck.RetainingPath> instances = new ArrayList<>();
    outcome.retainedTestInstances().forEach(p -> instances.add(PathDescriptions.toPublic(p)));
    Result result =
        new Result(leaks, tracked.size(), outcome.keptDump(), moment, notLeaked, instances);
    if (result.leaked()) {
      JsonReport.writeQuietly(
          settings.reportsDir(), testClass, testName, leaks, outcome.keptDump());
    }
    return result;
  }

  private static LeakedObject leak(
      TrackedObject t, org.leakcheck.RetainingPath path, String reason, long bytes, long objects) {
    return new LeakedObject(
        t.label().orElse(null),
        t.className(),
        t.identityHash(),
        t.trackedAt().toString(),
        path,
        reason,
        bytes,
        objects);
  }
}
