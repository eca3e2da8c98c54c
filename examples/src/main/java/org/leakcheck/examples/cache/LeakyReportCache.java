package org.leakcheck.examples.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * LEAKS: an unbounded cache in a static field.
 *
 * <p>Every report ever computed stays in {@link #CACHE}: a static field is a GC root, so everything
 * it reaches lives as long as the class (for an application class: as long as the JVM). A cache
 * without a size limit, an expiry or an eviction policy is a memory leak with a good excuse.
 *
 * @see BoundedCache the fix
 */
public final class LeakyReportCache {

  private static final Map<String, Report> CACHE = new ConcurrentHashMap<>();

  private LeakyReportCache() {}

  /**
   * Returns the cached report, computing it on the first request.
   *
   * @param id the report id
   * @param render computes the report
   * @return the report
   */
  public static Report report(String id, Function<String, Report> render) {
    return CACHE.computeIfAbsent(id, render);
  }
}
