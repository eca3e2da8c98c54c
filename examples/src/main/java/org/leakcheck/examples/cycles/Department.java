package org.leakcheck.examples.cycles;

import java.util.ArrayList;
import java.util.List;

/**
 * A department and its employees refer to each other: a reference cycle, and NOT a leak.
 *
 * <p>Java's collectors trace: starting from the GC roots (static fields, live threads' stacks…)
 * they mark what is reachable and reclaim everything else. A cycle that no root reaches is
 * reclaimed as a whole, however its members point at each other. Reference counting (CPython's
 * first line of defence, {@code std::shared_ptr}, Swift's ARC) is what cannot free a cycle on its
 * own; that is where "break your cycles with weak references" advice comes from, and it does not
 * apply to Java.
 */
public final class Department {

  private final String name;
  private final List<Employee> employees = new ArrayList<>();

  /**
   * Creates a department.
   *
   * @param name its name
   */
  public Department(String name) {
    this.name = name;
  }

  /**
   * Hires an employee: the department refers to the employee, the employee to the department.
   *
   * @param employeeName the employee's name
   * @return the new employee
   */
  public Employee hire(String employeeName) {
    Employee employee = new Employee(employeeName, this);
    employees.add(employee);
    return employee;
  }

  /**
   * @return its name
   */
  public String name() {
    return name;
  }

  /**
   * @return its employees
   */
  public List<Employee> employees() {
    return List.copyOf(employees);
  }
}
