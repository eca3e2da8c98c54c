package org.leakcheck.examples.cache;

/** An expensive-to-compute value worth caching: a rendered report. */
public final class Report {

  private final String id;
  private final byte[] rendered;

  /**
   * Creates a report.
   *
   * @param id its id
   * @param size the size of its rendered form, in bytes
   */
  public Report(String id, int size) {
    this.id = id;
    this.rendered = new byte[size];
  }

  /**
   * @return its id
   */
  public String id() {
    return id;
  }

  /**
   * @return the size of its rendered form
   */
  public int size() {
    return rendered.length;
  }
}
