package org.leakcheck.internal.analysis.engine;

/** One bit per object index in a {@code long[]}: a {@code BitSet} without its bounds checks. */
final class Bits {

  private Bits() {}

  static long[] forObjects(int n) {
    return new long[(n + 63) >>> 6];
  }

  static boolean get(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << i;
  }
}
