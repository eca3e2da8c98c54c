package org.leakcheck.internal.analysis;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.FieldInfo;
import org.leakcheck.internal.heap.HprofFormatException;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofLimits;
import org.leakcheck.internal.heap.HprofRoot;
import org.leakcheck.internal.heap.StackFrameInfo;
import org.leakcheck.internal.heap.TruncatedArray;
import org.leakcheck.internal.track.TrackedReference;

/**
 * Analyses a heap dump in this JVM: a breadth-first search over strong references from the GC roots
 * gives, for each tracked object, whether it is strongly reachable and its shortest retaining path;
 * a second search per leaked object (with that object blocked) gives its retained set.
 *
 * <p>What the test framework holds does not count: referents of {@link HeapMarker}s of kind {@link
 * HeapMarker#EXCLUDED_OBJECT} and instances and static fields of the request's excluded class
 * prefixes are never entered; the stack (frames, JNI locals, native stack, thread block) of the
 * thread of a {@link HeapMarker#CHECKING_THREAD} marker is no root (its thread object still is).
 * Roots: every HPROF root record, plus the classes of the boot, platform and application loaders
 * (never collected); classes of other loaders are reachable only through their loader.
 *
 * <p>Only the {@code TrackedReference}s and markers of the asking copy of the library count ({@link
 * AnalysisRequest#libraryCopy()}). When the dump may have lost references (an object array at
 * HotSpot's record limit, possibly truncated), every verdict but strongly reachable is {@link
 * Verdict#UNDECIDED} with the reason.
 *
 * <p>Memory: about 16 bytes per object for the index, 8 for the search (parent and queue), one bit
 * per object for retained sizes. Use {@link AnalyzerProcess} to keep that out of a test JVM.
 */
public final class HeapAnalyzer {

  static final String TRACKED_REFERENCE = TrackedReference.class.getName();
  static final String HEAP_MARKER = HeapMarker.class.getName();
  private static final String REFERENCE = "java.lang.ref.Reference";

  /** Retained sizes are computed for at most this many leaked objects (one search each). */
  static final int MAX_RETAINED_SIZE_SEARCHES = 16;

  /**
   * Objects the retained-size searches may visit in all: each search walks the whole heap again,
   * which on a large dump would double the time to report for a nice-to-have figure.
   */
  static final long RETAINED_SIZE_BUDGET = 12_000_000L;

  private static final int UNVISITED = -1;
  private static final int EXCLUDED = -2;
  private static final int ROOT_BASE = -3;

  private HeapAnalyzer() {}

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
    HprofHeap heap = HprofHeap.open(request.dump(), Set.of(TRACKED_REFERENCE, HEAP_MARKER), limits);
    long read = System.nanoTime();
    Map<Long, TrackedVerdict> verdicts;
    try {
      verdicts = new Search(heap, request).run();
    } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
      // a record pointing outside the file: the index pass checks lengths, not every value
      throw new HprofFormatException(
          "corrupted object record (" + e.getClass().getSimpleName() + ")");
    }
    String untrusted = whyNotReachableCannotBeTrusted(heap);
    if (untrusted != null) {
      verdicts = undecidedUnlessReachable(verdicts, untrusted);
    }
    long done = System.nanoTime();
    return new AnalysisResult(
        verdicts,
        heap.objectCount(),
        Duration.ofNanos(read - start),
        Duration.ofNanos(done - read));
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

  /** A GC root of the search: its kind, object and (for HPROF roots) its record. */
  private record RootEntry(GcRoot.Kind kind, long objectId, HprofRoot record) {}

  private static final class Search {
    private final HprofHeap heap;
    private final AnalysisRequest request;
    private final HeapGraph graph;
    private final int n;
    private int[] parent;
    private int[] queue;
    private List<RootEntry> roots;
    private final BitSet excludedObjects = new BitSet();
    private final Set<Integer> excludedThreads = new HashSet<>();

    Search(HprofHeap heap, AnalysisRequest request) {
      this.heap = heap;
      this.request = request;
      this.graph = new HeapGraph(heap, request.excludedClassPrefixes());
      this.n = heap.objectCount();
    }

    Map<Long, TrackedVerdict> run() {
      Map<Long, Long> referents = trackedReferents();
      readMarkers();
      roots = roots();
      parent = new int[n];
      queue = new int[n];
      Arrays.fill(parent, UNVISITED);
      excludedObjects.stream().forEach(i -> parent[i] = EXCLUDED);
      searchFromRoots(targets(referents));

      Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
      int sizeSearches = 0;
      for (long serial : request.trackedSerials()) {
        long referent = referents.getOrDefault(serial, 0L);
        int index = referent == 0 ? -1 : heap.indexOf(referent);
        if (index < 0) {
          verdicts.put(
              serial, new TrackedVerdict(serial, Verdict.NOT_IN_DUMP, null, 0, null, -1, -1));
          continue;
        }
        String className = graph.className(index);
        if (parent[index] == UNVISITED || parent[index] == EXCLUDED) {
          verdicts.put(
              serial,
              new TrackedVerdict(
                  serial, Verdict.NOT_STRONGLY_REACHABLE, className, referent, null, -1, -1));
          continue;
        }
        RetainingPath path = path(index);
        long bytes = -1;
        long objects = -1;
        if (request.retainedSizes()
            && sizeSearches++
                < Math.min(MAX_RETAINED_SIZE_SEARCHES, RETAINED_SIZE_BUDGET / Math.max(1, n))) {
          long[] retained = retained(index);
          bytes = retained[0];
          objects = retained[1];
        }
        verdicts.put(
            serial,
            new TrackedVerdict(
                serial, Verdict.STRONGLY_REACHABLE, className, referent, path, bytes, objects));
      }
      return verdicts;
    }

    /** Serial -> referent id of the requested {@code TrackedReference}s. */
    private Map<Long, Long> trackedReferents() {
      Map<Long, Long> result = new HashMap<>();
      for (long id : heap.instancesOf(TRACKED_REFERENCE)) {
        int index = heap.indexOf(id);
        ClassInfo c = heap.classOf(index);
        FieldInfo serial = c.field("serial");
        FieldInfo copy = c.field("libraryCopy");
        FieldInfo referent = c.field("referent", REFERENCE);
        if (serial == null || referent == null || !ofThisCopy(index, copy)) {
          continue;
        }
        long value = heap.fieldValue(index, serial);
        if (request.trackedSerials().contains(value)) {
          result.put(value, heap.fieldValue(index, referent));
        }
      }
      return result;
    }

    /**
     * Whether a tracked reference or marker was made by the copy of the library that asked: another
     * copy in the same JVM (another class loader) numbers its serials and requests from 1 too. An
     * instance without the field is of a library version that predates it: not this copy.
     */
    private boolean ofThisCopy(int index, FieldInfo copy) {
      if (request.libraryCopy() == AnalysisRequest.ANY_LIBRARY_COPY) {
        return true;
      }
      return copy != null && heap.fieldValue(index, copy) == request.libraryCopy();
    }

    private void readMarkers() {
      Set<Long> checkingThreads = new HashSet<>();
      for (long id : heap.instancesOf(HEAP_MARKER)) {
        int index = heap.indexOf(id);
        ClassInfo c = heap.classOf(index);
        FieldInfo kind = c.field("kind");
        FieldInfo requestId = c.field("request");
        FieldInfo copy = c.field("libraryCopy");
        FieldInfo referent = c.field("referent", REFERENCE);
        if (kind == null || requestId == null || referent == null || !ofThisCopy(index, copy)) {
          continue;
        }
        if (!request.markerRequests().contains(heap.fieldValue(index, requestId))) {
          continue;
        }
        long target = heap.fieldValue(index, referent);
        if (target == 0) {
          continue;
        }
        long k = heap.fieldValue(index, kind);
        if (k == HeapMarker.EXCLUDED_OBJECT) {
          int t = heap.indexOf(target);
          if (t >= 0) {
            excludedObjects.set(t);
          }
        } else if (k == HeapMarker.CHECKING_THREAD) {
          checkingThreads.add(target);
        }
      }
      for (HprofRoot root : heap.roots()) {
        if (root.tag() == HprofHeap.ROOT_THREAD_OBJECT
            && checkingThreads.contains(root.objectId())) {
          excludedThreads.add(root.threadSerial());
        }
      }
    }

    /** The roots in the order the search takes them: on equal distance, the first one wins. */
    private List<RootEntry> roots() {
      List<RootEntry> list = new ArrayList<>();
      Set<Long> sticky = new HashSet<>();
      for (HprofRoot root : heap.roots()) {
        GcRoot.Kind kind = kindOf(root.tag());
        boolean threadStack =
            kind == GcRoot.Kind.JAVA_FRAME
                || kind == GcRoot.Kind.JNI_LOCAL
                || kind == GcRoot.Kind.NATIVE_STACK
                || kind == GcRoot.Kind.THREAD_BLOCK;
        if (threadStack && excludedThreads.contains(root.threadSerial())) {
          continue;
        }
        if (kind == GcRoot.Kind.SYSTEM_CLASS) {
          sticky.add(root.objectId());
        }
        list.add(new RootEntry(kind, root.objectId(), root));
      }
      for (ClassInfo c : heap.classes()) {
        if (!sticky.contains(c.id()) && graph.isPermanentClass(c)) {
          list.add(new RootEntry(GcRoot.Kind.CLASS, c.id(), null));
        }
      }
      list.sort(Comparator.comparingInt(r -> priority(r.kind())));
      return list;
    }

    private static int priority(GcRoot.Kind kind) {
      switch (kind) {
        case SYSTEM_CLASS:
          return 0;
        case CLASS:
          return 1;
        case THREAD_OBJECT:
          return 2;
        case JAVA_FRAME:
          return 3;
        case JNI_LOCAL:
          return 4;
        case NATIVE_STACK:
          return 5;
        case THREAD_BLOCK:
          return 6;
        case MONITOR:
          return 7;
        case JNI_GLOBAL:
          return 8;
        default:
          return 9;
      }
    }

    private static GcRoot.Kind kindOf(int tag) {
      switch (tag) {
        case HprofHeap.ROOT_JNI_GLOBAL:
          return GcRoot.Kind.JNI_GLOBAL;
        case HprofHeap.ROOT_JNI_LOCAL:
          return GcRoot.Kind.JNI_LOCAL;
        case HprofHeap.ROOT_JAVA_FRAME:
          return GcRoot.Kind.JAVA_FRAME;
        case HprofHeap.ROOT_NATIVE_STACK:
          return GcRoot.Kind.NATIVE_STACK;
        case HprofHeap.ROOT_STICKY_CLASS:
          return GcRoot.Kind.SYSTEM_CLASS;
        case HprofHeap.ROOT_THREAD_BLOCK:
          return GcRoot.Kind.THREAD_BLOCK;
        case HprofHeap.ROOT_MONITOR_USED:
          return GcRoot.Kind.MONITOR;
        case HprofHeap.ROOT_THREAD_OBJECT:
          return GcRoot.Kind.THREAD_OBJECT;
        default:
          return GcRoot.Kind.UNKNOWN;
      }
    }

    // ------------------------------------------------------------ reachability

    /** The indices of the tracked objects present in the dump (and not excluded themselves). */
    private BitSet targets(Map<Long, Long> referents) {
      BitSet targets = new BitSet(n);
      for (long referent : referents.values()) {
        int index = referent == 0 ? -1 : heap.indexOf(referent);
        if (index >= 0 && parent[index] != EXCLUDED) {
          targets.set(index);
        }
      }
      return targets;
    }

    /**
     * Breadth-first search from all roots; fills {@code parent}. Stops once every target has been
     * reached: breadth-first order has already given each its shortest path, and the rest of the
     * heap cannot change a verdict (a target never reached needs the whole search).
     */
    private void searchFromRoots(BitSet targets) {
      int remaining = targets.cardinality();
      int tail = 0;
      for (int r = 0; r < roots.size(); r++) {
        int index = heap.indexOf(roots.get(r).objectId());
        if (index >= 0 && parent[index] == UNVISITED) {
          parent[index] = ROOT_BASE - r;
          queue[tail++] = index;
        }
      }
      ParentVisitor visitor = new ParentVisitor();
      visitor.tail = tail;
      for (int head = 0; head < visitor.tail && remaining > 0; head++) {
        int u = queue[head];
        visitor.from = u;
        if (!graph.forEachEdge(u, visitor)) {
          parent[u] = EXCLUDED;
        } else if (targets.get(u)) {
          remaining--;
        }
      }
    }

    private final class ParentVisitor implements HeapGraph.EdgeVisitor {
      int from;
      int tail;

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        int t = heap.indexOf(target);
        if (t >= 0 && parent[t] == UNVISITED) {
          parent[t] = from;
          queue[tail++] = t;
        }
      }
    }

    // ------------------------------------------------------------ retained size

    /**
     * {bytes, objects} retained by {@code leaked}: reachable from it, but not from the roots once
     * it is blocked. Framework objects are neither entered nor counted.
     */
    private long[] retained(int leaked) {
      long[] seen = new long[(n + 63) >>> 6];
      set(seen, leaked);
      // 1. what stays reachable without the leaked object
      int tail = 0;
      for (RootEntry root : roots) {
        int index = heap.indexOf(root.objectId());
        if (index >= 0 && !get(seen, index) && parent[index] != EXCLUDED) {
          set(seen, index);
          queue[tail++] = index;
        }
      }
      MarkVisitor marker = new MarkVisitor(seen, true);
      marker.tail = tail;
      for (int head = 0; head < marker.tail; head++) {
        graph.forEachEdge(queue[head], marker);
      }
      // 2. what the leaked object reaches beyond that
      long bytes = 0;
      long objects = 0;
      MarkVisitor counter = new MarkVisitor(seen, false);
      queue[0] = leaked;
      counter.tail = 1;
      for (int head = 0; head < counter.tail; head++) {
        int u = queue[head];
        if (u != leaked && graph.isExcluded(u)) {
          continue;
        }
        bytes += graph.shallowSize(u);
        objects++;
        graph.forEachEdge(u, counter);
      }
      return new long[] {bytes, objects};
    }

    private final class MarkVisitor implements HeapGraph.EdgeVisitor {
      private final long[] seen;
      private final boolean skipExcluded;
      int tail;

      MarkVisitor(long[] seen, boolean skipExcluded) {
        this.seen = seen;
        this.skipExcluded = skipExcluded;
      }

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        int t = heap.indexOf(target);
        if (t >= 0 && !get(seen, t) && !(skipExcluded && parent[t] == EXCLUDED)) {
          set(seen, t);
          queue[tail++] = t;
        }
      }
    }

    private static boolean get(long[] bits, int i) {
      return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
      bits[i >>> 6] |= 1L << i;
    }

    // ------------------------------------------------------------ path

    private RetainingPath path(int leaked) {
      List<Integer> chain = new ArrayList<>();
      int i = leaked;
      while (i >= 0) {
        chain.add(i);
        i = parent[i];
        if (chain.size() > n) {
          throw new IllegalStateException("cycle in the search tree");
        }
      }
      RootEntry root = roots.get(ROOT_BASE - i);
      List<PathStep> steps = new ArrayList<>(chain.size());
      for (int k = chain.size() - 1; k >= 0; k--) {
        int index = chain.get(k);
        long id = heap.objectId(index);
        String className = graph.className(index);
        long size = graph.shallowSize(index);
        String summary = graph.summary(index);
        if (k == chain.size() - 1) {
          steps.add(new PathStep(id, className, EdgeKind.ROOT, null, -1, null, size, summary));
        } else {
          EdgeFinder edge = edgeTo(chain.get(k + 1), id);
          steps.add(
              new PathStep(
                  id,
                  className,
                  edge.kind,
                  edge.name,
                  edge.index,
                  edge.declaringClass,
                  size,
                  summary));
        }
      }
      return new RetainingPath(gcRoot(root), steps);
    }

    /** Objects with more references than this get their edges indexed once for all paths. */
    private static final int INDEXED_EDGES_FROM = 64;

    /** Parent index → (target id → the first edge to it), for parents with many references. */
    private final Map<Integer, Map<Long, EdgeFinder>> edgeIndex = new HashMap<>();

    /**
     * The first reference from {@code from} to {@code target}. Many leaked objects often share a
     * parent (one array holding them all): its edges are indexed once instead of walked per path,
     * which made 50,000 leaks in one list quadratic.
     */
    private EdgeFinder edgeTo(int from, long target) {
      Map<Long, EdgeFinder> indexed = edgeIndex.get(from);
      if (indexed == null) {
        EdgeIndexer indexer = new EdgeIndexer();
        graph.forEachEdge(from, indexer);
        if (indexer.edges.size() > INDEXED_EDGES_FROM) {
          edgeIndex.put(from, indexer.edges);
        }
        indexed = indexer.edges;
      }
      EdgeFinder edge = indexed.get(target);
      return edge != null ? edge : new EdgeFinder(target);
    }

    private static final class EdgeIndexer implements HeapGraph.EdgeVisitor {
      final Map<Long, EdgeFinder> edges = new HashMap<>();

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        edges
            .computeIfAbsent(target, EdgeFinder::new)
            .edge(target, kind, name, declaringClass, index);
      }
    }

    private static final class EdgeFinder implements HeapGraph.EdgeVisitor {
      private final long wanted;
      EdgeKind kind = EdgeKind.FIELD;
      String name;
      String declaringClass;
      int index = -1;
      boolean found;

      EdgeFinder(long wanted) {
        this.wanted = wanted;
      }

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        if (!found && target == wanted) {
          found = true;
          this.kind = kind;
          this.name = name;
          this.declaringClass = declaringClass;
          this.index = index;
        }
      }
    }

    private GcRoot gcRoot(RootEntry root) {
      int index = heap.indexOf(root.objectId());
      String className;
      if (root.kind() == GcRoot.Kind.SYSTEM_CLASS || root.kind() == GcRoot.Kind.CLASS) {
        ClassInfo c = heap.classById(root.objectId());
        className = c != null ? c.name() : graph.className(index);
      } else {
        className = graph.className(index);
      }
      HprofRoot record = root.record();
      String threadName = null;
      GcRoot.Frame frame = null;
      if (record != null && record.threadSerial() != 0) {
        long thread =
            root.kind() == GcRoot.Kind.THREAD_OBJECT
                ? root.objectId()
                : heap.threadObject(record.threadSerial());
        threadName = threadName(thread);
        if (record.frameNumber() >= 0) {
          List<StackFrameInfo> trace = heap.threadStackTrace(record.threadSerial());
          if (record.frameNumber() < trace.size()) {
            StackFrameInfo f = trace.get(record.frameNumber());
            frame = new GcRoot.Frame(f.className(), f.methodName(), f.sourceFile(), f.line());
          }
        }
      }
      return new GcRoot(root.kind(), root.objectId(), className, threadName, frame);
    }

    private String threadName(long threadId) {
      int index = threadId == 0 ? -1 : heap.indexOf(threadId);
      if (index < 0 || heap.objectKind(index) != HprofHeap.INSTANCE_DUMP) {
        return null;
      }
      ClassInfo c = heap.classOf(index);
      FieldInfo name = c == null ? null : c.field("name");
      if (name == null || !name.isReference()) {
        return null;
      }
      int s = heap.indexOf(heap.fieldValue(index, name));
      return s < 0 ? null : graph.string(s);
    }
  }
}
