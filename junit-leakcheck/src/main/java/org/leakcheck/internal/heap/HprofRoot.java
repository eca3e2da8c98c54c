package org.leakcheck.internal.heap;

/**
 * A GC root record of the heap dump.
 *
 * @param tag the HPROF sub-record tag (one of the {@code ROOT_*} constants of {@link HprofHeap})
 * @param objectId the root object
 * @param threadSerial the thread serial for thread-related roots, else 0
 * @param frameNumber the depth in the thread's stack trace for JAVA_FRAME and JNI_LOCAL, else -1
 * @param stackTraceSerial the stack trace serial for THREAD_OBJECT, else 0
 */
public record HprofRoot(
    int tag, long objectId, int threadSerial, int frameNumber, int stackTraceSerial) {}
