package org.leakcheck.internal.collect;

import java.lang.management.ManagementFactory;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.leakcheck.CollectionUnavailableException;

/**
 * Forces garbage collection until the tracked objects are cleared or the timeout passes.
 *
 * <p>Each cycle asks the current {@link GcTrigger} for a collection and confirms it with a canary:
 * a fresh object watched by a phantom reference. A collection that does not clear the canary did
 * not happen (a no-op {@code System.gc()} under {@code -XX:+DisableExplicitGC}) or has not finished
 * yet (a concurrent cycle under {@code -XX:+ExplicitGCInvokesConcurrent}, which we wait for). When
 * a trigger never clears the canary the next one is used, and the choice is kept for the rest of
 * the JVM's life. When none does (Epsilon GC), {@link CollectionUnavailableException} explains why
 * no verdict is possible.
 *
 * <p>Several confirmed cycles are run when objects survive the first one, because an object with a
 * finalizer, or one reachable only from a finalizable object, needs a second cycle after its
 * finalizer ran. The wait stops early once three confirmed cycles leave the survivors unchanged;
 * whether a survivor is really held is decided afterwards, from the heap graph.
 */
public final class ForcedCollection {

  private static final int CYCLES_TO_SETTLE = 3;

  /** How long to keep collecting while objects survive. */
  public enum Wait {
    /**
     * Until collection has settled (three confirmed cycles leave the survivors as they were), or
     * the timeout: what an after-test check wants, a survivor is judged from the heap graph anyway.
     */
    UNTIL_SETTLED,
    /** The whole timeout: what a wait for an asynchronous release wants. */
    WHOLE_TIMEOUT
  }

  /**
   * Collection through {@code System.gc()}, falling back to the {@code GC.run} diagnostic command;
   * shared, since which trigger works is a property of the JVM.
   */
  public static final ForcedCollection DEFAULT =
      new ForcedCollection(List.of(GcTrigger.SYSTEM_GC, new DiagnosticCommandGc()), true);

  private static final String UNAVAILABLE =
      "garbage collection cannot be forced in this JVM, so leakcheck cannot tell whether the"
          + " tracked objects leaked: ";

  private static final String USE_A_COLLECTOR =
      " Run the tests with a collecting GC (G1, Parallel, Serial, ZGC, Shenandoah).";

  private final List<GcTrigger> triggers;

  /** Whether to ask the JVM which collector it runs (the real JVM's collection, not a seam). */
  private final boolean askTheJvm;

  /** The index into {@link #triggers} that last worked, -1 before the first cycle. */
  private volatile int preferred = -1;

  /** Collection through the given triggers, tried in order (a test seam). */
  public ForcedCollection(List<GcTrigger> triggers) {
    this(triggers, false);
  }

  private ForcedCollection(List<GcTrigger> triggers, boolean askTheJvm) {
    if (triggers.isEmpty()) {
      throw new IllegalArgumentException("at least one GC trigger is needed");
    }
    this.triggers = List.copyOf(triggers);
    this.askTheJvm = askTheJvm;
  }

  /**
   * Collects until {@code done} is true or {@code timeout} passes, or, with {@link
   * Wait#UNTIL_SETTLED}, collection has settled; also tells how many confirmed cycles were run:
   * what a survivor is known to have survived when no heap dump can decide it.
   *
   * @throws CollectionUnavailableException when no trigger can collect in this JVM
   */
  public Collected collect(BooleanSupplier done, Duration timeout, Wait wait) {
    boolean settleEarly = wait == Wait.UNTIL_SETTLED;
    if (done.getAsBoolean()) {
      return new Collected(true, 0);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // The passing test's path: one confirmed cycle, and nothing else.
    runCycle(deadline);
    if (done.getAsBoolean()) {
      return new Collected(true, 1);
    }
    int confirmed = 1;
    // Our own loop on the deadline, not Awaitility's: a suite's Awaitility defaults (ignored
    // exceptions, a default poll interval or timeout) must not change how a check collects.
    // Between cycles a pause growing along the Fibonacci numbers from 5 ms (5, 8, 13, 21, ...), to
    // let finalizers and asynchronous releases run without hammering the collector.
    long previous = 3;
    long pause = 5;
    while (true) {
      runCycle(deadline);
      confirmed++;
      if (done.getAsBoolean() || (settleEarly && confirmed >= CYCLES_TO_SETTLE)) {
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(pause)));
      long next = pause + previous;
      previous = pause;
      pause = next;
      if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
        break; // an interrupted wait ends here, the interrupt kept for the caller
      }
    }
    return new Collected(done.getAsBoolean(), confirmed);
  }

  /** What {@link #collect} did: whether the condition became true, after how many cycles. */
  public static final class Collected {
    private final boolean done;
    private final int confirmedCycles;

    Collected(boolean done, int confirmedCycles) {
      this.done = done;
      this.confirmedCycles = confirmedCycles;
    }

    /** {@return whether the condition became true} */
    public boolean done() {
      return done;
    }

    /** {@return how many collection cycles were run and confirmed by their canary} */
    public int confirmedCycles() {
      return confirmedCycles;
    }
  }

  /**
   * Runs one confirmed collection cycle, for callers that do their own waiting (the condition of
   * {@code LeakChecks.collected}, polled by the caller's Awaitility chain).
   *
   * @throws CollectionUnavailableException when no trigger can collect in this JVM
   */
  public void collectOnce() {
    runCycle(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
  }

  /**
   * Runs one confirmed collection cycle.
   *
   * @throws CollectionUnavailableException when no trigger clears the canary before the deadline
   */
  void runCycle(long deadline) {
    if (askTheJvm && EpsilonCheck.RUNS_EPSILON) {
      // Known for sure: no need to wait for every trigger to fail, in every test.
      throw new CollectionUnavailableException(
          UNAVAILABLE
              + "it runs Epsilon GC (-XX:+UseEpsilonGC), which never collects anything."
              + USE_A_COLLECTOR);
    }
    int start = preferred >= 0 ? preferred : initialTrigger();
    List<String> failures = new ArrayList<>();
    for (int i = start; i < triggers.size(); i++) {
      GcTrigger trigger = triggers.get(i);
      try {
        boolean last = i == triggers.size() - 1;
        long oneSecond = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        // The last resort gets all the time left; the others at most a second (a working one
        // needs milliseconds, and the choice is remembered).
        if (collectsCanary(trigger, last ? Math.max(deadline, oneSecond) : oneSecond)) {
          preferred = i;
          return;
        }
        failures.add(trigger.name() + " did not collect an unreachable object");
      } catch (UnsupportedOperationException e) {
        failures.add(trigger.name() + " is not available: " + e.getMessage());
      }
    }
    throw new CollectionUnavailableException(
        UNAVAILABLE
            + String.join("; ", failures)
            + ". This happens with Epsilon GC (-XX:+UseEpsilonGC), which never collects, and on"
            + " JVMs without HotSpot's diagnostic MBeans when -XX:+DisableExplicitGC is set."
            + USE_A_COLLECTOR);
  }

  private int initialTrigger() {
    return triggers.get(0) == GcTrigger.SYSTEM_GC && explicitGcDisabled() && triggers.size() > 1
        ? 1
        : 0;
  }

  private static boolean collectsCanary(GcTrigger trigger, long deadline) {
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    PhantomReference<Object> canary = new PhantomReference<>(new Object(), queue);
    trigger.trigger();
    long pause = 1;
    while (!canary.refersTo(null)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      // A concurrent cycle (-XX:+ExplicitGCInvokesConcurrent, ZGC, Shenandoah) is still running.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
      pause = Math.min(pause * 2, 20);
    }
    return true;
  }

  /** Whether this JVM runs Epsilon GC, asked once. */
  private static final class EpsilonCheck {
    static final boolean RUNS_EPSILON = booleanVmOption("UseEpsilonGC");
  }

  private static boolean booleanVmOption(String name) {
    try {
      return Boolean.parseBoolean(
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
              .getVMOption(name)
              .getValue());
    } catch (RuntimeException | LinkageError e) {
      // Not HotSpot, or no such option: the triggers are tried and judged by the canary.
      return false;
    }
  }

  private static boolean explicitGcDisabled() {
    return booleanVmOption("DisableExplicitGC");
  }
}
