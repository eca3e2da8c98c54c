package org.leakcheck.examples.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/**
 * Two objects that refer to each other are not a leak in Java: the collector traces from the GC
 * roots and frees an unreachable cycle as a whole. These tests would fail with a {@code
 * LeakDetectedError} if a cycle could keep itself alive.
 */
@LeakCheck
class CircularReferencesTests {

  @Test
  void departmentAndEmployeesReferringToEachOtherAreCollectable(LeakTracker leaks) {
    Department sales = leaks.track(new Department("Sales"), "Sales");
    Employee alice = leaks.track(sales.hire("Alice"), "Alice");
    leaks.track(sales.hire("Bob"), "Bob");

    assertThat(alice.department()).isSameAs(sales);
    assertThat(sales.employees()).contains(alice);
  } // nothing outside the cycle refers to it: all three are garbage

  @Test
  void longCycleIsCollectable(LeakTracker leaks) {
    Department first = new Department("first");
    Department current = first;
    for (int i = 0; i < 1_000; i++) {
      current = current.hire("employee " + i).department(); // same department: a fan of 2-cycles
    }
    leaks.track(first, "department with 1000 employees");
  }
}
