package org.leakcheck.internal.analysis.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofRoot;
import org.leakcheck.internal.heap.StackFrameInfo;
import org.leakcheck.internal.planted.HeapMarker;

/**
 * What the test infrastructure holds (DESIGN 3.2), found in a first pass: its threads, and
 * everything reachable from its roots. Its roots are the infrastructure classes (their statics),
 * the stacks and thread objects of its threads and of the checking threads ({@link
 * HeapMarker#CHECKING_THREAD}). The pass does not follow static fields of other classes (whoever
 * reaches a class does not own what its statics hold), does not enter the marked objects of any
 * group (test instances, exceptions), nor the thread objects of other threads, and follows a
 * thread-local value only when its {@code ThreadLocal} is the infrastructure's (an instance of its
 * class, or referred to by one of its objects or statics).
 */
final class Infrastructure {

  private static final List<String> NOT_TEST_CODE =
      List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private final HprofHeap heap;
  private final HeapGraph graph;
  private final List<String> prefixes;
  private final Marks allMarks;

  /** Thread serials of the infrastructure's threads: an infrastructure frame or thread class. */
  private final Set<Integer> threadSerials = new HashSet<>();

  /** The thread objects of those threads. */
  private final BitSet threadObjects = new BitSet();

  /**
   * Per thread serial: the depth of the thread's outermost frame of test code (a test method, a
   * user's extension or helper: neither infrastructure nor the JDK), absent when it has none. That
   * frame and the frames above it run a test's code: what they hold is the test's, not the
   * infrastructure's, even on a JUnit worker thread (a concurrent test inside {@code
   * HELD.add(Arguments.of(..))} holds {@code HELD} on its operand stack). Not used for the checking
   * threads, whose frames are the check's.
   */
  private final Map<Integer, Integer> outermostTestFrame = new HashMap<>();

  /** What the infrastructure holds: reached from its roots. */
  private final long[] owned;

  /** Objects an infrastructure object or static refers to directly. */
  private final long[] heldDirectly;

  /**
   * Finds the infrastructure's threads and what it holds.
   *
   * @param allMarks the markers of every request: no group's marked object is the infrastructure's
   * @param queue scratch space of one int per object
   */
  Infrastructure(
      HprofHeap heap, HeapGraph graph, List<String> prefixes, Marks allMarks, int[] queue) {
    this.heap = heap;
    this.graph = graph;
    this.prefixes = prefixes;
    this.allMarks = allMarks;
    this.owned = Bits.forObjects(heap.objectCount());
    this.heldDirectly = Bits.forObjects(heap.objectCount());
    findThreads();
    findOwned(queue);
  }

  /** Whether this thread serial is one of the infrastructure's threads. */
  boolean runsThread(int threadSerial) {
    return threadSerials.contains(threadSerial);
  }

  /** Whether the infrastructure holds this object. */
  boolean owns(int index) {
    return Bits.get(owned, index);
  }

  /** An infrastructure object the infrastructure holds: never entered from a user root. */
  boolean ownsInfrastructureObject(int index) {
    return owns(index) && graph.isInfrastructure(index) && !graph.isThread(index);
  }

  /** Whether a thread-local entry's {@code ThreadLocal} belongs to the infrastructure. */
  boolean ownsThreadLocal(int entry) {
    long key = graph.threadLocalKey(entry);
    int k = key == 0 ? -1 : heap.indexOf(key);
    return k >= 0 && (graph.isInfrastructure(k) || Bits.get(heldDirectly, k));
  }

  /** Whether a thread object is the infrastructure's, or a checking thread of these markers. */
  boolean isThread(int thread, Marks marks) {
    return threadObjects.get(thread)
        || marks.checkingThreads.get(thread)
        || graph.isInfrastructure(thread);
  }

  /**
   * The threads the infrastructure runs: a thread whose stack has an infrastructure frame (the
   * build tool's main thread waiting for JUnit's pool: its JDK frames hold JUnit's tasks too), or
   * whose thread object is of an infrastructure class (an idle worker of JUnit's pool, whose only
   * frames are the JDK's).
   */
  private void findThreads() {
    for (HprofRoot root : heap.roots()) {
      if (root.tag() != HprofHeap.ROOT_THREAD_OBJECT) {
        continue;
      }
      int index = heap.indexOf(root.objectId());
      boolean infra = index >= 0 && graph.isInfrastructure(index);
      List<StackFrameInfo> trace = heap.stackTrace(root.stackTraceSerial());
      for (int f = trace.size() - 1; f >= 0; f--) {
        if (isTestCode(trace.get(f).className())) {
          outermostTestFrame.put(root.threadSerial(), f);
          break;
        }
      }
      for (int f = 0; !infra && f < trace.size(); f++) {
        infra = HeapGraph.isInfrastructure(trace.get(f).className(), prefixes);
      }
      if (infra) {
        threadSerials.add(root.threadSerial());
        if (index >= 0) {
          threadObjects.set(index);
        }
      }
    }
  }

  /**
   * Whether a frame's class is the test's code: neither the infrastructure's nor the JDK's (this
   * library's own frames count as the test's: on a thread other than a checking one they run a
   * test's {@code track}).
   */
  private boolean isTestCode(String className) {
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

  /** The first pass: everything reachable from the infrastructure's roots, into {@link #owned}. */
  private void findOwned(int[] queue) {
    Visitor visitor = new Visitor(queue);
    for (ClassInfo c : heap.classes()) {
      if (graph.isInfrastructure(c)) {
        visitor.enqueue(heap.indexOf(c.id()));
      }
    }
    for (HprofRoot root : heap.roots()) {
      GcRoot.Kind kind = Root.kindOf(root.tag());
      boolean infraThread =
          threadSerials.contains(root.threadSerial())
              || allMarks.checkingSerials.contains(root.threadSerial());
      if ((kind == GcRoot.Kind.JAVA_FRAME || kind == GcRoot.Kind.JNI_LOCAL)
          && !allMarks.checkingSerials.contains(root.threadSerial())
          && root.frameNumber() >= 0
          && root.frameNumber() <= outermostTestFrame.getOrDefault(root.threadSerial(), -1)) {
        continue; // the test's frames: what they hold is the test's
      }
      if ((Root.isThreadStack(kind) || kind == GcRoot.Kind.THREAD_OBJECT) && infraThread) {
        visitor.enqueue(heap.indexOf(root.objectId()));
      }
    }
    List<Integer> deferred = new ArrayList<>();
    int head = 0;
    while (true) {
      for (; head < visitor.tail; head++) {
        int u = queue[head];
        if (graph.isThread(u) && !isThread(u, allMarks)) {
          continue;
        }
        if (graph.threadLocalKey(u) != 0 && !ownsThreadLocal(u)) {
          deferred.add(u);
          continue;
        }
        visitor.expand(u);
      }
      // A thread-local's key may be found owned after its entry was reached.
      boolean more = false;
      for (int i = deferred.size() - 1; i >= 0; i--) {
        int entry = deferred.get(i);
        if (ownsThreadLocal(entry)) {
          deferred.remove(i);
          visitor.expand(entry);
          more = true;
        }
      }
      if (!more) {
        return;
      }
    }
  }

  private final class Visitor implements HeapGraph.EdgeVisitor {
    private final int[] queue;
    int tail;
    private boolean direct;

    Visitor(int[] queue) {
      this.queue = queue;
    }

    void enqueue(int index) {
      if (index >= 0 && !Bits.get(owned, index) && !allMarks.blocked.get(index)) {
        Bits.set(owned, index);
        queue[tail++] = index;
      }
    }

    void expand(int u) {
      direct = graph.isInfrastructure(u);
      graph.forEachEdge(u, this, false);
    }

    @Override
    public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
      int t = heap.indexOf(target);
      if (t >= 0) {
        if (direct) {
          Bits.set(heldDirectly, t);
        }
        enqueue(t);
      }
    }
  }
}
