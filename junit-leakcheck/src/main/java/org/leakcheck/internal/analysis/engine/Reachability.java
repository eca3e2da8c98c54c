package org.leakcheck.internal.analysis.engine;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A group's breadth-first search from the user roots ({@link UserEdges}' rules): for each object
 * reached, the object it was first reached from, so its shortest path. One instance serves every
 * group of an analysis: {@link #search} starts afresh.
 */
final class Reachability {

  private static final int UNVISITED = -1;
  private static final int ROOT_BASE = -3;

  private final HeapGraph graph;
  private final int[] parent;
  private final int[] queue;
  private List<Root> roots = List.of();

  /**
   * @param queue scratch space of one int per object
   */
  Reachability(HeapGraph graph, int[] queue) {
    this.graph = graph;
    this.parent = new int[graph.heap().objectCount()];
    this.queue = queue;
  }

  /**
   * Searches from {@code roots}. Stops once every target has been reached: breadth-first order has
   * already given each its shortest path, and the rest of the heap cannot change a verdict (a
   * target never reached needs the whole search).
   */
  void search(List<Root> roots, BitSet targets, Infrastructure infra, Marks marks) {
    this.roots = roots;
    Arrays.fill(parent, UNVISITED);
    int[] remaining = {targets.cardinality()};
    UserEdges visitor =
        new UserEdges(graph, infra, marks, queue) {
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
      int index = graph.heap().indexOf(roots.get(r).objectId());
      if (index >= 0 && parent[index] == UNVISITED && visitor.startsFrom(index)) {
        parent[index] = ROOT_BASE - r;
        if (targets.get(index)) {
          remaining[0]--;
        }
        visitor.enqueue(index);
      }
    }
    for (int head = 0; head < visitor.tail && remaining[0] > 0; head++) {
      visitor.expand(queue[head]);
    }
  }

  /** Whether the last search reached this object. */
  boolean reached(int index) {
    return parent[index] != UNVISITED;
  }

  /** The root of the last search's path to {@code index}, and the objects on it, root first. */
  Chain chain(int index) {
    int[] reversed = new int[16];
    int length = 0;
    int i = index;
    while (i >= 0) {
      if (length == reversed.length) {
        reversed = Arrays.copyOf(reversed, length * 2);
      }
      reversed[length++] = i;
      i = parent[i];
      if (length > parent.length) {
        throw new IllegalStateException("cycle in the search tree");
      }
    }
    int[] objects = new int[length];
    for (int k = 0; k < length; k++) {
      objects[k] = reversed[length - 1 - k];
    }
    return new Chain(roots.get(ROOT_BASE - i), objects);
  }

  /** A path of the search tree: its root, and its objects' indices from the root's object on. */
  record Chain(Root root, int[] objects) {}
}
