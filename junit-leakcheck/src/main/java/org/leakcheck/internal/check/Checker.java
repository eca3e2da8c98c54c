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
import org.leakcheck.LeakedInstances;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.dump.DumpCoordinator;
import org.leakcheck.internal.dump.Outcome;
import org.leakcheck.internal.dump.Submission;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.report.JsonReport;
import org.leakcheck.internal.report.LeakReport;
import org.leakcheck.internal.report.PathDescriptions;
import org.leakcheck.internal.report.UndecidedSurvivor;
import org.leakcheck.internal.track.TrackedObject;
import org.opentest4j.TestAbortedException;

/**
 * The check, independent of any test framework: collect → (if something survived) dump and analyse
 * → the leaked objects, and the survivors the dump could not decide (undecided, not leaked: DESIGN
 * §3 rule 5). The JUnit extension and the stand-alone API are thin layers over it.
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
    private final List<UndecidedSurvivor> undecided;
    private final int collections;
    private final int trackedCount;
    private final Optional<Path> keptDump;
    private final String moment;
    private final List<String> survivedWithoutLeaking;
    private final Configuration.Undecided undecidedPolicy;
    private final List<RetainingPath> retainedTestInstances;
    private final List<LeakedInstances> instances;
    private final List<LeakedInstances> undecidedInstances;

    Result(int trackedCount, String moment) {
      this(
          List.of(),
          List.of(),
          0,
          trackedCount,
          Optional.empty(),
          moment,
          List.of(),
          Configuration.Undecided.FAIL,
          List.of(),
          List.of(),
          List.of());
    }

    Result(
        List<LeakedObject> leaks,
        List<UndecidedSurvivor> undecided,
        int collections,
        int trackedCount,
        Optional<Path> keptDump,
        String moment,
        List<String> survivedWithoutLeaking,
        Configuration.Undecided undecidedPolicy,
        List<RetainingPath> retainedTestInstances,
        List<LeakedInstances> instances,
        List<LeakedInstances> undecidedInstances) {
      this.leaks = List.copyOf(leaks);
      this.instances = List.copyOf(instances);
      this.undecidedInstances = List.copyOf(undecidedInstances);
      this.undecided = List.copyOf(undecided);
      this.collections = collections;
      this.trackedCount = trackedCount;
      this.keptDump = keptDump;
      this.moment = moment;
      this.survivedWithoutLeaking = List.copyOf(survivedWithoutLeaking);
      this.undecidedPolicy = undecidedPolicy;
      this.retainedTestInstances = List.copyOf(retainedTestInstances);
    }

    /**
     * Paths from a root that outlives the test to a test instance of the test (e.g. {@code
     * BUS.register(this)}): a warning. Tracked objects held only through such an instance are not
     * reported as leaked; the instance is.
     */
    public List<RetainingPath> retainedTestInstances() {
      return retainedTestInstances;
    }

    /**
     * Writes the JSON report of a check that was not clean (the caller that reports decides: the
     * extension after the test; a mid-test assertion only throws).
     *
     * @param reportsDir {@code leakcheck.reportsDir}
     * @param testClass the test class, for the report's directory
     * @param testName the test, for the report's file name
     */
    public void writeJsonReport(Path reportsDir, String testClass, String testName) {
      if (clean()) {
        return;
      }
      List<LeakedObject> undecidedObjects = new ArrayList<>();
      undecided.forEach(u -> undecidedObjects.add(u.object()));
      JsonReport.writeQuietly(
          reportsDir, testClass, testName, leaks, undecidedObjects, collections, keptDump);
    }

    /** Whether a tracked object, or an instance of a tracked type, was found leaked. */
    public boolean leaked() {
      return !leaks.isEmpty() || !instances.isEmpty();
    }

    /** Whether nothing was found leaked and nothing was left undecided. */
    public boolean clean() {
      return !leaked() && undecided.isEmpty() && undecidedInstances.isEmpty();
    }

    /**
     * Tracked objects that survived collection but are not leaked (held only by the test instance,
     * JUnit, the checking thread's stack, or weak/soft references): correct, but telling so took a
     * heap dump.
     */
    public List<String> survivedWithoutLeaking() {
      return survivedWithoutLeaking;
    }

    /**
     * The error describing the leaks and the undecided survivors, leaks first; only when not {@link
     * #clean()}.
     */
    public LeakDetectedError error() {
      return LeakReport.error(
          leaks,
          undecided,
          instances,
          undecidedInstances,
          collections,
          trackedCount,
          keptDump,
          moment);
    }

    /**
     * Throws what the check found: the {@link #error()} when something leaked, or when only
     * undecided survivors were found and {@code leakcheck.undecided=fail}; a {@link
     * TestAbortedException} with the same message for those with {@code abort}. Returns when {@link
     * #clean()}.
     */
    public void throwIfNotClean() {
      if (clean()) {
        return;
      }
      LeakDetectedError error = error();
      if (!leaked() && undecidedPolicy == Configuration.Undecided.ABORT) {
        throw new TestAbortedException(error.getMessage());
      }
      throw error;
    }
  }

  /**
   * Checks that the tracked objects of {@code request} can be collected: forces collection and, for
   * survivors, decides from a heap dump whether a root that outlives the test holds them.
   *
   * @param request what to check, with its settings and what does not count
   * @return what the check found
   */
  public Result check(CheckRequest request) {
    List<TrackedObject> tracked = request.tracked();
    Configuration settings = request.settings();
    List<Object> excluded = request.excluded();
    List<Object> testInstances = request.testInstances();
    List<Thread> checkingThreads = request.checkingThreads();
    String testClass = request.testClass();
    String testName = request.testName();
    String moment = request.moment();
    boolean allCleared = tracked.stream().allMatch(TrackedObject::isCleared);
    if (allCleared && request.types().isEmpty()) {
      return new Result(tracked.size(), moment);
    }
    int collections =
        allCleared
            ? 0
            : collection
                .collect(
                    () -> tracked.stream().allMatch(TrackedObject::isCleared),
                    settings.timeout(),
                    request.collection())
                .confirmedCycles();
    List<TrackedObject> survivors =
        tracked.stream().filter(t -> !t.isCleared()).collect(Collectors.toList());
    // Tracked types: counted after one more full collection, without a dump; only a type with
    // live instances needs one.
    List<TypeToDecide> types = TypeToDecide.withLiveInstances(request.types());
    if (survivors.isEmpty() && types.isEmpty()) {
      return new Result(tracked.size(), moment);
    }
    if (!settings.retainingPath()) {
      String why = "no heap dump is taken with " + LeakCheck.RETAINING_PATH_KEY + "=false";
      List<UndecidedSurvivor> undecided = new ArrayList<>();
      for (TrackedObject t : survivors) {
        undecided.add(undecided(t, NoVerdict.RETAINING_PATH_DISABLED, why));
      }
      List<LeakedInstances> undecidedTypes = new ArrayList<>();
      types.forEach(t -> undecidedTypes.add(t.undecided(why)));
      return new Result(
          List.of(),
          undecided,
          collections,
          tracked.size(),
          Optional.empty(),
          moment,
          List.of(),
          settings.undecided(),
          List.of(),
          List.of(),
          undecidedTypes);
    }

    long markerRequest = REQUESTS.incrementAndGet();
    List<HeapMarker> markers = new ArrayList<>();
    for (Object o : excluded) {
      markers.add(new HeapMarker(o, HeapMarker.EXCLUDED_OBJECT, markerRequest));
    }
    for (Object o : testInstances) {
      markers.add(new HeapMarker(o, HeapMarker.TEST_INSTANCE, markerRequest));
    }
    for (Thread t : checkingThreads) {
      markers.add(new HeapMarker(t, HeapMarker.CHECKING_THREAD, markerRequest));
    }
    Set<Long> serials = new LinkedHashSet<>();
    survivors.forEach(t -> serials.add(t.serial()));
    List<TypeQuery> queries = new ArrayList<>();
    types.forEach(t -> queries.add(t.query()));
    Outcome outcome;
    try {
      outcome =
          dumps.analyse(
              new Submission(markerRequest, serials, queries, settings, testClass, testName));
    } finally {
      Reference.reachabilityFence(markers);
      Reference.reachabilityFence(types);
    }
    List<LeakedInstances> leakedTypes = new ArrayList<>();
    List<LeakedInstances> undecidedTypes = new ArrayList<>();
    for (TypeToDecide t : types) {
      if (t.undecidable().isPresent()) {
        undecidedTypes.add(t.undecided(t.undecidable().get()));
        continue;
      }
      if (outcome.failure().isPresent()) {
        undecidedTypes.add(t.undecided(outcome.failure().get()));
        continue;
      }
      Optional<SurvivingInstances> found = outcome.instances(t.query().id());
      if (found.isEmpty()) {
        continue; // its class is gone, and its instances with it
      }
      SurvivingInstances s = found.get();
      if (s.reachable() > 0) {
        leakedTypes.add(t.leaked(s));
      }
      if (s.undecidedReason() != null) {
        undecidedTypes.add(t.undecided(s.undecidedReason()));
      }
    }

    List<LeakedObject> leaks = new ArrayList<>();
    List<TrackedObject> notInDump = new ArrayList<>();
    List<String> notLeaked = new ArrayList<>();
    List<UndecidedSurvivor> undecided = new ArrayList<>();
    for (TrackedObject t : survivors) {
      if (outcome.failure().isPresent()) {
        if (!t.isCleared()) { // collected meanwhile (by the dump's own collection): fine
          undecided.add(
              undecided(
                  t,
                  outcome.failureKind().orElse(NoVerdict.ANALYSIS_FAILED),
                  outcome.failure().get()));
        }
        continue;
      }
      Optional<TrackedVerdict> verdict = outcome.verdict(t.serial());
      if (verdict.isPresent() && verdict.get().verdict() == Verdict.UNDECIDED) {
        // the dump cannot tell (a possibly truncated array)
        if (!t.isCleared()) {
          undecided.add(
              undecided(
                  t, NoVerdict.DUMP_UNREADABLE, verdict.get().undecidedReason().orElseThrow()));
        }
        continue;
      }
      if (verdict.isEmpty() || verdict.get().verdict() == Verdict.NOT_IN_DUMP) {
        notInDump.add(t);
        continue;
      }
      if (verdict.get().verdict() == Verdict.NOT_STRONGLY_REACHABLE) {
        // held only by the test framework or weak/soft refs
        notLeaked.add(t.toString() + " (tracked at " + t.trackedAt() + ")");
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
    if (!notInDump.isEmpty() && !notInDump.stream().allMatch(TrackedObject::isCleared)) {
      // Absent from the dump: normally collected by the dump's own collection. Its phantom
      // reference tells; give a concurrent collector's reference processing a few more cycles.
      collections +=
          collection
              .collect(
                  () -> notInDump.stream().allMatch(TrackedObject::isCleared),
                  settings.timeout(),
                  ForcedCollection.Wait.UNTIL_SETTLED)
              .confirmedCycles();
    }
    for (TrackedObject t : notInDump) {
      if (!t.isCleared()) {
        undecided.add(
            undecided(
                t,
                NoVerdict.NOT_IN_DUMP,
                "the heap dump did not contain it, yet it has not been collected"));
      }
    }
    List<RetainingPath> instances = new ArrayList<>();
    outcome.retainedTestInstances().forEach(p -> instances.add(PathDescriptions.toPublic(p)));
    return new Result(
        leaks,
        undecided,
        collections,
        tracked.size(),
        outcome.keptDump(),
        moment,
        notLeaked,
        settings.undecided(),
        instances,
        leakedTypes,
        undecidedTypes);
  }

  private static UndecidedSurvivor undecided(TrackedObject t, NoVerdict kind, String reason) {
    return UndecidedSurvivor.of(
        t.label().orElse(null),
        t.className(),
        t.identityHash(),
        t.trackedAt().toStackTraceElement(),
        kind,
        reason);
  }

  private static LeakedObject leak(
      TrackedObject t, RetainingPath path, String reason, long bytes, long objects) {
    return ApiTypes.leakedObject(
        t.label().orElse(null),
        t.className(),
        t.identityHash(),
        t.trackedAt().toStackTraceElement(),
        path,
        reason,
        bytes,
        objects);
  }
}
