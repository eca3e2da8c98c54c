package org.leakcheck.internal.analysis.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The analyser JVMs running now and their private directories, stopped and deleted by one shutdown
 * hook if this JVM exits while they run ({@code System.exit} in a test, a build tool's fork
 * timeout, Ctrl-C). A {@code kill -9} of this JVM runs no hook: then the child notices by itself
 * (its standard input reaches end of file, see {@link AnalyzerMain}) and deletes its directory.
 */
final class LiveChildren {

  /** How long a child may take to exit after a polite request, at JVM exit. */
  private static final long GRACE_MILLIS = 2000;

  private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
  private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveChildren::stopAll, "leakcheck-analysers"));
  }

  private LiveChildren() {}

  static void add(Path directory) {
    DIRECTORIES.add(directory);
  }

  static void add(Process process) {
    PROCESSES.add(process);
  }

  static void remove(Process process) {
    PROCESSES.remove(process);
  }

  static void remove(Path directory) {
    DIRECTORIES.remove(directory);
  }

  /** Asks every child and its descendants to stop, forces those still alive after a grace. */
  private static void stopAll() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : PROCESSES) {
      try (Stream<ProcessHandle> descendants = p.descendants()) {
        all.addAll(descendants.collect(Collectors.toList()));
      } catch (RuntimeException e) {
        // only the child then
      }
      all.add(p.toHandle());
    }
    for (ProcessHandle h : all) {
      h.destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    for (ProcessHandle h : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          h.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        // forced below
      }
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    for (Path dir : DIRECTORIES) {
      deleteRecursively(dir);
    }
  }

  static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: the directory is private and in the temporary directory
    }
  }
}
