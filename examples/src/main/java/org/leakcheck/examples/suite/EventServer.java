package org.leakcheck.examples.suite;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application server that keeps its subscribers while it runs: every running server is in a
 * static set, so a subscriber of a server nobody stopped is never collected. Stopping it releases
 * them.
 */
public final class EventServer {

  private static final Set<EventServer> RUNNING = ConcurrentHashMap.newKeySet();

  private final List<Object> subscribers = new CopyOnWriteArrayList<>();

  private EventServer() {}

  /**
   * Starts a server.
   *
   * @return the running server
   */
  public static EventServer start() {
    EventServer server = new EventServer();
    RUNNING.add(server);
    return server;
  }

  /**
   * Subscribes to the server's events until the server stops.
   *
   * @param subscriber who listens
   */
  public void subscribe(Object subscriber) {
    subscribers.add(subscriber);
  }

  /** Stops the server and forgets its subscribers. */
  public void stop() {
    RUNNING.remove(this);
    subscribers.clear();
  }

  /**
   * Whether the server runs.
   *
   * @return true until {@link #stop()}
   */
  public boolean isRunning() {
    return RUNNING.contains(this);
  }
}
