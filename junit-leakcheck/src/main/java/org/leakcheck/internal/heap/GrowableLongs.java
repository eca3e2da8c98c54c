package org.leakcheck.internal.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only list of longs in blocks of 2^20, so that growing never copies: {@link #toArray()}
 * then builds the exact-size array while releasing the blocks one by one, which keeps the peak at
 * about one extra block beyond the data.
 */
final class GrowableLongs {

  private static final int BLOCK_BITS = 20;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final List<long[]> blocks = new ArrayList<>();
  private long[] current;
  private int used;
  private int size;

  void add(long value) {
    if (current == null || used == current.length) {
      if (current != null && current.length < BLOCK) {
        current = Arrays.copyOf(current, Math.min(BLOCK, current.length * 2));
        blocks.set(blocks.size() - 1, current);
      } else {
        current = new long[blocks.isEmpty() ? 1024 : BLOCK];
        used = 0;
        blocks.add(current);
      }
    }
    current[used++] = value;
    size++;
  }

  int size() {
    return size;
  }

  /** The values; this list is empty afterwards. */
  long[] toArray() {
    long[] result = new long[size];
    int offset = 0;
    for (int i = 0; i < blocks.size(); i++) {
      long[] block = blocks.get(i);
      int n = Math.min(block.length, size - offset);
      System.arraycopy(block, 0, result, offset, n);
      offset += n;
      blocks.set(i, null);
    }
    blocks.clear();
    current = null;
    used = 0;
    size = 0;
    return result;
  }
}
