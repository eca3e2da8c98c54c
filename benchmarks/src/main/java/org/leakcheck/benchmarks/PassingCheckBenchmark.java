package org.leakcheck.benchmarks;

import com.google.common.testing.GcFinalization;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The cost of one passing check (the tracked object is garbage) on a small and on a ~500 MB live
 * heap, against one bare {@code System.gc()} on the same heap and against the usual hand-written
 * ways of waiting for an object to be collected. Each benchmark method is one test's check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PassingCheckBenchmark {

  /** Live heap in MB held while checking. */
  @Param({"8", "500"})
  public int liveMb;

  @Setup(Level.Trial)
  public void fillHeap() {
    Ballast.fill(liveMb);
    System.gc();
  }

  /** The physical floor: one full collection of this heap. */
  @Benchmark
  public void bareSystemGc() {
    System.gc();
  }

  /** junit-leakcheck: what the extension does after a test that tracked one object. */
  @Benchmark
  public void leakcheck() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of());
    leaks.track(new Garbage());
    LeakChecks.assertCollectable(leaks);
  }

  /** junit-leakcheck on a test that tracked nothing (target: no GC, unmeasurable). */
  @Benchmark
  public void leakcheckNothingTracked() {
    LeakChecks.assertCollectable(LeakChecks.newTracker(Map.of()));
  }

  /** Guava testlib: {@code GcFinalization.awaitClear}. */
  @Benchmark
  public void guavaAwaitClear() {
    WeakReference<Object> ref = new WeakReference<>(new Garbage());
    GcFinalization.awaitClear(ref);
  }

  /**
   * A NetBeans-{@code assertGC}-style loop: each round runs the collector and finalization, checks,
   * and if the object is still there adds allocation pressure before the next round.
   */
  @Benchmark
  public void netbeansStyleLoop() {
    WeakReference<Object> ref = new WeakReference<>(new Garbage());
    List<byte[]> pressure = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      System.gc();
      runFinalization();
      if (ref.get() == null) {
        return;
      }
      pressure.add(new byte[1 << 20]);
    }
    throw new AssertionError("not collected");
  }

  /** A LeakCanary-style trigger: GC, sleep 100 ms so references get enqueued, run finalization. */
  @Benchmark
  public void leakCanaryStyleTrigger() throws InterruptedException {
    WeakReference<Object> ref = new WeakReference<>(new Garbage());
    Runtime.getRuntime().gc();
    Thread.sleep(100);
    runFinalization();
    if (ref.get() != null) {
      throw new AssertionError("not collected");
    }
  }

  /** {@code System.runFinalization()}, deprecated for removal after JDK 17: called reflectively. */
  static void runFinalization() {
    try {
      System.class.getMethod("runFinalization").invoke(null);
    } catch (ReflectiveOperationException e) {
      // removed from this JDK: nothing to run
    }
  }
}
