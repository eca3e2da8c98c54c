package org.leakcheck.examples.cycles;

/** An employee, who knows their department (the back edge of the cycle). */
public final class Employee {

  private final String name;
  private final Department department;

  Employee(String name, Department department) {
    this.name = name;
    this.department = department;
  }

  /**
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * @return the department, which refers back to this employee
   */
  public Department department() {
    return department;
  }
}
