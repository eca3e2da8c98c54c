package org.leakcheck.internal.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a test's reports go: {@code <reportsDir>/<test class>/<test>.json} and {@code .hprof}, with
 * names made safe for any file system.
 */
public final class ReportLocations {

  private ReportLocations() {}

  /** The directory of one test class's reports. */
  public static Path classDirectory(Path reportsDir, String testClass) {
    return reportsDir.resolve(fileName(testClass));
  }

  /**
   * Creates (if need be) the directory of one test class's reports, owner-only ({@code rwx------}
   * where the file system has POSIX permissions): its dumps and JSON reports hold what the heap
   * held.
   *
   * @throws IOException if it cannot be created, or exists and is not a directory
   */
  public static Path ownerOnlyClassDirectory(Path reportsDir, String testClass) throws IOException {
    Path directory = classDirectory(reportsDir, testClass);
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(directory + " exists and is not a directory", e);
    }
    restrictToOwner(directory, "rwx------");
    return directory;
  }

  /**
   * Sets POSIX permissions such as {@code rw-------}; does nothing on a file system without them
   * (Windows, whose default ACLs apply).
   */
  public static void restrictToOwner(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system.
    }
  }

  /** {@code name} with every run of characters other than letters, digits, '.', '_', '-' as '_'. */
  public static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 120) {
      safe = safe.substring(0, 120);
    }
    return safe.isEmpty() ? "test" : safe;
  }
}
