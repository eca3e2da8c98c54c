package org.leakcheck.internal.config;

import java.nio.file.Path;

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

  /** {@code name} with every run of characters other than letters, digits, '.', '_', '-' as '_'. */
  public static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 120) {
      safe = safe.substring(0, 120);
    }
    return safe.isEmpty() ? "test" : safe;
  }
}
