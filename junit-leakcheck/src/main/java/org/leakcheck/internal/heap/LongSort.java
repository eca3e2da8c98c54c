package org.leakcheck.internal.heap;

/**
 * Sorts two parallel {@code long} arrays by the first, in place (no extra memory, no boxing).
 *
 * <p>Quicksort with a pseudo-random pivot (expected O(n log n) whatever the input order; HotSpot
 * writes objects mostly in address order, so an already-sorted run is detected first) and insertion
 * sort for short ranges. Recursion goes into the smaller side only, so the stack depth stays
 * logarithmic. The keys must be distinct.
 */
final class LongSort {

  private LongSort() {}

  static void sort(long[] keys, long[] values, int n) {
    boolean sorted = true;
    for (int i = 1; i < n; i++) {
      if (keys[i - 1] > keys[i]) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      quicksort(keys, values, 0, n - 1, 0x2545F4914F6CDD1DL);
    }
  }

  private static void quicksort(long[] k, long[] v, int low, int high, long seed) {
    while (high - low > 24) {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      int pivotIndex = low + (int) Long.remainderUnsigned(seed, high - low + 1);
      long pivot = k[pivotIndex];
      int i = low;
      int j = high;
      while (i <= j) {
        while (k[i] < pivot) {
          i++;
        }
        while (k[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(k, v, i, j);
          i++;
          j--;
        }
      }
      if (j - low < high - i) {
        quicksort(k, v, low, j, seed);
        low = i;
      } else {
        quicksort(k, v, i, high, seed);
        high = j;
      }
    }
    for (int i = low + 1; i <= high; i++) {
      long key = k[i];
      long value = v[i];
      int j = i - 1;
      while (j >= low && k[j] > key) {
        k[j + 1] = k[j];
        v[j + 1] = v[j];
        j--;
      }
      k[j + 1] = key;
      v[j + 1] = value;
    }
  }

  private static void swap(long[] k, long[] v, int i, int j) {
    long t = k[i];
    k[i] = k[j];
    k[j] = t;
    t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}
