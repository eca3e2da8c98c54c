package org.leakcheck.internal.analysis.engine;

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
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.Verdict;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.FieldInfo;
import org.leakcheck.internal.heap.HprofFormatException;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofLimits;
import org.leakcheck.internal.heap.HprofRoot;
import org.leakcheck.internal.heap.StackFrameInfo;
import org.leakcheck.internal.heap.TruncatedArray;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.planted.Planted;

/**
 * Analyses a heap dump in this JVM: a breadth-first search over strong references from the GC roots
 * gives, for each tracked object, whether it is strongly reachable and its shortest retaining path;
 * a second search per leaked object (with that object blocked) gives its retained set.
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
 * <p>Memory: about 16 bytes per object for the index, 8 for the search (parent and queue), one bit
 * per object for retained sizes. Use {@link AnalyzerProcess} to keep that out of a test JVM.
 */
public final class HeapAnalyzer {

  static final String TRACKED_REFERENCE = Planted.TRACKED_REFERENCE;
  static final String HEAP_MARKER = Planted.HEAP_MARKER;
  private static final String REFERENCE = "java.lang.ref.Reference";

  /** Retained sizes are computed for at most this many leaked objects (one search each). */
  static final int MAX_RETAINED_SIZE_SEARCHES = 16;

  /**
   * Objects the retained-size searches may visit in all: each search walks the whole heap again,
   * which on a large dump would double the time to report for a nice-to-have figure.
   */
  static final long RETAINED_SIZE_BUDGET = 12_000_000L;

  private static final int UNVISITED = -1;
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
    Search search = new Search(heap, request);
    try {
      verdicts = search.run();
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
        search.retainedTestInstances(),
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

  /** The markers of one group: what its search does not enter, and whose stacks are not roots. */
  private static final class Marks {
    final BitSet blocked = new BitSet();
    final List<Integer> testInstances = new ArrayList<>();
    final Set<Integer> checkingSerials = new HashSet<>();
    final BitSet checkingThreads = new BitSet();

    void addAll(Marks other) {
      blocked.or(other.blocked);
      testInstances.addAll(other.testInstances);
      checkingSerials.addAll(other.checkingSerials);
      checkingThreads.or(other.checkingThreads);
    }
  }

  private static final class Search {
    private final HprofHeap heap;
    private final AnalysisRequest request;
    private final HeapGraph graph;
    private final int n;
    private int[] parent;
    private int[] queue;
    private List<RootEntry> roots;
    private Marks marks;
    private final Map<Long, Marks> marksByRequest = new HashMap<>();
    private final Marks allMarks = new Marks();

    /** Thread serials of the infrastructure's threads: an infrastructure frame or thread class. */
    private final Set<Integer> infraThreadSerials = new HashSet<>();

    /**
     * Per thread serial: the depth of the thread's outermost frame of test code (a test method, a
     * user's extension or helper: neither infrastructure nor the JDK), absent when it has none.
     * That frame and the frames above it run a test's code: what they hold is the test's, not the
     * infrastructure's, even on a JUnit worker thread (a concurrent test inside {@code
     * HELD.add(Arguments.of(..))} holds {@code HELD} on its operand stack). Not used for the
     * checking threads, whose frames are the check's.
     */
    private final Map<Integer, Integer> outermostTestFrame = new HashMap<>();

    private final BitSet infraThreadObjects = new BitSet();

    /**
     * What the infrastructure holds: reached from its roots (see {@link #ownedByInfrastructure}).
     */
    private long[] owned;

    /** Objects an infrastructure object or static refers to directly. */
    private long[] heldByInfrastructure;

    private final List<RetainedTestInstance> retainedTestInstances = new ArrayList<>();
    private int sizeSearches;

    Search(HprofHeap heap, AnalysisRequest request) {
      this.heap = heap;
      this.request = request;
      this.graph = new HeapGraph(heap, request.excludedClassPrefixes());
      this.n = heap.objectCount();
    }

    Map<Long, TrackedVerdict> run() {
      Map<Long, Long> referents = trackedReferents();
      readMarkers();
      findInfrastructureThreads();
      parent = new int[n];
      queue = new int[n];
      ownedByInfrastructure();
      Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
      for (AnalysisRequest.Group group : request.groups()) {
        marks = new Marks();
        for (long r : group.markerRequests()) {
          Marks m = marksByRequest.get(r);
          if (m != null) {
            marks.addAll(m);
          }
        }
        search(group, referents, verdicts);
      }
      return verdicts;
    }

    private void search(
        AnalysisRequest.Group group,
        Map<Long, Long> referents,
        Map<Long, TrackedVerdict> verdicts) {
      roots = roots();
      Arrays.fill(parent, UNVISITED);
      BitSet targets = new BitSet(n);
      for (long serial : group.serials()) {
        long referent = referents.getOrDefault(serial, 0L);
        int index = referent == 0 ? -1 : heap.indexOf(referent);
        if (index >= 0 && !marks.blocked.get(index)) {
          targets.set(index);
        }
      }
      for (int instance : marks.testInstances) {
        targets.set(instance);
      }
      searchFromRoots(targets);

      boolean sizedInGroup = false;
      for (long serial : group.serials()) {
        long referent = referents.getOrDefault(serial, 0L);
        int index = referent == 0 ? -1 : heap.indexOf(referent);
        if (index < 0) {
          verdicts.put(
              serial, new TrackedVerdict(serial, Verdict.NOT_IN_DUMP, null, 0, null, -1, -1));
          continue;
        }
        String className = graph.className(index);
        if (parent[index] == UNVISITED || marks.blocked.get(index)) {
          verdicts.put(
              serial,
              new TrackedVerdict(
                  serial, Verdict.NOT_STRONGLY_REACHABLE, className, referent, null, -1, -1));
          continue;
        }
        HeapPath path = path(index);
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
          long[] retained = retained(index);
          bytes = retained[0];
          objects = retained[1];
        }
        verdicts.put(
            serial,
            new TrackedVerdict(
                serial, Verdict.STRONGLY_REACHABLE, className, referent, path, bytes, objects));
      }
      for (long r : group.markerRequests()) {
        Marks m = marksByRequest.get(r);
        if (m == null) {
          continue;
        }
        for (int instance : m.testInstances) {
          if (parent[instance] != UNVISITED) {
            retainedTestInstances.add(
                new RetainedTestInstance(r, graph.className(instance), path(instance)));
          }
        }
      }
    }

    List<RetainedTestInstance> retainedTestInstances() {
      return retainedTestInstances;
    }

    /** Serial -> referent id of the requested {@code TrackedReference}s. */
    private Map<Long, Long> trackedReferents() {
      Map<Long, Long> result = new HashMap<>();
      for (long id : heap.instancesOf(TRACKED_REFERENCE)) {
        int index = heap.indexOf(id);
        ClassInfo c = heap.classOf(index);
        FieldInfo serial = c.field(Planted.SERIAL);
        FieldInfo copy = c.field(Planted.LIBRARY_COPY);
        FieldInfo referent = c.field(Planted.REFERENT, REFERENCE);
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
      Map<Long, Integer> threadSerials = new HashMap<>();
      for (HprofRoot root : heap.roots()) {
        if (root.tag() == HprofHeap.ROOT_THREAD_OBJECT) {
          threadSerials.put(root.objectId(), root.threadSerial());
        }
      }
      for (long id : heap.instancesOf(HEAP_MARKER)) {
        int index = heap.indexOf(id);
        ClassInfo c = heap.classOf(index);
        FieldInfo kind = c.field(Planted.KIND);
        FieldInfo requestId = c.field(Planted.REQUEST);
        FieldInfo copy = c.field(Planted.LIBRARY_COPY);
        FieldInfo referent = c.field(Planted.REFERENT, REFERENCE);
        if (kind == null || requestId == null || referent == null || !ofThisCopy(index, copy)) {
          continue;
        }
        long r = heap.fieldValue(index, requestId);
        if (!request.markerRequests().contains(r)) {
          continue;
        }
        long target = heap.fieldValue(index, referent);
        int t = target == 0 ? -1 : heap.indexOf(target);
        if (t < 0) {
          continue;
        }
        Marks m = marksByRequest.computeIfAbsent(r, k -> new Marks());
        long k = heap.fieldValue(index, kind);
        if (k == HeapMarker.EXCLUDED_OBJECT || k == HeapMarker.TEST_INSTANCE) {
          m.blocked.set(t);
          if (k == HeapMarker.TEST_INSTANCE && !m.testInstances.contains(t)) {
            m.testInstances.add(t);
          }
        } else if (k == HeapMarker.CHECKING_THREAD) {
          m.checkingThreads.set(t);
          Integer serial = threadSerials.get(target);
          if (serial != null) {
            m.checkingSerials.add(serial);
          }
        }
      }
      marksByRequest.values().forEach(allMarks::addAll);
    }

    /**
     * The threads the infrastructure runs: a thread whose stack has an infrastructure frame (the
     * build tool's main thread waiting for JUnit's pool: its JDK frames hold JUnit's tasks too), or
     * whose thread object is of an infrastructure class (an idle worker of JUnit's pool, whose only
     * frames are the JDK's).
     */
    private void findInfrastructureThreads() {
      List<String> prefixes = request.excludedClassPrefixes();
      for (HprofRoot root : heap.roots()) {
        if (root.tag() != HprofHeap.ROOT_THREAD_OBJECT) {
          continue;
        }
        int index = heap.indexOf(root.objectId());
        boolean infra = index >= 0 && graph.isInfrastructure(index);
        List<StackFrameInfo> trace = heap.stackTrace(root.stackTraceSerial());
        for (int f = trace.size() - 1; f >= 0; f--) {
          if (isTestCode(trace.get(f).className(), prefixes)) {
            outermostTestFrame.put(root.threadSerial(), f);
            break;
          }
        }
        for (int f = 0; !infra && f < trace.size(); f++) {
          infra = HeapGraph.isInfrastructure(trace.get(f).className(), prefixes);
        }
        if (infra) {
          infraThreadSerials.add(root.threadSerial());
          if (index >= 0) {
            infraThreadObjects.set(index);
          }
        }
      }
    }

    /**
     * Whether a frame's class is the test's code: neither the infrastructure's nor the JDK's (this
     * library's own frames count as the test's: on a thread other than a checking one they run a
     * test's {@code track}).
     */
    private static boolean isTestCode(String className, List<String> prefixes) {
      if (className == null || HeapGraph.isInfrastructure(className, prefixes)) {
        return false;
      }
      for (String prefix : NOT_TEST_CODE) {
        if (className.startsWith(prefix)) {
          return false;
        }
      }
      return true;
    }

    private static final List<String> NOT_TEST_CODE =
        List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private static boolean isThreadStack(GcRoot.Kind kind) {
      return kind == GcRoot.Kind.JAVA_FRAME
          || kind == GcRoot.Kind.JNI_LOCAL
          || kind == GcRoot.Kind.NATIVE_STACK
          || kind == GcRoot.Kind.THREAD_BLOCK;
    }

    // ------------------------------------------------------------ what the infrastructure holds

    /**
     * First pass: everything reachable from the infrastructure's roots, into {@link #owned}. Its
     * roots: the infrastructure classes (their statics), the stacks and thread objects of its
     * threads and of the checking threads. It does not follow static fields of other classes
     * (whoever reaches a class does not own what its statics hold), does not enter the marked
     * objects of any group (test instances, exceptions), nor the thread objects of other threads,
     * and follows a thread-local value only when its {@code ThreadLocal} is the infrastructure's
     * (an instance of its class, or referred to by one of its objects or statics).
     */
    private void ownedByInfrastructure() {
      owned = new long[(n + 63) >>> 6];
      heldByInfrastructure = new long[(n + 63) >>> 6];
      InfraVisitor visitor = new InfraVisitor();
      for (ClassInfo c : heap.classes()) {
        if (graph.isInfrastructure(c)) {
          visitor.enqueue(heap.indexOf(c.id()));
        }
      }
      for (HprofRoot root : heap.roots()) {
        GcRoot.Kind kind = kindOf(root.tag());
        boolean infraThread =
            infraThreadSerials.contains(root.threadSerial())
                || allMarks.checkingSerials.contains(root.threadSerial());
        if ((kind == GcRoot.Kind.JAVA_FRAME || kind == GcRoot.Kind.JNI_LOCAL)
            && !allMarks.checkingSerials.contains(root.threadSerial())
            && root.frameNumber() >= 0
            && root.frameNumber() <= outermostTestFrame.getOrDefault(root.threadSerial(), -1)) {
          continue; // the test's frames: what they hold is the test's
        }
        if ((isThreadStack(kind) || kind == GcRoot.Kind.THREAD_OBJECT) && infraThread) {
          visitor.enqueue(heap.indexOf(root.objectId()));
        }
      }
      List<Integer> deferred = new ArrayList<>();
      int head = 0;
      while (true) {
        for (; head < visitor.tail; head++) {
          int u = queue[head];
          if (graph.isThread(u) && !isInfrastructureThread(u, allMarks)) {
            continue;
          }
          if (graph.threadLocalKey(u) != 0 && !ownedThreadLocal(u)) {
            deferred.add(u);
            continue;
          }
          expandOwned(u, visitor);
        }
        // A thread-local's key may be found owned after its entry was reached.
        boolean more = false;
        for (int i = deferred.size() - 1; i >= 0; i--) {
          int entry = deferred.get(i);
          if (ownedThreadLocal(entry)) {
            deferred.remove(i);
            expandOwned(entry, visitor);
            more = true;
          }
        }
        if (!more) {
          return;
        }
      }
    }

    private void expandOwned(int u, InfraVisitor visitor) {
      visitor.direct = graph.isInfrastructure(u);
      graph.forEachEdge(u, visitor, false);
    }

    private final class InfraVisitor implements HeapGraph.EdgeVisitor {
      int tail;
      boolean direct;

      void enqueue(int index) {
        if (index >= 0 && !get(owned, index) && !allMarks.blocked.get(index)) {
          set(owned, index);
          queue[tail++] = index;
        }
      }

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        int t = heap.indexOf(target);
        if (t >= 0) {
          if (direct) {
            set(heldByInfrastructure, t);
          }
          enqueue(t);
        }
      }
    }

    /** Whether a thread-local entry's {@code ThreadLocal} belongs to the infrastructure. */
    private boolean ownedThreadLocal(int entry) {
      long key = graph.threadLocalKey(entry);
      int k = key == 0 ? -1 : heap.indexOf(key);
      return k >= 0 && (graph.isInfrastructure(k) || get(heldByInfrastructure, k));
    }

    private boolean isInfrastructureThread(int thread, Marks m) {
      return infraThreadObjects.get(thread)
          || m.checkingThreads.get(thread)
          || graph.isInfrastructure(thread);
    }

    /** An infrastructure object the infrastructure holds: never entered from a user root. */
    private boolean ownedInfrastructure(int index) {
      return get(owned, index) && graph.isInfrastructure(index) && !graph.isThread(index);
    }

    /** The user roots in the order the search takes them: on equal distance, the first one wins. */
    private List<RootEntry> roots() {
      List<RootEntry> list = new ArrayList<>();
      Set<Long> sticky = new HashSet<>();
      for (HprofRoot root : heap.roots()) {
        GcRoot.Kind kind = kindOf(root.tag());
        if (isThreadStack(kind)
            && (infraThreadSerials.contains(root.threadSerial())
                || marks.checkingSerials.contains(root.threadSerial()))) {
          continue;
        }
        if (kind == GcRoot.Kind.SYSTEM_CLASS) {
          sticky.add(root.objectId());
        }
        list.add(new RootEntry(kind, root.objectId(), root));
      }
      for (ClassInfo c : heap.classes()) {
        if (sticky.contains(c.id()) || graph.isInfrastructure(c)) {
          continue;
        }
        // A user class is alive as long as anything holds it, whoever holds its loader (Surefire's
        // isolated class loader holds the test classes): its statics are roots then.
        int index = heap.indexOf(c.id());
        if (graph.isPermanentClass(c) || (index >= 0 && get(owned, index))) {
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

    // ------------------------------------------------------------ reachability from user roots

    /**
     * The rules of the search from user roots, for both the paths and the retained sizes: a group's
     * marked objects are reached but not entered; an infrastructure object the infrastructure holds
     * is not entered; from an infrastructure object that it does not hold (a {@code Named} in a
     * user's list) only what the infrastructure does not hold is followed; a thread of the
     * infrastructure contributes only its thread-locals; a thread-local entry whose {@code
     * ThreadLocal} is the infrastructure's is not entered.
     */
    private abstract class UserVisitor implements HeapGraph.EdgeVisitor {
      int from;
      int tail;
      private boolean fromInfrastructure;
      private boolean threadLocalsOnly;

      /** Whether {@code t} is new; marks it reached from {@link #from}. */
      abstract boolean reach(int t);

      /** Expands {@code u}. */
      void expand(int u) {
        if (marks.blocked.get(u)) {
          return;
        }
        if (graph.threadLocalKey(u) != 0 && ownedThreadLocal(u)) {
          return;
        }
        from = u;
        threadLocalsOnly = graph.isThread(u) && isInfrastructureThread(u, marks);
        // a thread's own thread-local map is the thread's, whatever the thread's class
        fromInfrastructure = !threadLocalsOnly && graph.isInfrastructure(u);
        graph.forEachEdge(u, this);
      }

      @Override
      public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
        if (threadLocalsOnly
            && !(kind == EdgeKind.FIELD
                && ("threadLocals".equals(name) || "inheritableThreadLocals".equals(name))
                && "java.lang.Thread".equals(declaringClass))) {
          return;
        }
        int t = heap.indexOf(target);
        if (t < 0 || (fromInfrastructure && get(owned, t)) || ownedInfrastructure(t)) {
          return;
        }
        if (reach(t) && !marks.blocked.get(t)) {
          queue[tail++] = t;
        }
      }
    }

    /**
     * Breadth-first search from the user roots; fills {@code parent}. Stops once every target has
     * been reached: breadth-first order has already given each its shortest path, and the rest of
     * the heap cannot change a verdict (a target never reached needs the whole search).
     */
    private void searchFromRoots(BitSet targets) {
      int[] remaining = {targets.cardinality()};
      UserVisitor visitor =
          new UserVisitor() {
            @Override
            boolean reach(int t) {
              if (parent[t] != UNVISITED) {
                return false;
              }
              parent[t] = from;
              if (targets.get(t)) {
                remaining[0]--;
              }
              return true;
            }
          };
      for (int r = 0; r < roots.size(); r++) {
        int index = heap.indexOf(roots.get(r).objectId());
        if (index >= 0 && parent[index] == UNVISITED && !ownedInfrastructure(index)) {
          parent[index] = ROOT_BASE - r;
          if (targets.get(index)) {
            remaining[0]--;
          }
          if (!marks.blocked.get(index)) {
            queue[visitor.tail++] = index;
          }
        }
      }
      for (int head = 0; head < visitor.tail && remaining[0] > 0; head++) {
        visitor.expand(queue[head]);
      }
    }

    // ------------------------------------------------------------ retained size

    /**
     * {bytes, objects} retained by {@code leaked}: reachable from it, but not from the user roots
     * once it is blocked (by the same rules as the search). Infrastructure objects are not counted.
     */
    private long[] retained(int leaked) {
      long[] seen = new long[(n + 63) >>> 6];
      set(seen, leaked);
      // 1. what stays reachable without the leaked object
      UserVisitor marker = new MarkVisitor(seen);
      for (RootEntry root : roots) {
        int index = heap.indexOf(root.objectId());
        if (index >= 0 && !get(seen, index) && !ownedInfrastructure(index)) {
          set(seen, index);
          queue[marker.tail++] = index;
        }
      }
      for (int head = 0; head < marker.tail; head++) {
        marker.expand(queue[head]);
      }
      // 2. what the leaked object reaches beyond that
      long bytes = 0;
      long objects = 0;
      UserVisitor counter = new MarkVisitor(seen);
      queue[0] = leaked;
      counter.tail = 1;
      for (int head = 0; head < counter.tail; head++) {
        int u = queue[head];
        if (u != leaked && graph.isInfrastructure(u)) {
          continue;
        }
        bytes += graph.shallowSize(u);
        objects++;
        counter.expand(u);
      }
      return new long[] {bytes, objects};
    }

    private final class MarkVisitor extends UserVisitor {
      private final long[] seen;

      MarkVisitor(long[] seen) {
        this.seen = seen;
      }

      @Override
      boolean reach(int t) {
        if (get(seen, t)) {
          return false;
        }
        set(seen, t);
        return true;
      }
    }

    private static boolean get(long[] bits, int i) {
      return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
      bits[i >>> 6] |= 1L << i;
    }

    // ------------------------------------------------------------ path

    private HeapPath path(int leaked) {
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
      return new HeapPath(gcRoot(root), steps);
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
