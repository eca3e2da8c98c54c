package org.leakcheck.internal.analysis.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.FieldInfo;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofRoot;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.planted.Planted;

/**
 * What the asking copy of the library planted in the dumped heap ({@link
 * AnalysisRequest#libraryCopy()}): the referents of its {@code TrackedReference}s by serial, and
 * the classes of its {@code TrackedType}s by query, and the objects its {@link HeapMarker}s mark,
 * by marker request. The names it reads are {@link Planted}'s.
 */
final class PlantedObjects {

  private static final String REFERENCE = "java.lang.ref.Reference";

  private final HprofHeap heap;
  private final AnalysisRequest request;
  private final Map<Long, Long> referents = new HashMap<>();
  private final Map<Long, Long> typeClassIds = new HashMap<>();
  private final Map<Long, Marks> marksByRequest = new HashMap<>();
  private final Marks allMarks = new Marks();

  PlantedObjects(HprofHeap heap, AnalysisRequest request) {
    this.heap = heap;
    this.request = request;
    readTrackedReferences();
    readTrackedTypes();
    readMarkers();
  }

  /** The class object id of each requested tracked type in the dump, by query id. */
  Map<Long, Long> typeClassIds() {
    return typeClassIds;
  }

  /** The referent id of a requested serial's tracked reference, or 0 when not in the dump. */
  long referent(long serial) {
    return referents.getOrDefault(serial, 0L);
  }

  /** The markers of one marker request, or {@code null} when the dump has none of it. */
  Marks marksOf(long markerRequest) {
    return marksByRequest.get(markerRequest);
  }

  /** The markers of these requests together. */
  Marks marksOf(Collection<Long> markerRequests) {
    Marks marks = new Marks();
    for (long r : markerRequests) {
      Marks m = marksByRequest.get(r);
      if (m != null) {
        marks.addAll(m);
      }
    }
    return marks;
  }

  /** The markers of every request of the analysis. */
  Marks allMarks() {
    return allMarks;
  }

  private void readTrackedReferences() {
    for (long id : heap.instancesOf(Planted.TRACKED_REFERENCE)) {
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
        referents.put(value, heap.fieldValue(index, referent));
      }
    }
  }

  private void readTrackedTypes() {
    Set<Long> queries = new HashSet<>();
    for (AnalysisRequest.Group g : request.groups()) {
      g.types().forEach(q -> queries.add(q.id()));
    }
    if (queries.isEmpty()) {
      return;
    }
    for (long id : heap.instancesOf(Planted.TRACKED_TYPE)) {
      int index = heap.indexOf(id);
      ClassInfo c = heap.classOf(index);
      FieldInfo query = c.field(Planted.QUERY);
      FieldInfo copy = c.field(Planted.LIBRARY_COPY);
      FieldInfo referent = c.field(Planted.REFERENT, REFERENCE);
      if (query == null || referent == null || !ofThisCopy(index, copy)) {
        continue;
      }
      long value = heap.fieldValue(index, query);
      long type = heap.fieldValue(index, referent);
      if (queries.contains(value) && type != 0) {
        typeClassIds.put(value, type);
      }
    }
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
    for (long id : heap.instancesOf(Planted.HEAP_MARKER)) {
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
}
