package org.leakcheck.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakCheck.Mode;

/**
 * The run-wide settings, parsed once from configuration parameters into an immutable value; the
 * keys, their defaults and their parsers are the table in {@link Keys}. A bad value is an error
 * naming the key, wherever it was set; an unknown {@code leakcheck.*} key is an error when given as
 * a JUnit configuration parameter and a warning when it is only a system property (see {@link
 * PresentKeys}).
 */
public final class Configuration {

  /** The prefix of every key of ours. */
  public static final String PREFIX = "leakcheck.";

  /**
   * The test infrastructure, whose statics, stack frames and thread-local values do not make a leak
   * (DESIGN §3.2); {@code leakcheck.frameworkPackages} adds to it. Class name prefixes.
   */
  public static final List<String> DEFAULT_FRAMEWORK_PACKAGES =
      List.of(
          // JUnit: Jupiter, the Platform and its launcher, Vintage, the test kit.
          "org.junit.",
          // Maven Surefire and Failsafe: the forked JVM's booter (ForkedBooter) and the JUnit
          // Platform provider (org.apache.maven.surefire.junitplatform), shared by both plugins.
          "org.apache.maven.surefire.",
          // Gradle's test worker: its main class is worker.org.gradle.process.internal.worker
          // .GradleWorkerMain, the rest (test class processor, JUnit Platform bridge) org.gradle.
          "org.gradle.",
          "worker.org.gradle.",
          // IntelliJ IDEA: JUnitStarter and its helpers (com.intellij.rt.junit,
          // com.intellij.rt.execution.junit) and one runner package per JUnit generation.
          "com.intellij.rt.",
          "com.intellij.junit3.",
          "com.intellij.junit4.",
          "com.intellij.junit5.",
          "com.intellij.junit6.",
          // Eclipse JDT: RemoteTestRunner (org.eclipse.jdt.internal.junit.runner) and the loaders
          // of each JUnit generation.
          "org.eclipse.jdt.internal.junit.",
          "org.eclipse.jdt.internal.junit4.",
          "org.eclipse.jdt.internal.junit5.",
          "org.eclipse.jdt.internal.junit6.",
          // Mockito keeps a record of every call on a mock (arguments included) in statics and
          // thread-locals until the mock is garbage or the thread's next interaction with it.
          "org.mockito.",
          // Spring's TestContext framework: the context cache keeps application contexts (and
          // their beans) for later test classes, and TestContextManager holds the test instance.
          "org.springframework.test.");

  /** Which heap dumps are kept after analysis. */
  public enum KeepDumps {
    /** None. */
    NEVER,
    /** Those that showed a leak. */
    ON_FAILURE,
    /** All. */
    ALWAYS
  }

  /** What happens to a test whose survivors could not be decided leaked or not. */
  public enum Undecided {
    /** The test fails, saying why it could not be decided. */
    FAIL,
    /** The test is aborted, saying why. */
    ABORT
  }

  /** The value of each key of {@link Keys#ALL}; {@code null} values allowed. */
  private final Map<Key<?>, Object> values;

  private final List<String> frameworkPackages;

  private Configuration(Map<Key<?>, Object> values) {
    this.values = values;
    Set<String> packages = new LinkedHashSet<>(DEFAULT_FRAMEWORK_PACKAGES);
    packages.addAll(get(Keys.FRAMEWORK_PACKAGES));
    this.frameworkPackages = List.copyOf(packages);
  }

  /**
   * Reads the configuration, all of whose keys were given as configuration parameters (a map given
   * to {@code LeakChecks.newTracker}, a test's).
   *
   * @param parameters the values
   * @param presentKeys the keys that are set, checked for typos
   * @return the configuration
   * @throws ConfigurationException naming the key of the first bad value or unknown key
   */
  public static Configuration from(
      Function<String, Optional<String>> parameters, Set<String> presentKeys) {
    return from(parameters, PresentKeys.parameters(presentKeys), Warnings.STANDARD_ERROR);
  }

  /**
   * Reads the configuration.
   *
   * @param parameters the configuration parameter source (JUnit's, or system properties)
   * @param presentKeys the {@code leakcheck.*} keys that are set, and where
   * @param warnings where an unknown key set only as a system property is reported
   * @return the configuration
   * @throws ConfigurationException naming the key of the first bad value, or of an unknown key
   *     given as a configuration parameter
   */
  public static Configuration from(
      Function<String, Optional<String>> parameters, PresentKeys presentKeys, Warnings warnings) {
    for (String key : new TreeSet<>(presentKeys.parameters())) {
      if (key.startsWith(PREFIX) && !Keys.isKnown(key)) {
        throw new ConfigurationException(
            key,
            "unknown configuration parameter '"
                + key
                + "'; did you mean '"
                + Keys.nearest(key)
                + "'? Known keys: "
                + new TreeSet<>(Keys.NAMES));
      }
    }
    for (String key : new TreeSet<>(presentKeys.systemPropertiesOnly())) {
      if (key.startsWith(PREFIX) && !Keys.isKnown(key)) {
        warnings.warnOnce(key, unknownSystemProperty(key));
      }
    }
    Map<Key<?>, Object> values = new HashMap<>();
    for (Key<?> key : Keys.ALL) {
      Optional<String> text = parameters.apply(key.name());
      values.put(key, text.isPresent() ? key.parse(text.get()) : key.defaultValue());
    }
    return new Configuration(values);
  }

  /** The warning for an unknown {@code leakcheck.*} key set only as a system property. */
  static String unknownSystemProperty(String key) {
    return "[leakcheck] warning: ignoring system property '"
        + key
        + "': not a leakcheck configuration key (the nearest is '"
        + Keys.nearest(key)
        + "'). System properties are shared with the build (-D"
        + key
        + "=… may be a Maven property), so this is not an error; as a JUnit configuration"
        + " parameter it would be.";
  }

  /**
   * The {@code leakcheck.*} keys that are set, and where: system properties; configuration
   * parameters of a {@code junit-platform.properties} file on the class path, and those given to
   * the JUnit launcher of the running test plan (which are told apart from system properties that
   * the launcher merely falls back to: see {@link LauncherKeys}).
   *
   * @param loader the class loader whose {@code junit-platform.properties} files are read
   * @return the keys
   */
  public static PresentKeys discoverKeys(ClassLoader loader) {
    Set<String> parameters = new TreeSet<>();
    try {
      parameters.addAll(LauncherKeys.current());
    } catch (LinkageError e) {
      // No JUnit launcher on the class path (a stand-alone check from a main): nothing to add.
    }
    try {
      Enumeration<URL> files = loader.getResources("junit-platform.properties");
      while (files.hasMoreElements()) {
        Properties properties = new Properties();
        try (InputStream in = files.nextElement().openStream()) {
          properties.load(in);
        }
        parameters.addAll(ours(properties.stringPropertyNames()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read junit-platform.properties", e);
    }
    return PresentKeys.of(parameters, ours(System.getProperties().stringPropertyNames()));
  }

  /** The {@code leakcheck.*} keys among {@code keys}. */
  static Set<String> ours(Set<String> keys) {
    Set<String> ours = new TreeSet<>();
    for (String key : keys) {
      if (key.startsWith(PREFIX)) {
        ours.add(key);
      }
    }
    return ours;
  }

  /**
   * Parses {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h} or an ISO-8601 duration such as {@code
   * PT2S}; must be positive.
   *
   * @param key what the value was given for, named in the error
   * @param value the text
   * @return the duration
   * @throws ConfigurationException naming the key
   */
  public static Duration parseDuration(String key, String value) {
    return Values.parseDuration(key, value);
  }

  private <T> T get(Key<T> key) {
    @SuppressWarnings("unchecked")
    T value = (T) values.get(key);
    return value;
  }

  /**
   * How long, at most, to wait for the tracked objects to be collected.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return get(Keys.TIMEOUT);
  }

  /**
   * What happens when a leak is found: {@link LeakCheck.Mode#FAIL} or {@link
   * LeakCheck.Mode#REPORT_ONLY}, never {@link LeakCheck.Mode#DEFAULT}.
   *
   * @return the mode
   */
  public Mode mode() {
    return get(Keys.MODE);
  }

  /**
   * Whether survivors are analysed in a heap dump.
   *
   * @return whether to compute retaining paths
   */
  public boolean retainingPath() {
    return get(Keys.RETAINING_PATH);
  }

  /**
   * Where heap dumps and JSON reports go.
   *
   * @return the directory
   */
  public Path reportsDir() {
    return get(Keys.REPORTS_DIR);
  }

  /**
   * Which heap dumps are kept.
   *
   * @return the policy
   */
  public KeepDumps keepDumps() {
    return get(Keys.KEEP_DUMPS);
  }

  /**
   * The longest time the analysis may take.
   *
   * @return the timeout
   */
  public Duration analysisTimeout() {
    return get(Keys.ANALYSIS_TIMEOUT);
  }

  /**
   * The analyser JVM's -Xmx value.
   *
   * @return the value, or {@code null} to choose it from the dump's size
   */
  public String analysisMaxHeap() {
    return get(Keys.ANALYSIS_MAX_HEAP);
  }

  /**
   * What happens to a test whose survivors could not be decided leaked or not.
   *
   * @return the policy
   */
  public Undecided undecided() {
    return get(Keys.UNDECIDED);
  }

  /**
   * Whether a test that failed on its own is checked too.
   *
   * @return whether to check failed tests
   */
  public boolean checkFailedTests() {
    return get(Keys.CHECK_FAILED_TESTS);
  }

  /**
   * The class name prefixes of the test infrastructure: {@link #DEFAULT_FRAMEWORK_PACKAGES}, then
   * those of {@code leakcheck.frameworkPackages}, without repeats.
   *
   * @return the prefixes, immutable
   */
  public List<String> frameworkPackages() {
    return frameworkPackages;
  }

  /**
   * A copy with the given values where they are present (a test's {@code @LeakCheck} attributes).
   *
   * @param timeout replaces {@link #timeout()}
   * @param mode replaces {@link #mode()}
   * @return the copy
   */
  public Configuration with(Optional<Duration> timeout, Optional<Mode> mode) {
    if (mode.isPresent() && mode.get() == Mode.DEFAULT) {
      throw new IllegalArgumentException("Mode.DEFAULT is not a mode: leave it out");
    }
    Map<Key<?>, Object> copy = new HashMap<>(values);
    timeout.ifPresent(t -> copy.put(Keys.TIMEOUT, t));
    mode.ifPresent(m -> copy.put(Keys.MODE, m));
    return new Configuration(copy);
  }

  @Override
  public String toString() {
    List<String> entries = new ArrayList<>();
    for (Key<?> key : Keys.ALL) {
      entries.add(key.name() + "=" + values.get(key));
    }
    return "Configuration" + entries;
  }
}
