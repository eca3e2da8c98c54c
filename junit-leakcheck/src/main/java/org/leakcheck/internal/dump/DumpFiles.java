package org.leakcheck.internal.dump;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.config.Configuration.KeepDumps;
import org.leakcheck.internal.config.ReportLocations;

/**
 * The heap dump files: where they go ({@code <reportsDir>/<test class>/<test>.hprof}, owner-only),
 * the free-space check before writing one, which are kept, and their deletion.
 *
 * <p>A dump shared by a batch is written where its first member asked; every other member that
 * keeps it gets it under its own name in its own reports directory, as a hard link (no extra disk)
 * or, where the file system cannot link (another file store), a copy. A member whose link and copy
 * both fail is told the first member's path instead, and that file is kept.
 */
final class DumpFiles {

  /** Free disk space wanted beyond the estimated dump size. */
  private static final long DISK_MARGIN = 64L << 20;

  private DumpFiles() {}

  /**
   * Whether a test with this policy keeps the dump.
   *
   * @param decided whether the analysis gave verdicts (otherwise it failed or timed out)
   * @param leaked whether this test's own verdicts found a leak
   */
  static boolean keeps(KeepDumps policy, boolean decided, boolean leaked) {
    if (!decided) {
      return policy != KeepDumps.NEVER; // undecided: the dump is what is left to look at
    }
    return policy == KeepDumps.ALWAYS || (leaked && policy == KeepDumps.ON_FAILURE);
  }

  /**
   * A new dump file's path in an owner-only directory; the file itself does not exist yet. It is
   * deleted if the JVM exits before {@link #settled(Path)}.
   */
  static Path newDumpFile(Path reportsDir, String testClass, String testName) throws IOException {
    Path directory = ReportLocations.ownerOnlyClassDirectory(reportsDir, testClass);
    String base = ReportLocations.fileName(testName);
    for (int i = 0; ; i++) {
      Path candidate = directory.resolve(i == 0 ? base + ".hprof" : base + "-" + i + ".hprof");
      if (!Files.exists(candidate)) {
        PendingDumps.add(candidate); // a JVM that exits mid-analysis leaves nothing behind
        return candidate;
      }
    }
  }

  /** The file's fate is decided (deleted, or kept on purpose): not the exit hook's business. */
  static void settled(Path dump) {
    PendingDumps.remove(dump);
  }

  /**
   * Writes the dump, owner-only.
   *
   * @return the failed outcome saying why it could not be written, or {@code null}
   */
  static Outcome write(HeapDumper dumper, Path dump) {
    long needed = estimatedDumpSize() + DISK_MARGIN;
    try {
      long free = Files.getFileStore(dump.getParent()).getUsableSpace();
      if (free < needed) {
        return Outcome.failed(
            NoVerdict.NO_DISK_SPACE,
            "not enough free disk space for the heap dump in "
                + dump.getParent()
                + ": about "
                + (needed >> 20)
                + " MB needed, "
                + (free >> 20)
                + " MB free",
            null);
      }
    } catch (IOException e) {
      // The store cannot be asked; the dump itself will tell.
    }
    try {
      dumper.dump(dump);
      ReportLocations.restrictToOwner(dump, "rw-------");
      return null;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dump);
      return Outcome.failed(
          noSpace(e) ? NoVerdict.NO_DISK_SPACE : NoVerdict.DUMP_NOT_WRITTEN,
          "the heap dump could not be written to " + dump + ": " + oneLine(e),
          null);
    }
  }

  /** Whether a write failed for lack of space (the OS's ENOSPC text, as Java passes it on). */
  private static boolean noSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The shared dump under another test's name, in its reports directory: a hard link, or a copy.
   *
   * @return the new file, or {@code null} when neither could be made
   */
  static Path keepAlsoFor(Path dump, Submission member) {
    Path own = null;
    try {
      own = newDumpFile(member.settings().reportsDir(), member.testClass(), member.testName());
      try {
        Files.createLink(own, dump);
      } catch (IOException | UnsupportedOperationException e) {
        Files.copy(dump, own);
        ReportLocations.restrictToOwner(own, "rw-------");
      }
      return own;
    } catch (IOException | RuntimeException e) {
      if (own != null) {
        deleteQuietly(own);
      }
      return null;
    } finally {
      if (own != null) {
        settled(own);
      }
    }
  }

  /** The heap in use now: a live dump is at most about this big. */
  private static long estimatedDumpSize() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Reported nowhere: the file is owner-only, and the exit hook of PendingDumps tries again.
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
