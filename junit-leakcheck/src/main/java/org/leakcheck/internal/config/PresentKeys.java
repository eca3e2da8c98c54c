package org.leakcheck.internal.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code leakcheck.*} keys that are set, by where they were set, which decides what an unknown
 * key is: given as a JUnit configuration parameter (a {@code junit-platform.properties} file, the
 * launcher's parameters: Surefire's {@code configurationParameters}, an IDE's, the test kit's) it
 * is a mistake and an error; set only as a system property it is a warning, since system properties
 * are a namespace shared with the build ({@code -Dleakcheck.version=…} for a Maven property reaches
 * the test JVM too).
 */
public final class PresentKeys {

  private final Set<String> parameters;
  private final Set<String> systemPropertiesOnly;

  private PresentKeys(Set<String> parameters, Set<String> systemProperties) {
    this.parameters = Set.copyOf(parameters);
    Set<String> only = new TreeSet<>(systemProperties);
    only.removeAll(parameters);
    this.systemPropertiesOnly = Set.copyOf(only);
  }

  /**
   * Keys given as JUnit configuration parameters, and keys set only as system properties.
   *
   * @param parameters keys given as configuration parameters (not merely seen through the
   *     launcher's fallback to system properties)
   * @param systemProperties keys set as system properties; those also in {@code parameters} count
   *     as parameters
   * @return the keys
   */
  public static PresentKeys of(Set<String> parameters, Set<String> systemProperties) {
    return new PresentKeys(parameters, systemProperties);
  }

  /**
   * Keys that are all given as configuration parameters.
   *
   * @param parameters the keys
   * @return the keys
   */
  public static PresentKeys parameters(Set<String> parameters) {
    return new PresentKeys(parameters, Set.of());
  }

  /**
   * The keys given as configuration parameters.
   *
   * @return the keys
   */
  public Set<String> parameters() {
    return parameters;
  }

  /**
   * The keys set only as system properties.
   *
   * @return the keys
   */
  public Set<String> systemPropertiesOnly() {
    return systemPropertiesOnly;
  }

  @Override
  public String toString() {
    return "parameters "
        + new TreeSet<>(parameters)
        + ", system properties "
        + systemPropertiesOnly;
  }
}
