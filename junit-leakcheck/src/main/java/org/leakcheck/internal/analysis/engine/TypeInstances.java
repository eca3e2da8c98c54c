package org.leakcheck.internal.analysis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.HprofHeap;

/**
 * The instances of tracked types in the dump: which classes are the type or a subtype of it, and
 * which objects are their instances (one pass over the objects for all queries).
 *
 * <p>For a class, its subclasses are those whose superclass chain in the dump reaches the very
 * class object the {@code TrackedType} refers to, whatever their class loader. For an interface,
 * the dump records no interfaces: the classes named in the query by the test JVM count (only those
 * of the interface's own loader when the query says so). For an array type, the arrays of the same
 * dimensions whose element class matches, of the element class's loader.
 */
final class TypeInstances {

  private TypeInstances() {}

  /**
   * The object indices of each query's instances, by query id; a query whose type is not in the
   * dump (its class was unloaded, or its {@code TrackedType} cleared) has none.
   *
   * @param queries the queries
   * @param typeClassIds the class object id of each query's element type, by query id
   */
  static Map<Long, int[]> of(
      HprofHeap heap, List<TypeQuery> queries, Map<Long, Long> typeClassIds) {
    Map<Long, List<Long>> queriesByClass = new HashMap<>();
    for (TypeQuery q : queries) {
      Long typeId = typeClassIds.get(q.id());
      ClassInfo type = typeId == null ? null : heap.classById(typeId);
      if (type == null) {
        continue;
      }
      for (long classId : matchingClasses(heap, q, type)) {
        queriesByClass.computeIfAbsent(classId, k -> new ArrayList<>(1)).add(q.id());
      }
    }
    Map<Long, Ints> found = new HashMap<>();
    for (TypeQuery q : queries) {
      found.put(q.id(), new Ints());
    }
    if (!queriesByClass.isEmpty()) {
      int n = heap.objectCount();
      for (int i = 0; i < n; i++) {
        int kind = heap.objectKind(i);
        if (kind != HprofHeap.INSTANCE_DUMP && kind != HprofHeap.OBJECT_ARRAY_DUMP) {
          continue;
        }
        List<Long> matching = queriesByClass.get(heap.instanceClassId(i));
        if (matching != null) {
          for (long query : matching) {
            found.get(query).add(i);
          }
        }
      }
    }
    Map<Long, int[]> result = new HashMap<>();
    found.forEach((query, ints) -> result.put(query, ints.toArray()));
    return result;
  }

  /** The class ids of the query's type and its subtypes (their arrays, for an array query). */
  private static List<Long> matchingClasses(HprofHeap heap, TypeQuery q, ClassInfo type) {
    List<ClassInfo> elements = new ArrayList<>();
    Map<Long, Boolean> subclass = new HashMap<>();
    for (ClassInfo c : heap.classes()) {
      if (c.name().endsWith("[]")) {
        continue;
      }
      boolean matches =
          q.isInterface()
              ? q.implementers().contains(c.name())
                  && (!q.ownLoaderOnly() || c.loaderId() == type.loaderId())
              : isSubclass(heap, c, type.id(), subclass);
      if (matches) {
        elements.add(c);
      }
    }
    List<Long> ids = new ArrayList<>();
    if (q.dimensions() == 0) {
      elements.forEach(c -> ids.add(c.id()));
      return ids;
    }
    String dims = "[]".repeat(q.dimensions());
    Map<ElementKey, Boolean> wanted = new HashMap<>();
    elements.forEach(c -> wanted.put(new ElementKey(c.name() + dims, c.loaderId()), true));
    for (ClassInfo c : heap.classes()) {
      if (c.name().endsWith(dims)
          && !c.name().endsWith(dims + "[]")
          && wanted.containsKey(new ElementKey(c.name(), c.loaderId()))) {
        ids.add(c.id());
      }
    }
    return ids;
  }

  private record ElementKey(String name, long loaderId) {}

  /** Whether {@code c} is the class {@code typeId} or a subclass of it (memoised by class id). */
  private static boolean isSubclass(
      HprofHeap heap, ClassInfo c, long typeId, Map<Long, Boolean> memo) {
    List<Long> chain = new ArrayList<>();
    boolean answer = false;
    for (ClassInfo k = c; k != null && chain.size() <= heap.classes().size(); ) {
      Boolean known = memo.get(k.id());
      if (known != null) {
        answer = known;
        break;
      }
      chain.add(k.id());
      if (k.id() == typeId) {
        answer = true;
        break;
      }
      k = k.superId() == 0 ? null : heap.classById(k.superId());
    }
    for (long id : chain) {
      memo.put(id, answer);
    }
    return answer;
  }

  /** A growable list of ints. */
  private static final class Ints {
    private int[] values = new int[8];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
