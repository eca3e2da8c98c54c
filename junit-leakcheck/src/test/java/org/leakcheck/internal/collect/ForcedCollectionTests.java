package org.leakcheck.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.leakcheck.CollectionUnavailableException;

/**
 * Isolated: a collection run by a concurrent test would clear our canaries and make a no-op trigger
 * look like one that works.
 */
@Isolated
class ForcedCollectionTests {

  /** A trigger that does nothing: System.gc() under -XX:+DisableExplicitGC, or Epsilon GC. */
  static final class NoOpTrigger implements GcTrigger {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "a no-op";
    }

    @Override
    public void trigger() {
      calls.incrementAndGet();
    }
  }

  static final class CountingSystemGc implements GcTrigger {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String name() {
      return "System.gc()";
    }

    @Override
    public void trigger() {
      calls.incrementAndGet();
      System.gc();
    }
  }

  @Test
  void runsNoCollectionWhenAlreadyDone() {
    CountingSystemGc gc = new CountingSystemGc();

    boolean done =
        doneAfterSettling(new ForcedCollection(List.of(gc)), () -> true, Duration.ofSeconds(1));

    assertThat(done).isTrue();
    assertThat(gc.calls).hasValue(0);
  }

  @Test
  void collectsAnUnreachableObject() {
    PhantomReference<Object> ref = new PhantomReference<>(new Object(), new ReferenceQueue<>());

    boolean done =
        doneAfterSettling(
            new ForcedCollection(List.of(new CountingSystemGc())),
            () -> ref.refersTo(null),
            Duration.ofSeconds(5));

    assertThat(done).isTrue();
  }

  @Test
  void countsTheConfirmedCyclesASurvivorWentThrough() {
    // GIVEN an object that stays strongly reachable
    Object survivor = new Object();
    CountingSystemGc gc = new CountingSystemGc();

    // WHEN collecting until it is gone, settling early
    ForcedCollection.Collected collected =
        new ForcedCollection(List.of(gc))
            .collect(
                () -> survivor == null, Duration.ofMinutes(1), ForcedCollection.Wait.UNTIL_SETTLED);

    // THEN collection settled after three confirmed cycles, one trigger call each
    assertThat(collected.done()).isFalse();
    assertThat(collected.confirmedCycles()).isEqualTo(3);
    assertThat(gc.calls).hasValue(3);
    java.lang.ref.Reference.reachabilityFence(survivor);
  }

  @Test
  void fallsBackToTheNextTriggerWhenOneDoesNotCollectAndRemembersIt() {
    NoOpTrigger noOp = new NoOpTrigger();
    CountingSystemGc gc = new CountingSystemGc();
    ForcedCollection collection = new ForcedCollection(List.of(noOp, gc));

    PhantomReference<Object> first = new PhantomReference<>(new Object(), new ReferenceQueue<>());
    assertThat(doneAfterSettling(collection, () -> first.refersTo(null), Duration.ofSeconds(5)))
        .isTrue();
    PhantomReference<Object> second = new PhantomReference<>(new Object(), new ReferenceQueue<>());
    assertThat(doneAfterSettling(collection, () -> second.refersTo(null), Duration.ofSeconds(5)))
        .isTrue();

    assertThat(noOp.calls).as("the no-op trigger is tried once, then skipped").hasValue(1);
    assertThat(gc.calls).hasPositiveValue();
  }

  @Test
  void explainsWhenNoTriggerCanCollect() {
    ForcedCollection collection = new ForcedCollection(List.of(new NoOpTrigger()));
    Object alive = new Object();

    assertThatThrownBy(
            () -> doneAfterSettling(collection, () -> alive == null, Duration.ofMillis(200)))
        .isInstanceOf(CollectionUnavailableException.class)
        .hasMessageContaining("garbage collection cannot be forced in this JVM")
        .hasMessageContaining("a no-op did not collect an unreachable object")
        .hasMessageContaining("Epsilon");
  }

  @Test
  void explainsWhenATriggerIsUnavailable() {
    GcTrigger missing =
        new GcTrigger() {
          @Override
          public String name() {
            return "the GC.run diagnostic command";
          }

          @Override
          public void trigger() {
            throw new UnsupportedOperationException("no DiagnosticCommand MBean");
          }
        };
    ForcedCollection collection = new ForcedCollection(List.of(new NoOpTrigger(), missing));
    Object alive = new Object();

    assertThatThrownBy(
            () -> doneAfterSettling(collection, () -> alive == null, Duration.ofMillis(200)))
        .isInstanceOf(CollectionUnavailableException.class)
        .hasMessageContaining(
            "the GC.run diagnostic command is not available: no DiagnosticCommand MBean");
  }

  @Test
  void diagnosticCommandCollectsInThisJvm() {
    PhantomReference<Object> ref = new PhantomReference<>(new Object(), new ReferenceQueue<>());

    boolean done =
        doneAfterSettling(
            new ForcedCollection(List.of(new DiagnosticCommandGc())),
            () -> ref.refersTo(null),
            Duration.ofSeconds(5));

    assertThat(done).isTrue();
  }

  /** Collects until the condition holds or collection settles, as the check after a test does. */
  private static boolean doneAfterSettling(
      ForcedCollection collection, BooleanSupplier condition, Duration timeout) {
    return collection.collect(condition, timeout, ForcedCollection.Wait.UNTIL_SETTLED).done();
  }
}
