/**
 * Internal: not API, may change without notice.
 *
 * <p>The heap-dump analysis: for each tracked object, whether it is strongly reachable from a GC
 * root other than what the test framework holds, the shortest retaining path and an estimate of its
 * retained size. {@link org.leakcheck.internal.analysis.HeapAnalyzer} runs it in process; {@link
 * org.leakcheck.internal.analysis.AnalyzerProcess} runs it in a child JVM with its own heap, so
 * that a large dump cannot exhaust the test JVM.
 */
package org.leakcheck.internal.analysis;
