package org.leakcheck.internal.analysis;

/** A leaked object with a recognisable class, for the analysis tests of every package. */
public final class Worker {
  public final String name;

  public Worker(String name) {
    this.name = name;
  }
}
