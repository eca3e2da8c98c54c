package org.leakcheck.examples.cache;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * LEAKS although it uses a {@link WeakHashMap}: the value refers to its key.
 *
 * <p>A {@code WeakHashMap} holds its keys weakly but its values strongly. Here each value (an
 * {@link Attributes}) keeps a reference to its session, so the map itself, through the value, keeps
 * the key strongly reachable: the weak key is never cleared and the entry never goes away. The
 * {@code WeakHashMap} Javadoc warns about exactly this ("value objects do not strongly refer to
 * their own keys").
 *
 * @see SessionAttributes the fix
 */
public final class LeakySessionAttributes {

  private static final Map<Session, Attributes> ATTRIBUTES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private LeakySessionAttributes() {}

  /** What is stored per session; knows its session: the bug. */
  public static final class Attributes {
    final Session session;
    String theme = "light";

    Attributes(Session session) {
      this.session = session;
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
    return ATTRIBUTES.computeIfAbsent(session, Attributes::new);
  }
}
