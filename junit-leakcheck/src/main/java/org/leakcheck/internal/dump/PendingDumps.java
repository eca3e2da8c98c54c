package org.leakcheck.internal.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dumps being written or analysed, deleted if the JVM exits before their fate is decided. Unlike
 * {@link java.io.File#deleteOnExit()}, which cannot be taken back, a dump kept on purpose ({@code
 * leakcheck.keepDumps}) is removed from here and survives the JVM.
 */
final class PendingDumps {

  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Path dump : PENDING) {
                    try {
                      Files.deleteIfExists(dump);
                    } catch (IOException e) {
                      // Exiting: nobody to tell.
                    }
                  }
                },
                "leakcheck-pending-dumps"));
  }

  private PendingDumps() {}

  static void add(Path dump) {
    PENDING.add(dump);
  }

  static void remove(Path dump) {
    PENDING.remove(dump);
  }
}
