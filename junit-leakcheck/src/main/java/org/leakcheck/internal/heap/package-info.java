/**
 * Internal: not API, may change without notice.
 *
 * <p>A compact reader of HotSpot heap dumps (HPROF, {@code JAVA PROFILE 1.0.2}). It depends on the
 * JDK only. The file is memory-mapped; one pass builds a primitive index (object id to record
 * position) and every object record is parsed on demand from the mapping, so the reader's own
 * memory is about 16 bytes per object in the dump, whatever the size of the objects.
 */
package org.leakcheck.internal.heap;
