package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leakcheck.LeakCheckTestKit.failures;
import static org.leakcheck.LeakCheckTestKit.onlyFailure;
import static org.leakcheck.LeakCheckTestKit.run;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code trackInstancesOf}: no instance of a type (or a subtype, or arrays of it) may survive the
 * test; what the test instance holds does not count; a type that never reaches zero is refused.
 * Same thread: the fixtures share one static pool, as an application's tests would.
 */
@Execution(ExecutionMode.SAME_THREAD)
class TrackInstancesTests {

  /** A resource of the code under test. */
  interface Resource {}

  /** A connection, abstract: its subclasses count. */
  abstract static class Connection implements Resource {}

  static final class PooledConnection extends Connection {}

  /** Long-lived, as the application's pool. */
  static final List<Object> POOL = new ArrayList<>();

  @AfterEach
  void emptyThePool() {
    POOL.clear();
  }

  @Test
  void instancesLeftInAStaticFailTheTestGroupedByTheirPath() {
    Throwable failure = onlyFailure(run(LeftInThePoolTestCase.class));

    assertThat(failure).isInstanceOf(LeakDetectedError.class);
    LeakDetectedError error = (LeakDetectedError) failure;
    assertThat(error.leakedObjects()).isEmpty();
    assertThat(error.leakedInstances())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.typeName()).isEqualTo(Connection.class.getTypeName());
              assertThat(i.count()).isEqualTo(3);
              assertThat(i.groups())
                  .singleElement()
                  .satisfies(g -> assertThat(g.count()).isEqualTo(3));
              assertThat(i.groups().get(0).classNames())
                  .containsExactly(PooledConnection.class.getName());
              assertThat(i.trackedAt().getFileName()).isEqualTo("TrackInstancesTests.java");
            });
    assertThat(error.getMessage())
        .startsWith(
            "3 instances of "
                + Connection.class.getTypeName()
                + " are still strongly reachable after the test")
        .contains(
            "3 × PooledConnection held by static field "
                + TrackInstancesTests.class.getName()
                + ".POOL → [i]:")
        .contains("<- leaked");
  }

  @Test
  void closedConnectionsPassWithoutADump() {
    run(ClosedTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void anInterfaceCountsItsImplementersAndAnArrayTypeItsArrays() {
    List<Throwable> failures = failures(run(InterfaceAndArrayTestCase.class));

    assertThat(failures)
        .hasSize(2)
        .allSatisfy(f -> assertThat(f).isInstanceOf(LeakDetectedError.class));
    assertThat(failures)
        .extracting(Throwable::getMessage)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "1 instance of " + Resource.class.getTypeName() + " is still strongly"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("1 instance of " + Connection.class.getTypeName() + "[] is still"));
  }

  @Test
  void instancesHeldOnlyByTheTestInstanceAreNotLeaked() {
    run(HeldByTheTestInstanceTestCase.class)
        .testEvents()
        .assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void theAnnotationTracksTheTypeForEveryTestOfTheClass() {
    Throwable failure = onlyFailure(run(AnnotatedTestCase.class));

    assertThat(failure.getMessage())
        .startsWith("1 instance of " + Connection.class.getTypeName())
        .contains("tracked at @LeakCheck(instancesOf) on TrackInstancesTests$AnnotatedTestCase");
  }

  @Test
  void aTypeWhoseInstancesNeverAllGoIsRefusedWithTheReason() {
    List<Throwable> failures = failures(run(RefusedTestCase.class));

    assertThat(failures)
        .hasSize(6)
        .allSatisfy(f -> assertThat(f).isInstanceOf(IllegalArgumentException.class));
    assertThat(failures)
        .extracting(Throwable::getMessage)
        .anySatisfy(m -> assertThat(m).startsWith("trackInstancesOf(null) at TrackInstancesTests"))
        .anySatisfy(m -> assertThat(m).contains("java.time.DayOfWeek is an enum"))
        .anySatisfy(m -> assertThat(m).contains("java.lang.String instances are always live"))
        .anySatisfy(
            m -> assertThat(m).contains("java.lang.Runnable (a supertype of java.lang.Thread)"))
        .anySatisfy(m -> assertThat(m).contains("int is a primitive type"))
        .anySatisfy(m -> assertThat(m).contains("every object is an instance of java.lang.Object"));
  }

  @Test
  void aStandAloneCheckCountsInstancesToo() {
    LeakTracker leaks = LeakChecks.newTracker(Map.of("leakcheck.timeout", "1s"));
    leaks.trackInstancesOf(Connection.class);
    POOL.add(new PooledConnection());

    assertThatThrownBy(() -> LeakChecks.assertCollectable(leaks))
        .isInstanceOf(LeakDetectedError.class)
        .hasMessageContaining("1 instance of " + Connection.class.getTypeName());

    POOL.clear();
    LeakTracker again = LeakChecks.newTracker(Map.of("leakcheck.timeout", "1s"));
    again.trackInstancesOf(Connection.class);
    LeakChecks.assertCollectable(again);
  }

  @LeakCheck
  static class LeftInThePoolTestCase {
    @Test
    void leaves(LeakTracker leaks) {
      leaks.trackInstancesOf(Connection.class);
      for (int i = 0; i < 3; i++) {
        POOL.add(new PooledConnection());
      }
    }
  }

  @LeakCheck
  static class ClosedTestCase {
    @Test
    void closes(LeakTracker leaks) {
      leaks.trackInstancesOf(Connection.class);
      List<Connection> local = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        local.add(new PooledConnection());
      }
      local.clear();
    }
  }

  @LeakCheck
  static class InterfaceAndArrayTestCase {
    @Test
    void anImplementer(LeakTracker leaks) {
      leaks.trackInstancesOf(Resource.class);
      POOL.add(new PooledConnection());
    }

    @Test
    void anArray(LeakTracker leaks) {
      leaks.trackInstancesOf(Connection[].class);
      POOL.add(new PooledConnection[2]);
    }
  }

  @LeakCheck
  static class HeldByTheTestInstanceTestCase {
    Connection held;

    @Test
    void holds(LeakTracker leaks) {
      leaks.trackInstancesOf(Connection.class);
      held = new PooledConnection();
    }
  }

  @LeakCheck(instancesOf = Connection.class)
  static class AnnotatedTestCase {
    @Test
    void leaves() {
      POOL.add(new PooledConnection());
    }
  }

  @LeakCheck
  static class RefusedTestCase {
    @Test
    void nullType(LeakTracker leaks) {
      leaks.trackInstancesOf(null);
    }

    @Test
    void anEnum(LeakTracker leaks) {
      leaks.trackInstancesOf(DayOfWeek.class);
    }

    @Test
    void strings(LeakTracker leaks) {
      leaks.trackInstancesOf(String.class);
    }

    @Test
    void aSupertypeOfThread(LeakTracker leaks) {
      leaks.trackInstancesOf(Runnable.class);
    }

    @Test
    void aPrimitive(LeakTracker leaks) {
      leaks.trackInstancesOf(int.class);
    }

    @Test
    void object(LeakTracker leaks) {
      leaks.trackInstancesOf(Object.class);
    }
  }
}
