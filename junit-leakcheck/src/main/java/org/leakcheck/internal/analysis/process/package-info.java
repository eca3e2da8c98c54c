/**
 * Internal: not API, may change without notice.
 *
 * <p>The analysis in a child JVM: {@link org.leakcheck.internal.analysis.process.AnalyzerProcess}
 * starts {@link org.leakcheck.internal.analysis.process.AnalyzerMain} with a heap of its own, sends
 * the request and reads the answer ({@link org.leakcheck.internal.analysis.process.Wire}), and
 * makes sure no child or its files outlive the test JVM ({@link
 * org.leakcheck.internal.analysis.process.LiveChildren}).
 */
package org.leakcheck.internal.analysis.process;
