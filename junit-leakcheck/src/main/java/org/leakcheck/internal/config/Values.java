package org.leakcheck.internal.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One parser per kind of configuration value: duration, boolean, choice, path, heap size and list
 * of name prefixes. Each error names the key and says what would be accepted.
 */
public final class Values {

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)", Pattern.CASE_INSENSITIVE);

  private static final Pattern HEAP_SIZE = Pattern.compile("(\\d+)([kKmMgG]?)");

  /**
   * The smallest analyser heap accepted: below about 3 MB the JVM does not start, and a few MB more
   * are needed before any dump can be read.
   */
  static final long MIN_HEAP_BYTES = 16L << 20;

  /** A package or class name, optionally ending in {@code .} or {@code $}. */
  private static final Pattern NAME_PREFIX =
      Pattern.compile(
          "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
              + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*[.$]?");

  private Values() {}

  /**
   * A positive duration: {@code 500ms}, {@code 2s}, {@code 1m} (or {@code 1min}), {@code 1h}, or
   * ISO-8601 ({@code PT2S}).
   *
   * @return the parser
   */
  public static ValueParser<Duration> duration() {
    return Values::parseDuration;
  }

  /**
   * {@code true} or {@code false}, in any case.
   *
   * @return the parser
   */
  public static ValueParser<Boolean> bool() {
    return (key, value) -> {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "true":
          return true;
        case "false":
          return false;
        default:
          throw new ConfigurationException(
              key, "'" + value + "' is not a boolean for " + key + "; use 'true' or 'false'");
      }
    };
  }

  /**
   * One of a few names, in any case, with {@code -} or {@code _} between words ({@code on-failure},
   * {@code ON_FAILURE}).
   *
   * @param noun what a value is called in the error, with its article: {@code "a mode"}
   * @param choices the names, written with {@code -}, and what each stands for, in the order the
   *     error lists them
   * @param <T> what a name stands for
   * @return the parser
   */
  public static <T> ValueParser<T> choice(String noun, Map<String, T> choices) {
    Map<String, T> byName = new LinkedHashMap<>(choices);
    List<String> quoted =
        byName.keySet().stream().map(n -> "'" + n + "'").collect(Collectors.toList());
    String expected =
        quoted.size() == 1
            ? quoted.get(0)
            : String.join(", ", quoted.subList(0, quoted.size() - 1))
                + " or "
                + quoted.get(quoted.size() - 1);
    return (key, value) -> {
      T result = byName.get(value.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
      if (result == null) {
        throw new ConfigurationException(
            key, "'" + value + "' is not " + noun + " for " + key + "; use " + expected);
      }
      return result;
    };
  }

  /**
   * A non-blank file system path.
   *
   * @return the parser
   */
  public static ValueParser<Path> path() {
    return (key, value) -> {
      if (value.isBlank()) {
        throw new ConfigurationException(key, "the directory for " + key + " must not be blank");
      }
      try {
        return Paths.get(value.trim());
      } catch (InvalidPathException e) {
        throw new ConfigurationException(
            key, "'" + value + "' is not a path for " + key + ": " + e.getReason());
      }
    };
  }

  /**
   * A heap size as for {@code -Xmx} ({@code 512m}, {@code 2g}), of at least 16 MB; returned without
   * leading zeros, ready for {@code -Xmx}.
   *
   * @return the parser
   */
  public static ValueParser<String> heapSize() {
    return (key, value) -> {
      String text = value.trim();
      Matcher m = HEAP_SIZE.matcher(text);
      String usage = "; use a size as for -Xmx: 512m, 2g";
      if (!m.matches()) {
        throw new ConfigurationException(
            key, "'" + value + "' is not a heap size for " + key + usage);
      }
      String unit = m.group(2);
      int shift = unit.isEmpty() ? 0 : "kmg".indexOf(unit.toLowerCase(Locale.ROOT)) * 10 + 10;
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new ConfigurationException(key, "'" + value + "' for " + key + " is too large");
      }
      if (amount > (Long.MAX_VALUE >> shift)) {
        throw new ConfigurationException(key, "'" + value + "' for " + key + " is too large");
      }
      if ((amount << shift) < MIN_HEAP_BYTES) {
        throw new ConfigurationException(
            key,
            "'"
                + value
                + "' for "
                + key
                + " is too small: the analysing JVM needs at least 16m"
                + usage);
      }
      return amount + unit;
    };
  }

  /**
   * A comma-separated list of package or class name prefixes. A package name gets a {@code .}
   * appended ({@code com.example} covers {@code com.example.Foo}, not {@code com.examples.Foo}); a
   * name whose last part starts with an upper-case letter is a class and is kept as it is, so that
   * it covers the class and its nested classes; a trailing {@code .*} is read as {@code .}. Blank
   * entries and names that are no Java names are errors.
   *
   * @return the parser
   */
  public static ValueParser<List<String>> namePrefixes() {
    return (key, value) -> {
      Set<String> result = new LinkedHashSet<>();
      String[] entries = value.split(",", -1);
      for (int i = 0; i < entries.length; i++) {
        String entry = entries[i].trim();
        if (entry.isEmpty()) {
          throw new ConfigurationException(
              key,
              "'"
                  + value
                  + "' for "
                  + key
                  + " has a blank entry (number "
                  + (i + 1)
                  + "); use package or class names separated by commas: com.example.testing,"
                  + " com.example.Fixtures");
        }
        result.add(namePrefix(key, entry));
      }
      return List.copyOf(new ArrayList<>(result));
    };
  }

  /** One entry of {@link #namePrefixes()}, normalised. */
  static String namePrefix(String key, String entry) {
    String text = entry.endsWith(".*") ? entry.substring(0, entry.length() - 1) : entry;
    if (!NAME_PREFIX.matcher(text).matches()) {
      throw new ConfigurationException(
          key,
          "'"
              + entry
              + "' in "
              + key
              + " is not a package or class name; use names such as com.example.testing or"
              + " com.example.Fixtures, without wildcards");
    }
    if (text.endsWith(".") || text.endsWith("$")) {
      return text;
    }
    String last = text.substring(text.lastIndexOf('.') + 1);
    return Character.isUpperCase(last.charAt(0)) ? text : text + ".";
  }

  /**
   * Parses a positive duration: {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h} or ISO-8601.
   *
   * @param key the key, for the error
   * @param value the text
   * @return the duration
   * @throws ConfigurationException naming the key
   */
  static Duration parseDuration(String key, String value) {
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
      try {
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
      } catch (ArithmeticException e) {
        throw new ConfigurationException(key, "'" + value + "' for " + key + " is too large");
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
}
