package org.leakcheck.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakcheck.LeakCheck;

/**
 * The run-wide settings, parsed once from configuration parameters into an immutable value. Every
 * bad value and every unknown {@code leakcheck.*} key is an error that names the key.
 */
public final class Configuration {

  /** The prefix of every key of ours. */
  public static final String PREFIX = "leakcheck.";

  /** Every key we read; anything else under {@link #PREFIX} is a mistake worth reporting. */
  static final Set<String> KNOWN_KEYS =
      Set.of(
          LeakCheck.TIMEOUT_KEY,
          LeakCheck.MODE_KEY,
          LeakCheck.RETAINING_PATH_KEY,
          LeakCheck.REPORTS_DIR_KEY,
          LeakCheck.KEEP_DUMPS_KEY,
          LeakCheck.ANALYSIS_TIMEOUT_KEY,
          LeakCheck.ANALYSIS_MAX_HEAP_KEY,
          LeakCheck.UNDECIDED_KEY);

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_ANALYSIS_TIMEOUT = Duration.ofMinutes(2);
  public static final Path DEFAULT_REPORTS_DIR = Paths.get("target", "leakcheck");

  private static final Pattern MAX_HEAP = Pattern.compile("\\d+[kKmMgG]?");

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)", Pattern.CASE_INSENSITIVE);

  /** What happens when a leak is found. */
  public enum Mode {
    FAIL,
    REPORT_ONLY
  }

  /** What happens to a test whose survivors could not be decided leaked or not. */
  public enum Undecided {
    FAIL,
    ABORT
  }

  /** Which heap dumps are kept after analysis. */
  public enum KeepDumps {
    NEVER,
    ON_FAILURE,
    ALWAYS
  }

  private final Duration timeout;
  private final Mode mode;
  private final boolean retainingPath;
  private final Path reportsDir;
  private final KeepDumps keepDumps;
  private final Duration analysisTimeout;
  private final String analysisMaxHeap;
  private final Undecided undecided;

  Configuration(
      Duration timeout,
      Mode mode,
      boolean retainingPath,
      Path reportsDir,
      KeepDumps keepDumps,
      Duration analysisTimeout,
      String analysisMaxHeap,
      Undecided undecided) {
    this.timeout = timeout;
    this.mode = mode;
    this.retainingPath = retainingPath;
    this.reportsDir = reportsDir;
    this.keepDumps = keepDumps;
    this.analysisTimeout = analysisTimeout;
    this.analysisMaxHeap = analysisMaxHeap;
    this.undecided = undecided;
  }

  /**
   * Reads the configuration.
   *
   * @param parameters the configuration parameter source (JUnit's, or system properties)
   * @param presentKeys the {@code leakcheck.*} keys known to be set, checked for typos
   * @throws ConfigurationException naming the key of the first bad value or unknown key
   */
  public static Configuration from(
      Function<String, Optional<String>> parameters, Set<String> presentKeys) {
    for (String key : presentKeys) {
      if (key.startsWith(PREFIX) && !KNOWN_KEYS.contains(key)) {
        throw new ConfigurationException(
            key,
            "unknown configuration parameter '"
                + key
                + "'; known keys: "
                + new TreeSet<>(KNOWN_KEYS));
      }
    }
    Duration timeout =
        parameters
            .apply(LeakCheck.TIMEOUT_KEY)
            .map(v -> parseDuration(LeakCheck.TIMEOUT_KEY, v))
            .orElse(DEFAULT_TIMEOUT);
    Mode mode =
        parameters
            .apply(LeakCheck.MODE_KEY)
            .map(v -> parseMode(LeakCheck.MODE_KEY, v))
            .orElse(Mode.FAIL);
    boolean retainingPath =
        parameters
            .apply(LeakCheck.RETAINING_PATH_KEY)
            .map(v -> parseBoolean(LeakCheck.RETAINING_PATH_KEY, v))
            .orElse(true);
    Path reportsDir =
        parameters
            .apply(LeakCheck.REPORTS_DIR_KEY)
            .map(v -> parsePath(LeakCheck.REPORTS_DIR_KEY, v))
            .orElse(DEFAULT_REPORTS_DIR);
    KeepDumps keepDumps =
        parameters
            .apply(LeakCheck.KEEP_DUMPS_KEY)
            .map(v -> parseKeepDumps(LeakCheck.KEEP_DUMPS_KEY, v))
            .orElse(KeepDumps.NEVER);
    Duration analysisTimeout =
        parameters
            .apply(LeakCheck.ANALYSIS_TIMEOUT_KEY)
            .map(v -> parseDuration(LeakCheck.ANALYSIS_TIMEOUT_KEY, v))
            .orElse(DEFAULT_ANALYSIS_TIMEOUT);
    String maxHeap =
        parameters
            .apply(LeakCheck.ANALYSIS_MAX_HEAP_KEY)
            .map(v -> parseMaxHeap(LeakCheck.ANALYSIS_MAX_HEAP_KEY, v))
            .orElse(null);
    Undecided undecided =
        parameters
            .apply(LeakCheck.UNDECIDED_KEY)
            .map(v -> parseUndecided(LeakCheck.UNDECIDED_KEY, v))
            .orElse(Undecided.FAIL);
    return new Configuration(
        timeout, mode, retainingPath, reportsDir, keepDumps, analysisTimeout, maxHeap, undecided);
  }

  static boolean parseBoolean(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new ConfigurationException(
            key, "'" + value + "' is not a boolean for " + key + "; use 'true' or 'false'");
    }
  }

  static Path parsePath(String key, String value) {
    if (value.isBlank()) {
      throw new ConfigurationException(key, "the directory for " + key + " must not be blank");
    }
    try {
      return Paths.get(value.trim());
    } catch (InvalidPathException e) {
      throw new ConfigurationException(
          key, "'" + value + "' is not a path for " + key + ": " + e.getReason());
    }
  }

  static KeepDumps parseKeepDumps(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "never":
        return KeepDumps.NEVER;
      case "on-failure":
      case "on_failure":
        return KeepDumps.ON_FAILURE;
      case "always":
        return KeepDumps.ALWAYS;
      default:
        throw new ConfigurationException(
            key,
            "'"
                + value
                + "' is not a value for "
                + key
                + "; use 'never', 'on-failure' or 'always'");
    }
  }

  static String parseMaxHeap(String key, String value) {
    String text = value.trim();
    if (!MAX_HEAP.matcher(text).matches()) {
      throw new ConfigurationException(
          key,
          "'" + value + "' is not a heap size for " + key + "; use a size as for -Xmx: 512m, 2g");
    }
    return text;
  }

  /**
   * The {@code leakcheck.*} keys set as system properties, in a {@code junit-platform.properties}
   * file on the class path, or given to the JUnit launcher of the running test plan.
   */
  public static Set<String> discoverKeys(ClassLoader loader) {
    Set<String> keys = new TreeSet<>();
    try {
      keys.addAll(LauncherKeys.current());
    } catch (LinkageError e) {
      // No JUnit launcher on the class path (a stand-alone check from a main): nothing to add.
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        keys.add(name);
      }
    }
    try {
      Enumeration<URL> files = loader.getResources("junit-platform.properties");
      while (files.hasMoreElements()) {
        Properties properties = new Properties();
        try (InputStream in = files.nextElement().openStream()) {
          properties.load(in);
        }
        for (String name : properties.stringPropertyNames()) {
          if (name.startsWith(PREFIX)) {
            keys.add(name);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read junit-platform.properties", e);
    }
    return keys;
  }

  /**
   * Parses {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h} or an ISO-8601 duration such as {@code
   * PT2S}; must be positive.
   */
  public static Duration parseDuration(String key, String value) {
    String text = value.trim();
    Duration result;
    Matcher m = SIMPLE_DURATION.matcher(text);
    if (m.matches()) {
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new ConfigurationException(key, "'" + value + "' for " + key + " is too large");
      }
      switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms":
          result = Duration.ofMillis(amount);
          break;
        case "s":
          result = Duration.ofSeconds(amount);
          break;
        case "m":
        case "min":
          result = Duration.ofMinutes(amount);
          break;
        default:
          result = Duration.ofHours(amount);
      }
    } else {
      try {
        result = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new ConfigurationException(
            key,
            "'"
                + value
                + "' is not a duration for "
                + key
                + "; use a number with a unit (500ms, 2s, 1m) or ISO-8601 (PT2S)");
      }
    }
    if (result.isNegative() || result.isZero()) {
      throw new ConfigurationException(
          key, "'" + value + "' for " + key + " must be longer than zero");
    }
    return result;
  }

  static Mode parseMode(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "fail":
        return Mode.FAIL;
      case "report-only":
      case "report_only":
        return Mode.REPORT_ONLY;
      default:
        throw new ConfigurationException(
            key, "'" + value + "' is not a mode for " + key + "; use 'fail' or 'report-only'");
    }
  }

  static Undecided parseUndecided(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "fail":
        return Undecided.FAIL;
      case "abort":
        return Undecided.ABORT;
      default:
        throw new ConfigurationException(
            key, "'" + value + "' is not a value for " + key + "; use 'fail' or 'abort'");
    }
  }

  public Duration timeout() {
    return timeout;
  }

  public Mode mode() {
    return mode;
  }

  public boolean retainingPath() {
    return retainingPath;
  }

  public Path reportsDir() {
    return reportsDir;
  }

  public KeepDumps keepDumps() {
    return keepDumps;
  }

  public Duration analysisTimeout() {
    return analysisTimeout;
  }

  /** The analyser JVM's -Xmx value, or {@code null} to choose it from the dump's size. */
  public String analysisMaxHeap() {
    return analysisMaxHeap;
  }

  /** What happens to a test whose survivors could not be decided leaked or not. */
  public Undecided undecided() {
    return undecided;
  }

  /** A copy with the given values where they are present. */
  public Configuration with(Optional<Duration> timeout, Optional<Mode> mode) {
    return new Configuration(
        timeout.orElse(this.timeout),
        mode.orElse(this.mode),
        retainingPath,
        reportsDir,
        keepDumps,
        analysisTimeout,
        analysisMaxHeap,
        undecided);
  }
}
