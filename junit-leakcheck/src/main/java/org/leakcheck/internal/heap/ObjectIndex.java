package org.leakcheck.internal.heap;

/**
 * The object records of a dump by id: two parallel primitive arrays sorted by object id (ids and
 * record positions, 16 bytes per object), an object's <em>index</em> being its place in them, and a
 * bucket table over the id range so that finding an id takes a few probes.
 */
final class ObjectIndex {

  private final long[] ids;
  private final long[] positions;
  private final int count;
  private final long minId;
  private final int bucketShift;
  private final int[] bucketStarts; // bucket b holds the indices bucketStarts[b] .. [b + 1] - 1

  private ObjectIndex(long[] ids, long[] positions, int count) {
    this.ids = ids;
    this.positions = positions;
    this.count = count;
    if (count == 0) {
      minId = 0;
      bucketShift = 0;
      bucketStarts = new int[] {0, 0};
      return;
    }
    minId = ids[0];
    // Unsigned: ids are sorted as signed longs, and a damaged dump may hold ids of both signs,
    // whose distance only fits in 64 bits unsigned.
    long range = ids[count - 1] - minId;
    int shift = 0;
    long target = Math.max(1, count / 2);
    while (shift < 63 && Long.compareUnsigned(range >>> shift, target) > 0) {
      shift++;
    }
    bucketShift = shift;
    int buckets = (int) (range >>> shift) + 1;
    int[] starts = new int[buckets + 1];
    int b = 0;
    for (int i = 0; i < count; i++) {
      int bucket = (int) ((ids[i] - minId) >>> shift);
      while (b <= bucket) {
        starts[b++] = i;
      }
    }
    while (b <= buckets) {
      starts[b++] = count;
    }
    bucketStarts = starts;
  }

  /** Number of objects. */
  int count() {
    return count;
  }

  /** The index of the object with this id, or -1 if the dump has no such object. */
  int indexOf(long id) {
    if (count == 0 || id < minId || id > ids[count - 1]) {
      return -1;
    }
    int bucket = (int) ((id - minId) >>> bucketShift);
    int low = bucketStarts[bucket];
    int high = bucketStarts[bucket + 1] - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long v = ids[mid];
      if (v < id) {
        low = mid + 1;
      } else if (v > id) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  long id(int index) {
    return ids[index];
  }

  /** The largest object id, 0 when there are no objects. */
  long maxId() {
    return count == 0 ? 0 : ids[count - 1];
  }

  /** The record position of an object: its sub-record tag byte. */
  long position(int index) {
    return positions[index];
  }

  /**
   * Collects the ids and record positions in file order (at most {@code limit}), then sorts them
   * into the index, checking that no id is dumped twice.
   */
  static final class Builder {

    private final int limit;
    private final GrowableLongs ids = new GrowableLongs();
    private final GrowableLongs positions = new GrowableLongs();

    Builder(int limit) {
      this.limit = limit;
    }

    /**
     * Adds an object record.
     *
     * @throws HprofFormatException if the index already holds {@code limit} objects
     */
    void add(long id, long position) throws HprofFormatException {
      if (ids.size() >= limit) {
        throw HprofFormatException.tooManyObjects(limit);
      }
      ids.add(id);
      positions.add(position);
    }

    /**
     * Sorts the records by id; this builder is empty afterwards.
     *
     * @throws HprofFormatException if an id was added twice
     */
    ObjectIndex build() throws HprofFormatException {
      int count = ids.size();
      long[] sortedIds = ids.toArray();
      long[] sortedPositions = positions.toArray();
      LongSort.sort(sortedIds, sortedPositions, count);
      for (int i = 1; i < count; i++) {
        if (sortedIds[i] == sortedIds[i - 1]) {
          throw new HprofFormatException(
              "object id 0x" + Long.toHexString(sortedIds[i]) + " is dumped twice");
        }
      }
      return new ObjectIndex(sortedIds, sortedPositions, count);
    }
  }
}
