package org.leakcheck.examples.manager;

/** Something a manager hands out and the caller uses for a while: a worker with a name. */
public final class Worker {

  private final String name;

  /**
   * Creates a worker.
   *
   * @param name its name
   */
  public Worker(String name) {
    this.name = name;
  }

  /**
   * @return its name
   */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "Worker " + name;
  }
}
