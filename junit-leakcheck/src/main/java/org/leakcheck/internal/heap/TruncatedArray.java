package org.leakcheck.internal.heap;

/**
 * An array whose record in the dump has the largest length the dumping JVM writes: HotSpot cut it
 * down to this length if it was longer (see {@link HprofLimits#HOTSPOT}), and the dump cannot tell
 * whether it was.
 *
 * @param id the array's object id
 * @param type the array's type as Java writes it: {@code java.lang.Object[]}, {@code long[]}
 * @param length the number of elements in the dump
 * @param references whether its elements are references (an object array): only then can an object
 *     be missing from the graph because of it
 */
public record TruncatedArray(long id, String type, int length, boolean references) {}
