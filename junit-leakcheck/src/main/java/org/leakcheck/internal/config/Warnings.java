package org.leakcheck.internal.config;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Configuration warnings, each given once: an unknown {@code leakcheck.*} system property is
 * reported the first time a configuration is read, not for every test class or run.
 */
public final class Warnings {

  /**
   * The JVM's warnings, on standard error (which Surefire, Gradle and IDEs show with the test's
   * output); each key is warned about once per JVM (per copy of the library).
   */
  public static final Warnings STANDARD_ERROR = new Warnings(line -> System.err.println(line));

  private final Set<String> given = ConcurrentHashMap.newKeySet();
  private final Consumer<String> out;

  /**
   * Warnings written to {@code out}.
   *
   * @param out receives each warning once, as one line
   */
  public Warnings(Consumer<String> out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Gives a warning unless one was given for the same subject already.
   *
   * @param subject what the warning is about, such as the key
   * @param message the warning
   */
  void warnOnce(String subject, String message) {
    if (given.add(subject)) {
      out.accept(message);
    }
  }
}
