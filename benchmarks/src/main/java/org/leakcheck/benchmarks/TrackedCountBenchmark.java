package org.leakcheck.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.leakcheck.LeakChecks;
import org.leakcheck.LeakTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Scaling: one passing check as the number of objects tracked by the test grows. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TrackedCountBenchmark {

  @Param({"1", "100", "10000"})
  public int tracked;

  @Setup(Level.Trial)
  public void fillHeap() {
    Ballast.fill(8);
    System.gc();
  }

  @Benchmark
  public void leakcheck() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    for (int i = 0; i < tracked; i++) {
      leaks.track(new Garbage());
    }
    LeakChecks.assertCollectable(leaks);
  }
}
