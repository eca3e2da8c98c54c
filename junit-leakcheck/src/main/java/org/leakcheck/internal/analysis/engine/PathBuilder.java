package org.leakcheck.internal.analysis.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.FieldInfo;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofRoot;
import org.leakcheck.internal.heap.StackFrameInfo;

/**
 * Turns a chain of the search tree into a {@link HeapPath}: the root (its kind, class, thread and
 * frame) and, for each object, the reference that leads to it from the one before (its kind, field
 * name and declaring class, or array index). One instance serves every path of an analysis: the
 * edges of objects with many references are indexed once for all of them.
 */
final class PathBuilder {

  /** Objects with more references than this get their edges indexed once for all paths. */
  private static final int INDEXED_EDGES_FROM = 64;

  private final HprofHeap heap;
  private final HeapGraph graph;

  /** Parent index → (target id → the first edge to it), for parents with many references. */
  private final Map<Integer, Map<Long, Edge>> edgeIndex = new HashMap<>();

  PathBuilder(HeapGraph graph) {
    this.heap = graph.heap();
    this.graph = graph;
  }

  HeapPath path(Reachability.Chain chain) {
    int[] objects = chain.objects();
    List<PathStep> steps = new ArrayList<>(objects.length);
    for (int k = 0; k < objects.length; k++) {
      int index = objects[k];
      long id = heap.objectId(index);
      String className = graph.className(index);
      long size = graph.shallowSize(index);
      String summary = graph.summary(index);
      if (k == 0) {
        steps.add(new PathStep(id, className, EdgeKind.ROOT, null, -1, null, size, summary));
      } else {
        Edge edge = edgeTo(objects[k - 1], id);
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
    return new HeapPath(gcRoot(chain.root()), steps);
  }

  /**
   * The first reference from {@code from} to {@code target}. Many leaked objects often share a
   * parent (one array holding them all): its edges are indexed once instead of walked per path,
   * which made 50,000 leaks in one list quadratic.
   */
  private Edge edgeTo(int from, long target) {
    Map<Long, Edge> indexed = edgeIndex.get(from);
    if (indexed == null) {
      EdgeIndexer indexer = new EdgeIndexer();
      graph.forEachEdge(from, indexer);
      if (indexer.edges.size() > INDEXED_EDGES_FROM) {
        edgeIndex.put(from, indexer.edges);
      }
      indexed = indexer.edges;
    }
    Edge edge = indexed.get(target);
    return edge != null ? edge : new Edge(target);
  }

  private static final class EdgeIndexer implements HeapGraph.EdgeVisitor {
    final Map<Long, Edge> edges = new HashMap<>();

    @Override
    public void edge(long target, EdgeKind kind, String name, String declaringClass, int index) {
      edges.computeIfAbsent(target, Edge::new).edge(target, kind, name, declaringClass, index);
    }
  }

  /** The first reference to one target: kept by the first call naming it. */
  private static final class Edge implements HeapGraph.EdgeVisitor {
    private final long wanted;
    EdgeKind kind = EdgeKind.FIELD;
    String name;
    String declaringClass;
    int index = -1;
    boolean found;

    Edge(long wanted) {
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

  private GcRoot gcRoot(Root root) {
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
