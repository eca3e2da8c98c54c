package org.leakcheck.internal.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakCheck.Mode;
import org.leakcheck.internal.config.Configuration.KeepDumps;
import org.leakcheck.internal.config.Configuration.Undecided;

/**
 * The one table of configuration keys. The known-key set, the parsing and validation in {@link
 * Configuration}, and the tables in {@code README.md} and {@code docs/guide.md} (checked by a test)
 * all come from it: a new key is one row here, one constant in {@link LeakCheck} and one accessor.
 */
public final class Keys {

  /** How long to wait for collection. */
  static final Key<Duration> TIMEOUT =
      new Key<>(
          LeakCheck.TIMEOUT_KEY,
          Values.duration(),
          Duration.ofSeconds(2),
          "`2s`",
          "longest wait for the tracked objects to be collected");

  /** What a leak does to the test. */
  static final Key<Mode> MODE =
      new Key<>(
          LeakCheck.MODE_KEY,
          Values.choice("a mode", choices("fail", Mode.FAIL, "report-only", Mode.REPORT_ONLY)),
          Mode.FAIL,
          "`fail`",
          "`fail` or `report-only`");

  /** Whether survivors are analysed in a heap dump. */
  static final Key<Boolean> RETAINING_PATH =
      new Key<>(
          LeakCheck.RETAINING_PATH_KEY,
          Values.bool(),
          true,
          "`true`",
          "dump the heap to decide each survivor and show its retaining path; `false` leaves every survivor undecided");

  /** Where reports and kept dumps go. */
  static final Key<Path> REPORTS_DIR =
      new Key<>(
          LeakCheck.REPORTS_DIR_KEY,
          Values.path(),
          Paths.get("target", "leakcheck"),
          "`target/leakcheck`",
          "JSON leak reports and (kept) heap dumps");

  /** Which dumps are kept. */
  static final Key<KeepDumps> KEEP_DUMPS =
      new Key<>(
          LeakCheck.KEEP_DUMPS_KEY,
          Values.choice(
              "a value",
              choices(
                  "never",
                  KeepDumps.NEVER,
                  "on-failure",
                  KeepDumps.ON_FAILURE,
                  "always",
                  KeepDumps.ALWAYS)),
          KeepDumps.NEVER,
          "`never`",
          "`never`, `on-failure` or `always`");

  /** The longest analysis. */
  static final Key<Duration> ANALYSIS_TIMEOUT =
      new Key<>(
          LeakCheck.ANALYSIS_TIMEOUT_KEY,
          Values.duration(),
          Duration.ofMinutes(2),
          "`2m`",
          "longest time for the heap dump analysis");

  /** The analyser's {@code -Xmx}; {@code null}: chosen from the dump's size. */
  static final Key<String> ANALYSIS_MAX_HEAP =
      new Key<>(
          LeakCheck.ANALYSIS_MAX_HEAP_KEY,
          Values.heapSize(),
          null,
          "from the dump's size",
          "`-Xmx` of the analysing JVM, at least `16m`");

  /** What an undecided survivor does to the test. */
  static final Key<Undecided> UNDECIDED =
      new Key<>(
          LeakCheck.UNDECIDED_KEY,
          Values.choice("a value", choices("fail", Undecided.FAIL, "abort", Undecided.ABORT)),
          Undecided.FAIL,
          "`fail`",
          "`fail` or `abort` a test whose survivors could not be decided leaked or not");

  /** Whether a test that failed on its own is checked too. */
  static final Key<Boolean> CHECK_FAILED_TESTS =
      new Key<>(
          LeakCheck.CHECK_FAILED_TESTS_KEY,
          Values.bool(),
          false,
          "`false`",
          "check a test that failed on its own too (its leaks become suppressed errors)");

  /** Test infrastructure added to {@link Configuration#DEFAULT_FRAMEWORK_PACKAGES}. */
  static final Key<List<String>> FRAMEWORK_PACKAGES =
      new Key<>(
          LeakCheck.FRAMEWORK_PACKAGES_KEY,
          Values.namePrefixes(),
          List.of(),
          "JUnit, the test runners, Mockito, Spring TestContext",
          "more packages (or classes) of test infrastructure, comma-separated, added to the"
              + " default list");

  /** Every key, in the order the docs list them. */
  public static final List<Key<?>> ALL =
      List.of(
          TIMEOUT,
          MODE,
          RETAINING_PATH,
          REPORTS_DIR,
          KEEP_DUMPS,
          ANALYSIS_TIMEOUT,
          ANALYSIS_MAX_HEAP,
          UNDECIDED,
          CHECK_FAILED_TESTS,
          FRAMEWORK_PACKAGES);

  /** The names of {@link #ALL}. */
  static final Set<String> NAMES = names();

  private Keys() {}

  private static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Key<?> key : ALL) {
      names.add(key.name());
    }
    return Set.copyOf(names);
  }

  private static <T> Map<String, T> choices(Object... nameValuePairs) {
    Map<String, T> choices = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      T value = (T) nameValuePairs[i + 1];
      choices.put((String) nameValuePairs[i], value);
    }
    return choices;
  }

  /**
   * Whether a key is one of ours.
   *
   * @param name a key
   * @return whether the table has it
   */
  static boolean isKnown(String name) {
    return NAMES.contains(name);
  }

  /**
   * The known key nearest to a mistyped one: the fewest single-character edits, ignoring case; on a
   * tie, the first in the table.
   *
   * @param unknown a key that is not in the table
   * @return the nearest known key
   */
  static String nearest(String unknown) {
    String wanted = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Key<?> key : ALL) {
      int distance = editDistance(wanted, key.name().toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = key.name();
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * The keys as the Markdown table of {@code README.md}: key, default, meaning.
   *
   * @return the table, one row per line
   */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    for (Key<?> key : ALL) {
      table
          .append("| `")
          .append(key.name())
          .append("` | ")
          .append(key.documentedDefault())
          .append(" | ")
          .append(key.doc())
          .append(" |\n");
    }
    return table.toString();
  }
}
