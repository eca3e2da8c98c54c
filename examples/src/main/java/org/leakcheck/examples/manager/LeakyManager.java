package org.leakcheck.examples.manager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LEAKS: keeps every worker it ever created.
 *
 * <p>The manager indexes its workers twice: by name, for look-ups, and in a list, in creation
 * order, for reports. {@link #removeWorker(String)} forgets the worker in the map but not in the
 * list, so a removed worker stays strongly reachable for as long as the manager lives, which in an
 * application is usually as long as the application. Nothing fails and nothing is slow: the heap
 * just grows by one worker (and whatever it references) per add/remove.
 *
 * @see Manager the fix: removal from every index
 * @see WeakManager the other fix: the manager does not decide the workers' lifetime at all
 */
public final class LeakyManager {

  private final Map<String, Worker> byName = new HashMap<>();
  private final List<Worker> inCreationOrder = new ArrayList<>();

  /** Creates an empty manager. */
  public LeakyManager() {}

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
   * Removes a worker... from the map only: the bug.
   *
   * @param name its name
   */
  public synchronized void removeWorker(String name) {
    byName.remove(name);
  }
}
