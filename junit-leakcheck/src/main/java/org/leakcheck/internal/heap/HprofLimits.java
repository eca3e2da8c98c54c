package org.leakcheck.internal.heap;

/**
 * The limits the reader checks a dump against.
 *
 * @param recordBytes the largest length of a heap dump sub-record (its tag included) the dumping
 *     JVM writes; an array whose record reaches it may have been truncated (see {@link
 *     HprofHeap#possiblyTruncatedArrays()})
 * @param objects the most object records the reader indexes; a dump with more is refused with a
 *     one-line reason
 */
public record HprofLimits(long recordBytes, int objects) {

  /**
   * The most objects the index can hold: objects are numbered with {@code int} indices into Java
   * arrays, whose length the JVM caps a little below {@link Integer#MAX_VALUE}.
   */
  static final int MAX_INDEXED_OBJECTS = Integer.MAX_VALUE - 8;

  /**
   * HotSpot's: a sub-record length is a u4, so HotSpot ({@code heapDumper.cpp}, {@code
   * DumperSupport::calculate_array_max_length}, the same in JDK 17 and 25) cuts an array whose
   * record would be longer than {@code 0xFFFFFFFF} bytes down to {@code (0xFFFFFFFF - header) /
   * elementSize} elements and only prints a warning ("cannot dump array of type ... truncating to
   * length ...").
   */
  public static final HprofLimits HOTSPOT = new HprofLimits(0xFFFF_FFFFL, MAX_INDEXED_OBJECTS);

  public HprofLimits {
    if (recordBytes <= 0 || objects <= 0 || objects > MAX_INDEXED_OBJECTS) {
      throw new IllegalArgumentException("limits " + recordBytes + ", " + objects);
    }
  }
}
