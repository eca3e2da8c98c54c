package org.leakcheck.examples.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * FIXED with weak references: the registry knows every connection that is still in use but keeps
 * none of them alive. A connection the application dropped is collected, and disappears from the
 * set ({@link WeakHashMap} expunges cleared keys), without a deregistration call anybody could
 * forget.
 *
 * <p>{@code Collections.newSetFromMap(new WeakHashMap<>())} is the JDK's weak set. It compares with
 * {@code equals}: fine for objects with identity equality, like {@link Connection}.
 *
 * @see LeakyConnectionRegistry the leaky version
 */
public final class ConnectionRegistry {

  private static final Set<Connection> OPEN =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private ConnectionRegistry() {}

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

  /** Closes every connection still in use. */
  public static void closeAll() {
    List<Connection> snapshot;
    synchronized (OPEN) {
      snapshot = new ArrayList<>(OPEN);
    }
    snapshot.forEach(Connection::close);
  }
}
