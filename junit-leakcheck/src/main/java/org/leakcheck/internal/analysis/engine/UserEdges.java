package org.leakcheck.internal.analysis.engine;

import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.heap.HprofHeap;

/**
 * The rules of a search from user roots, shared by the paths and the retained sizes: a group's
 * marked objects are reached but not entered; an infrastructure object the infrastructure holds is
 * not entered; from an infrastructure object that it does not hold (a {@code Named} in a user's
 * list) only what the infrastructure does not hold is followed; a thread of the infrastructure
 * contributes only its thread-locals; a thread-local entry whose {@code ThreadLocal} is the
 * infrastructure's is not entered.
 */
abstract class UserEdges implements HeapGraph.EdgeVisitor {

  private final HprofHeap heap;
  private final HeapGraph graph;
  private final Infrastructure infra;
  private final Marks marks;
  final int[] queue;

  /** The object being expanded. */
  int from;

  /** The end of {@link #queue}. */
  int tail;

  private boolean fromInfrastructure;
  private boolean threadLocalsOnly;

  UserEdges(HeapGraph graph, Infrastructure infra, Marks marks, int[] queue) {
    this.heap = graph.heap();
    this.graph = graph;
    this.infra = infra;
    this.marks = marks;
    this.queue = queue;
  }

  /** Whether {@code t} is new; marks it reached from {@link #from}. */
  abstract boolean reach(int t);

  /** Whether the search starts from this root object. */
  boolean startsFrom(int index) {
    return !infra.ownsInfrastructureObject(index);
  }

  /** Queues a reached object unless it is one the search does not enter. */
  void enqueue(int index) {
    if (!marks.blocked.get(index)) {
      queue[tail++] = index;
    }
  }

  /** Expands {@code u}: reaches and queues what it refers to, by the rules. */
  void expand(int u) {
    if (marks.blocked.get(u)) {
      return;
    }
    if (graph.threadLocalKey(u) != 0 && infra.ownsThreadLocal(u)) {
      return;
    }
    from = u;
    threadLocalsOnly = graph.isThread(u) && infra.isThread(u, marks);
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
    if (t < 0 || (fromInfrastructure && infra.owns(t)) || infra.ownsInfrastructureObject(t)) {
      return;
    }
    if (reach(t)) {
      enqueue(t);
    }
  }
}
