/**
 * Internal: not API, may change without notice.
 *
 * <p>The heap-dump analysis' model: what is asked ({@link
 * org.leakcheck.internal.analysis.AnalysisRequest}: the dump, the tracked serials, the markers) and
 * what is answered ({@link org.leakcheck.internal.analysis.AnalysisResult}: a {@link
 * org.leakcheck.internal.analysis.TrackedVerdict} per serial, with its {@link
 * org.leakcheck.internal.analysis.HeapPath} from a {@link org.leakcheck.internal.analysis.GcRoot}
 * when strongly reachable). The engine ({@code engine}) computes it in a JVM; the child process
 * ({@code process}) runs the engine in a JVM of its own and carries the model over a pipe.
 */
package org.leakcheck.internal.analysis;
