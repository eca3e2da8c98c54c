package org.leakcheck.corpus;

/**
 * A class that scenarios load again through a class loader of their own (over the directory or jar
 * this class comes from), to check that a class loader is or is not a leak. Depends on nothing but
 * {@code java.base}, so that its own loader can define it without the test class path.
 */
public final class Plugin {

  /** A static field of the plugin's own copy of this class: dies with its class loader. */
  public static Object held;

  public final byte[] state = new byte[1024];

  public Plugin() {}

  /** Keeps {@code o} in this class's static field. */
  public void hold(Object o) {
    held = o;
  }
}
