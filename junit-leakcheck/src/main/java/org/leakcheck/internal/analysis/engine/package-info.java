/**
 * Internal: not API, may change without notice.
 *
 * <p>The search engine over a heap dump: {@link
 * org.leakcheck.internal.analysis.engine.HeapAnalyzer} reads the dump, finds what the test
 * infrastructure holds, searches from the other GC roots and answers each tracked object with its
 * verdict, shortest retaining path and retained size. It runs wherever it is called: the extension
 * calls it through the child process, so that a large dump cannot exhaust the test JVM.
 */
package org.leakcheck.internal.analysis.engine;
