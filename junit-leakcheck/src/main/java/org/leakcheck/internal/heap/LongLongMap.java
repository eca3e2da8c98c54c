package org.leakcheck.internal.heap;

/**
 * An open-addressing hash map from {@code long} to {@code long} without boxing, for the indexes of
 * the reader (strings, classes, stack frames).
 */
final class LongLongMap {

  private long[] keys;
  private long[] values;
  private boolean[] used;
  private int size;
  private int mask;

  LongLongMap() {
    this(16);
  }

  LongLongMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new long[capacity];
    used = new boolean[capacity];
    mask = capacity - 1;
  }

  private static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  int size() {
    return size;
  }

  /** The value for {@code key}, or {@code missing} when there is none. */
  long get(long key, long missing) {
    int slot = slot(key);
    return slot < 0 ? missing : values[slot];
  }

  private int slot(long key) {
    int i = hash(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  void put(long key, long value) {
    if ((size + 1) * 2 > keys.length) {
      long[] oldKeys = keys;
      long[] oldValues = values;
      boolean[] oldUsed = used;
      allocate(keys.length * 2);
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldUsed[i]) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }
    int i = hash(key) & mask;
    while (used[i]) {
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    keys[i] = key;
    values[i] = value;
    size++;
  }
}
