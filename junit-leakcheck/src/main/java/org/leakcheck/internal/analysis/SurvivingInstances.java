package org.leakcheck.internal.analysis;

import java.util.List;
import java.util.Objects;

/**
 * What a dump says of one {@link TypeQuery}: how many instances of the type it holds, how many of
 * them are strongly reachable from a root that outlives the test, and those grouped by the shape of
 * their retaining paths.
 *
 * @param query the query's id
 * @param typeName the type, as in the query
 * @param inDump instances of the type (or of a subtype) in the dump
 * @param reachable of those, the strongly reachable ones: the leaked instances
 * @param groups the reachable ones by path shape (the same root and references, any array index or
 *     map slot), the largest group first; at most {@link #MAX_GROUPED} instances are grouped, the
 *     rest are counted in {@code reachable} only
 * @param undecidedReason when the dump cannot tell that the instances it did not reach are not
 *     strongly reachable (a possibly truncated array), why; otherwise {@code null}
 */
public record SurvivingInstances(
    long query,
    String typeName,
    int inDump,
    int reachable,
    List<Group> groups,
    String undecidedReason) {

  /** How many reachable instances get a path and a group (each path is a walk up the parents). */
  public static final int MAX_GROUPED = 1000;

  public SurvivingInstances {
    Objects.requireNonNull(typeName, "typeName");
    groups = List.copyOf(groups);
  }

  /**
   * Reachable instances whose paths have one shape.
   *
   * @param count how many
   * @param classNames their classes, in the order found (a subtype query can match several)
   * @param path the path of the first of them
   */
  public record Group(int count, List<String> classNames, HeapPath path) {
    public Group {
      classNames = List.copyOf(classNames);
      Objects.requireNonNull(path, "path");
    }
  }
}
