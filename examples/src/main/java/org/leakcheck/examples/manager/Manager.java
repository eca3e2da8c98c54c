package org.leakcheck.examples.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * FIXED by explicit removal: {@link #removeWorker(String)} removes the worker from every place the
 * manager keeps it. The rule for any object with a registration method: every index written in
 * {@code add} is cleaned in {@code remove}.
 *
 * @see LeakyManager the leaky version
 */
public final class Manager {

  private final Map<String, Worker> byName = new HashMap<>();
  private final List<Worker> inCreationOrder = new ArrayList<>();

  /** Creates an empty manager. */
  public Manager() {}

  /**
   * Creates and registers a worker.
   *
   * @param name its name, unique in this manager
   * @return the new worker
   */
  public synchronized Worker addWorker(String name) {
    Worker worker = new Worker(name);
    byName.put(name, worker);
    inCreationOrder.add(worker);
    return worker;
  }

  /**
   * Looks a worker up.
   *
   * @param name its name
   * @return the worker, or {@code null}
   */
  public synchronized Worker worker(String name) {
    return byName.get(name);
  }

  /**
   * Removes a worker from the map and from the list.
   *
   * @param name its name
   */
  public synchronized void removeWorker(String name) {
    Worker worker = byName.remove(name);
    if (worker != null) {
      inCreationOrder.remove(worker);
    }
  }
}
