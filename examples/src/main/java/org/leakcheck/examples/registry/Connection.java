package org.leakcheck.examples.registry;

/** A connection the application opens, uses and drops. Identity equality. */
public final class Connection implements AutoCloseable {

  private final String url;
  private volatile boolean open = true;

  /**
   * Opens a connection.
   *
   * @param url where to
   */
  public Connection(String url) {
    this.url = url;
  }

  /**
   * @return where it goes
   */
  public String url() {
    return url;
  }

  /**
   * @return whether it is open
   */
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
