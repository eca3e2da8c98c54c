package org.leakcheck.examples.cache;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * FIXED: a {@link WeakHashMap} used correctly. The value holds what it needs from the session (the
 * user name), never the session itself, so when the application drops the session the key is only
 * weakly reachable, the collector clears it, and the map expunges the entry on its next use.
 *
 * @see LeakySessionAttributes the leaky version
 */
public final class SessionAttributes {

  private static final Map<Session, Attributes> ATTRIBUTES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SessionAttributes() {}

  /** What is stored per session; no reference to the session. */
  public static final class Attributes {
    final String user;
    String theme = "light";

    Attributes(String user) {
      this.user = user;
    }

    /**
     * @return the theme
     */
    public String theme() {
      return theme;
    }
  }

  /**
   * Returns the attributes of a session, creating them on first use.
   *
   * @param session the session
   * @return its attributes
   */
  public static Attributes of(Session session) {
    return ATTRIBUTES.computeIfAbsent(session, s -> new Attributes(s.user()));
  }
}
