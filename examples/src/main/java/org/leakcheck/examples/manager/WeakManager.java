package org.leakcheck.examples.manager;

/**
 * FIXED by not owning the workers: the manager finds workers by name but keeps them only weakly (a
 * {@link WeakValueRegistry}), so a worker lives exactly as long as the code that uses it holds it.
 * There is no {@code removeWorker} to forget.
 *
 * <p>Use this when the manager is an index, not the owner; when it owns its workers (and must, for
 * example, stop them on shutdown), use explicit removal as in {@link Manager}.
 */
public final class WeakManager {

  private final WeakValueRegistry<String, Worker> byName = new WeakValueRegistry<>();

  /** Creates an empty manager. */
  public WeakManager() {}

  /**
   * Creates and registers a worker; the caller keeps it alive.
   *
   * @param name its name
   * @return the new worker
   */
  public Worker addWorker(String name) {
    Worker worker = new Worker(name);
    byName.put(name, worker);
    return worker;
  }

  /**
   * Looks a worker up.
   *
   * @param name its name
   * @return the worker, or {@code null} when there is none or nobody holds it any more
   */
  public Worker worker(String name) {
    return byName.get(name);
  }

  /**
   * @return how many workers are still alive
   */
  public int size() {
    return byName.size();
  }
}
