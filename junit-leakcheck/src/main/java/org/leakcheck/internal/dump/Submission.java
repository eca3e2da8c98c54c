package org.leakcheck.internal.dump;

import java.util.List;
import java.util.Set;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.config.Configuration;

/**
 * One test's request for analysis: the serials of its surviving tracked objects, its tracked types,
 * the id under which its {@link org.leakcheck.internal.planted.HeapMarker}s were made, and where
 * its reports go.
 */
public final class Submission {

  private final long requestId;
  private final Set<Long> serials;
  private final List<TypeQuery> types;
  private final Configuration settings;
  private final String testClass;
  private final String testName;

  public Submission(
      long requestId,
      Set<Long> serials,
      Configuration settings,
      String testClass,
      String testName) {
    this(requestId, serials, List.of(), settings, testClass, testName);
  }

  public Submission(
      long requestId,
      Set<Long> serials,
      List<TypeQuery> types,
      Configuration settings,
      String testClass,
      String testName) {
    this.requestId = requestId;
    this.serials = Set.copyOf(serials);
    this.types = List.copyOf(types);
    this.settings = settings;
    this.testClass = testClass;
    this.testName = testName;
  }

  public long requestId() {
    return requestId;
  }

  public Set<Long> serials() {
    return serials;
  }

  /** The tracked types whose instances the dump must find. */
  public List<TypeQuery> types() {
    return types;
  }

  public Configuration settings() {
    return settings;
  }

  public String testClass() {
    return testClass;
  }

  public String testName() {
    return testName;
  }
}
