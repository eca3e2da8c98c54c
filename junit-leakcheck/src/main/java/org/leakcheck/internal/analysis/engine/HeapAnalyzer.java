package org.leakcheck.internal.analysis.engine;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.heap.HprofFormatException;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofLimits;
import org.leakcheck.internal.heap.TruncatedArray;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.planted.Planted;

/**
 * Analyses a heap dump in this JVM: a breadth-first search over strong references from the GC roots
 * gives, for each tracked object, whether it is strongly reachable and its shortest retaining path
 * (and for each tracked type, which of its instances are, grouped by the shape of their paths); a
 * second search per leaked object (with that object blocked) gives its retained set.
 *
 * <p>What the test infrastructure holds does not count, decided by who holds it (DESIGN 3.2). A
 * first pass marks what the infrastructure holds: everything reachable from its roots, which are
 * the statics of infrastructure classes (name prefixes of the request), the stacks and thread
 * objects of its threads (a thread with an infrastructure frame or of an infrastructure class, and
 * the threads of {@link HeapMarker#CHECKING_THREAD} markers), and thread-local values whose {@code
 * ThreadLocal} is the infrastructure's. Then, per group of the request, a breadth-first search from
 * every other root (statics of other classes, other threads' stacks and thread objects, JNI
 * globals; the classes of the boot loader and of the system class loader and its parents, found
 * from the dump; any other class the first pass found alive) enters infrastructure objects too,
 * except those the infrastructure holds, and does not enter the group's marked objects: a test
 * instance it reaches is reported as retained, with its path.
 *
 * <p>Only the {@code TrackedReference}s and markers of the asking copy of the library count ({@link
 * AnalysisRequest#libraryCopy()}). When the dump may have lost references (an object array at
 * HotSpot's record limit, possibly truncated), every verdict but strongly reachable is {@link
 * Verdict#UNDECIDED} with the reason.
 *
 * <p>The steps, one class each: {@link PlantedObjects} reads what the library planted (tracked
 * references and types, markers), {@link TypeInstances} finds a tracked type's instances, {@link
 * Infrastructure} finds what the infrastructure holds, {@link UserRoots} lists a group's roots,
 * {@link Reachability} searches from them by {@link UserEdges}' rules, {@link PathBuilder} turns a
 * reached object's chain into its path and {@link RetainedSize} sizes what it retains.
 *
 * <p>Memory: about 16 bytes per object for the index, 8 for the search (parent and queue), one bit
 * per object for retained sizes. The child process ({@code internal.analysis.process}) keeps that
 * out of a test JVM.
 */
public final class HeapAnalyzer {

  /** Retained sizes are computed for at most this many leaked objects (one search each). */
  static final int MAX_RETAINED_SIZE_SEARCHES = 16;

  /**
   * Objects the retained-size searches may visit in all: each search walks the whole heap again,
   * which on a large dump would double the time to report for a nice-to-have figure.
   */
  static final long RETAINED_SIZE_BUDGET = 12_000_000L;

  private final HprofHeap heap;
  private final AnalysisRequest request;
  private final HeapGraph graph;
  private final int n;
  private final PlantedObjects planted;
  private final Infrastructure infra;

  /** Scratch space of one int per object, for every breadth-first pass in turn. */
  private final int[] queue;

  private final Reachability reachability;
  private final PathBuilder paths;
  private final List<RetainedTestInstance> retainedTestInstances = new ArrayList<>();
  private final Map<Long, SurvivingInstances> instances = new LinkedHashMap<>();
  private int sizeSearches;

  private HeapAnalyzer(HprofHeap heap, AnalysisRequest request) {
    this.heap = heap;
    this.request = request;
    this.graph = new HeapGraph(heap, request.excludedClassPrefixes());
    this.n = heap.objectCount();
    this.planted = new PlantedObjects(heap, request);
    this.queue = new int[n];
    this.infra =
        new Infrastructure(heap, graph, request.excludedClassPrefixes(), planted.allMarks(), queue);
    this.reachability = new Reachability(graph, queue);
    this.paths = new PathBuilder(graph);
  }

  /**
   * Reads the dump and answers the request.
   *
   * @throws org.leakcheck.internal.heap.HprofFormatException if the dump cannot be read (the
   *     message is one line for a person)
   * @throws IOException if the file cannot be opened or mapped
   */
  public static AnalysisResult analyze(AnalysisRequest request) throws IOException {
    return analyze(request, HprofLimits.HOTSPOT);
  }

  /** As {@link #analyze(AnalysisRequest)}, against other limits than HotSpot's (tests). */
  static AnalysisResult analyze(AnalysisRequest request, HprofLimits limits) throws IOException {
    long start = System.nanoTime();
    HprofHeap heap =
        HprofHeap.open(
            request.dump(),
            Set.of(Planted.TRACKED_REFERENCE, Planted.TRACKED_TYPE, Planted.HEAP_MARKER),
            limits);
    long read = System.nanoTime();
    Map<Long, TrackedVerdict> verdicts;
    HeapAnalyzer analyzer;
    try {
      analyzer = new HeapAnalyzer(heap, request);
      verdicts = analyzer.verdicts();
    } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
      // a record pointing outside the file: the index pass checks lengths, not every value
      throw new HprofFormatException(
          "corrupted object record (" + e.getClass().getSimpleName() + ")");
    }
    String untrusted = whyNotReachableCannotBeTrusted(heap);
    Map<Long, SurvivingInstances> instances = analyzer.instances;
    if (untrusted != null) {
      verdicts = undecidedUnlessReachable(verdicts, untrusted);
      instances = undecidedUnlessAllReached(instances, untrusted);
    }
    long done = System.nanoTime();
    return new AnalysisResult(
        verdicts,
        instances,
        analyzer.retainedTestInstances,
        heap.objectCount(),
        Duration.ofNanos(read - start),
        Duration.ofNanos(done - read));
  }

  /** Every group in turn: its own markers, its own search. */
  private Map<Long, TrackedVerdict> verdicts() {
    Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
    for (AnalysisRequest.Group group : request.groups()) {
      judge(group, planted.marksOf(group.markerRequests()), verdicts);
    }
    return verdicts;
  }

  private void judge(AnalysisRequest.Group group, Marks marks, Map<Long, TrackedVerdict> verdicts) {
    List<Root> roots = UserRoots.of(heap, graph, infra, marks);
    BitSet targets = new BitSet(n);
    for (long serial : group.serials()) {
      int index = indexOfReferent(serial);
      if (index >= 0 && !marks.blocked.get(index)) {
        targets.set(index);
      }
    }
    for (int instance : marks.testInstances) {
      targets.set(instance);
    }
    Map<Long, int[]> ofTypes =
        group.types().isEmpty()
            ? Map.of()
            : TypeInstances.of(heap, group.types(), planted.typeClassIds());
    for (int[] indices : ofTypes.values()) {
      for (int index : indices) {
        if (!marks.blocked.get(index)) {
          targets.set(index);
        }
      }
    }
    reachability.search(roots, targets, infra, marks);
    for (TypeQuery q : group.types()) {
      instances.put(q.id(), survivingInstances(q, ofTypes.getOrDefault(q.id(), new int[0]), marks));
    }

    boolean sizedInGroup = false;
    for (long serial : group.serials()) {
      long referent = planted.referent(serial);
      int index = indexOfReferent(serial);
      if (index < 0) {
        verdicts.put(
            serial, new TrackedVerdict(serial, Verdict.NOT_IN_DUMP, null, 0, null, -1, -1));
        continue;
      }
      String className = graph.className(index);
      if (!reachability.reached(index) || marks.blocked.get(index)) {
        verdicts.put(
            serial,
            new TrackedVerdict(
                serial, Verdict.NOT_STRONGLY_REACHABLE, className, referent, null, -1, -1));
        continue;
      }
      HeapPath path = paths.path(reachability.chain(index));
      long bytes = -1;
      long objects = -1;
      // Within the dump's budget; past it, still the first leak of each test sharing the dump
      // (a batch of concurrent tests must not leave a test's only leak without its size).
      if (request.retainedSizes()
          && (sizeSearches
                  < Math.min(MAX_RETAINED_SIZE_SEARCHES, RETAINED_SIZE_BUDGET / Math.max(1, n))
              || !sizedInGroup)) {
        sizeSearches++;
        sizedInGroup = true;
        RetainedSize.Size size = RetainedSize.of(index, roots, graph, infra, marks, queue);
        bytes = size.bytes();
        objects = size.objects();
      }
      verdicts.put(
          serial,
          new TrackedVerdict(
              serial, Verdict.STRONGLY_REACHABLE, className, referent, path, bytes, objects));
    }
    for (long r : group.markerRequests()) {
      Marks m = planted.marksOf(r);
      if (m == null) {
        continue;
      }
      for (int instance : m.testInstances) {
        if (reachability.reached(instance)) {
          retainedTestInstances.add(
              new RetainedTestInstance(
                  r, graph.className(instance), paths.path(reachability.chain(instance))));
        }
      }
    }
  }

  /** The query's instances that the search reached, grouped by the shape of their paths. */
  private SurvivingInstances survivingInstances(TypeQuery q, int[] candidates, Marks marks) {
    int reachable = 0;
    Map<List<String>, List<Integer>> byShape = new LinkedHashMap<>();
    Map<List<String>, HeapPath> firstPath = new HashMap<>();
    Map<List<String>, Set<String>> classNames = new HashMap<>();
    for (int index : candidates) {
      if (!reachability.reached(index) || marks.blocked.get(index)) {
        continue;
      }
      reachable++;
      if (reachable > SurvivingInstances.MAX_GROUPED) {
        continue;
      }
      HeapPath path = paths.path(reachability.chain(index));
      List<String> shape = shape(path);
      byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(index);
      firstPath.putIfAbsent(shape, path);
      classNames.computeIfAbsent(shape, k -> new LinkedHashSet<>()).add(graph.className(index));
    }
    List<SurvivingInstances.Group> groups = new ArrayList<>();
    byShape.forEach(
        (shape, members) ->
            groups.add(
                new SurvivingInstances.Group(
                    members.size(), new ArrayList<>(classNames.get(shape)), firstPath.get(shape))));
    groups.sort(Comparator.comparingInt(SurvivingInstances.Group::count).reversed());
    return new SurvivingInstances(q.id(), q.typeName(), candidates.length, reachable, groups, null);
  }

  /**
   * What makes two paths one shape: the root and, for each reference, its kind, name and holder,
   * without the array index or map slot (twelve connections in one list share a shape) and without
   * object ids.
   */
  static List<String> shape(HeapPath path) {
    List<String> shape = new ArrayList<>();
    GcRoot root = path.root();
    shape.add(
        root.kind()
            + " "
            + root.className()
            + " "
            + root.threadName()
            + (root.frame() == null
                ? ""
                : " " + root.frame().className() + "." + root.frame().methodName()));
    for (PathStep step : path.steps()) {
      shape.add(
          step.edgeKind()
              + " "
              + step.edgeName()
              + " "
              + step.declaringClass()
              + " "
              + step.className()
              + (step.isClassObject() ? " " + step.summary() : ""));
    }
    return shape;
  }

  /** The index of a serial's referent, or -1 when it is not in the dump. */
  private int indexOfReferent(long serial) {
    long referent = planted.referent(serial);
    return referent == 0 ? -1 : heap.indexOf(referent);
  }

  /**
   * Why a tracked object the search did not reach may still be strongly reachable in the JVM, or
   * {@code null}. An object array at HotSpot's record limit may have lost its elements past that
   * length ({@link HprofHeap#possiblyTruncatedArrays()}): an object held only there is in the dump
   * but unreachable in it. Primitive arrays hold no references: their truncation changes no
   * verdict.
   */
  static String whyNotReachableCannotBeTrusted(HprofHeap heap) {
    List<TruncatedArray> arrays = new ArrayList<>();
    for (TruncatedArray a : heap.possiblyTruncatedArrays()) {
      if (a.references()) {
        arrays.add(a);
      }
    }
    if (arrays.isEmpty()) {
      return null;
    }
    TruncatedArray first = arrays.get(0);
    String limit = "(HotSpot's 4 GiB record limit)";
    if (arrays.size() == 1) {
      return "the heap dump truncated an array of type "
          + first.type()
          + " to "
          + first.length()
          + " elements "
          + limit
          + ": an object it holds may be missing";
    }
    return "the heap dump truncated "
        + arrays.size()
        + " arrays "
        + limit
        + ", one of type "
        + first.type()
        + " to "
        + first.length()
        + " elements: an object they hold may be missing";
  }

  /**
   * A type's instances the dump holds but the search did not reach may be strongly reachable all
   * the same: those queries say why; the reached ones keep their paths.
   */
  private static Map<Long, SurvivingInstances> undecidedUnlessAllReached(
      Map<Long, SurvivingInstances> instances, String reason) {
    Map<Long, SurvivingInstances> result = new LinkedHashMap<>();
    instances.forEach(
        (query, s) ->
            result.put(
                query,
                s.inDump() == s.reachable()
                    ? s
                    : new SurvivingInstances(
                        s.query(), s.typeName(), s.inDump(), s.reachable(), s.groups(), reason)));
    return result;
  }

  /**
   * Every verdict but {@link Verdict#STRONGLY_REACHABLE} (its path is in the dump, whatever the
   * dump lost) becomes {@link Verdict#UNDECIDED} with the reason.
   */
  private static Map<Long, TrackedVerdict> undecidedUnlessReachable(
      Map<Long, TrackedVerdict> verdicts, String reason) {
    Map<Long, TrackedVerdict> result = new LinkedHashMap<>();
    for (TrackedVerdict v : verdicts.values()) {
      result.put(
          v.serial(),
          v.verdict() == Verdict.STRONGLY_REACHABLE
              ? v
              : TrackedVerdict.undecided(v.serial(), v.className(), v.objectId(), reason));
    }
    return result;
  }
}
