package org.leakcheck.internal.analysis.engine;

import java.util.List;

/**
 * What a leaked object retains: the objects reachable from it but not from the user roots once it
 * is blocked (by {@link UserEdges}' rules), with their shallow sizes. Infrastructure objects are
 * not counted. Each computation walks the heap again.
 */
final class RetainedSize {

  private RetainedSize() {}

  /** Bytes and objects retained. */
  record Size(long bytes, long objects) {}

  /**
   * @param queue scratch space of one int per object
   */
  static Size of(
      int leaked,
      List<Root> roots,
      HeapGraph graph,
      Infrastructure infra,
      Marks marks,
      int[] queue) {
    long[] seen = Bits.forObjects(graph.heap().objectCount());
    Bits.set(seen, leaked);
    // 1. what stays reachable without the leaked object
    UserEdges marker = new Marker(graph, infra, marks, queue, seen);
    for (Root root : roots) {
      int index = graph.heap().indexOf(root.objectId());
      if (index >= 0 && !Bits.get(seen, index) && marker.startsFrom(index)) {
        Bits.set(seen, index);
        queue[marker.tail++] = index;
      }
    }
    for (int head = 0; head < marker.tail; head++) {
      marker.expand(queue[head]);
    }
    // 2. what the leaked object reaches beyond that
    long bytes = 0;
    long objects = 0;
    UserEdges counter = new Marker(graph, infra, marks, queue, seen);
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
    return new Size(bytes, objects);
  }

  private static final class Marker extends UserEdges {
    private final long[] seen;

    Marker(HeapGraph graph, Infrastructure infra, Marks marks, int[] queue, long[] seen) {
      super(graph, infra, marks, queue);
      this.seen = seen;
    }

    @Override
    boolean reach(int t) {
      if (Bits.get(seen, t)) {
        return false;
      }
      Bits.set(seen, t);
      return true;
    }
  }
}
