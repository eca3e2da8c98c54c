package org.leakcheck.examples.cache;

/** A user session: the key of a per-session cache. Identity equality, as for most objects. */
public final class Session {

  private final String user;

  /**
   * Creates a session.
   *
   * @param user the user it belongs to
   */
  public Session(String user) {
    this.user = user;
  }

  /**
   * @return the user
   */
  public String user() {
    return user;
  }
}
