package org.leakcheck.examples.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LEAKS: a global registry of every open connection, "so that they can all be closed on shutdown",
 * that nothing ever removes from.
 *
 * <p>A static collection is a GC root that lives as long as the JVM. Registering is easy to
 * remember; deregistering must happen on every path where a connection stops being used, and
 * closing it is not one of them here. Every connection ever opened stays reachable.
 *
 * @see ConnectionRegistry the fix
 */
public final class LeakyConnectionRegistry {

  private static final Set<Connection> OPEN = ConcurrentHashMap.newKeySet();

  private LeakyConnectionRegistry() {}

  /**
   * Opens and registers a connection.
   *
   * @param url where to
   * @return the connection
   */
  public static Connection open(String url) {
    Connection connection = new Connection(url);
    OPEN.add(connection);
    return connection;
  }

  /** Closes every connection opened so far: the reason the registry exists. */
  public static void closeAll() {
    OPEN.forEach(Connection::close);
  }
}
