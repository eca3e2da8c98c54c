package org.leakcheck.internal.planted;

import java.security.SecureRandom;

/**
 * The identity of this copy of the library in its JVM. Two copies (two class loaders: Quarkus,
 * isolated test runners, a plugin) each number their tracked objects and checks from 1; every
 * {@link TrackedReference} and {@link HeapMarker} also carries {@link #ID}, and the analysis of a
 * heap dump takes only the instances of the copy that asked.
 */
public final class LibraryCopy {

  /**
   * A random 64-bit number drawn once when this copy's class is initialised; never 0 (0 is what the
   * analysis reads from the instances of a library version without this field).
   */
  public static final long ID = draw();

  private LibraryCopy() {}

  private static long draw() {
    SecureRandom random = new SecureRandom();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }
}
