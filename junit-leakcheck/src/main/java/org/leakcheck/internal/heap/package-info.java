/**
 * Internal: not API, may change without notice.
 *
 * <p>A compact reader of HotSpot heap dumps (HPROF, {@code JAVA PROFILE 1.0.2}). It depends on the
 * JDK only. The file is memory-mapped; one pass builds a primitive index (object id to record
 * position) and every object record is parsed on demand from the mapping, so the reader's own
 * memory is about 16 bytes per object in the dump, whatever the size of the objects.
 *
 * <p>The data flow: {@code HprofFile} maps the file and checks its header; {@code HprofReader}
 * makes the one pass over the records, filling the {@code SymbolTable}, the {@code StackTraces},
 * the {@code ClassTable} and the {@code ObjectIndex}; {@code HprofHeap}, the engine's only way in,
 * reads the dump through them.
 */
package org.leakcheck.internal.heap;
