package org.leakcheck.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;

/**
 * Builds the leak failure: the one place where its text is made. Shape:
 *
 * <pre>
 * 1 of 2 tracked objects is still strongly reachable after the test
 *
 * Worker "Alice" (tracked at ManagerTests.java:27) is retained by:
 *
 *   GC root: static field com.example.Manager.REGISTRY
 *   ├─ java.util.HashMap          .REGISTRY
 *   ├─ java.util.HashMap$Node[]   .table
 *   ├─ java.util.HashMap$Node     [5]       key="Alice"
 *   ╰→ com.example.Worker         .value    &lt;- leaked
 * </pre>
 */
public final class LeakReport {

  static final String LEAKED_MARK = "<- leaked";

  /**
   * Leaks described in full; the rest are counted, so that 100,000 leaks make a readable message.
   */
  static final int MAX_DETAILED = 20;

  /** The moment of the extension's check, for the headline. */
  public static final String AFTER_THE_TEST = "after the test";

  private LeakReport() {}

  /** The error for {@code leaks} found among {@code trackedCount} tracked objects. */
  public static LeakDetectedError error(
      List<LeakedObject> leaks, int trackedCount, Optional<Path> keptDump, String moment) {
    return new LeakDetectedError(
        message(leaks, trackedCount, keptDump, moment), leaks, trackedCount);
  }

  /** The report text. */
  public static String message(List<LeakedObject> leaks, int trackedCount) {
    return message(leaks, trackedCount, Optional.empty(), AFTER_THE_TEST);
  }

  /** The report text, naming the kept heap dump and when the check ran. */
  public static String message(
      List<LeakedObject> leaks, int trackedCount, Optional<Path> keptDump, String moment) {
    StringBuilder out = new StringBuilder();
    out.append(headline(leaks.size(), trackedCount, moment));
    boolean anyPath = false;
    int shown = Math.min(leaks.size(), MAX_DETAILED);
    for (int i = 0; i < shown; i++) {
      LeakedObject leak = leaks.get(i);
      out.append("\n\n");
      if (leak.retainingPath().isPresent()) {
        anyPath = true;
        out.append(describe(leak)).append(" is retained by:\n\n");
        appendPath(out, leak.retainingPath().get(), leakedNote(leak));
        sameRootAsEarlier(leaks, i)
            .ifPresent(
                earlier ->
                    out.append("\n  (same GC root as ")
                        .append(earlier)
                        .append(": likely one cause)"));
      } else {
        out.append(describe(leak)).append(" is still strongly reachable.\n");
        out.append("  retaining path: not computed: ")
            .append(leak.noPathReason().orElse("unknown"));
      }
    }
    if (shown < leaks.size()) {
      out.append("\n\n... and ")
          .append(leaks.size() - shown)
          .append(" more (the first ")
          .append(shown)
          .append(" are shown; all are in LeakDetectedError.leakedObjects())");
    }
    keptDump.ifPresent(
        dump ->
            out.append("\n\nHeap dump: ")
                .append(dump)
                .append(" (kept: ")
                .append(org.leakcheck.LeakCheck.KEEP_DUMPS_KEY)
                .append(")"));
    out.append("\n\n");
    out.append(
        anyPath
            ? "Hint: cut the first reference on the path that should not outlive the test (remove"
                + " the entry, unregister the listener, clear the field), or make it weak."
            : "Hint: the object is held by something outside the test (a static field, a running"
                + " thread, a thread-local, a registry); see the retaining path to find it.");
    return out.toString();
  }

  private static Optional<String> sameRootAsEarlier(List<LeakedObject> leaks, int index) {
    String root = leaks.get(index).retainingPath().get().root();
    for (int j = 0; j < index; j++) {
      LeakedObject earlier = leaks.get(j);
      if (earlier.retainingPath().isPresent()
          && earlier.retainingPath().get().root().equals(root)) {
        return Optional.of(
            simpleName(earlier.className())
                + earlier.label().map(l -> " \"" + Texts.abbreviate(l, 60) + "\"").orElse(""));
      }
    }
    return Optional.empty();
  }

  static String headline(int leaked, int tracked) {
    return headline(leaked, tracked, AFTER_THE_TEST);
  }

  static String headline(int leaked, int tracked, String moment) {
    if (tracked == 1) {
      return "the tracked object is still strongly reachable " + moment;
    }
    return leaked
        + " of "
        + tracked
        + " tracked objects "
        + (leaked == 1 ? "is" : "are")
        + " still strongly reachable "
        + moment;
  }

  /**
   * The warning for a test instance still strongly reachable after its test ({@code
   * BUS.register(this)}), with the path to it.
   *
   * @param test the test, for a person ({@code ManagerTests > removesWorker()})
   * @param path the path from the root to the instance
   */
  public static String retainedTestInstance(String test, RetainingPath path) {
    StringBuilder out =
        new StringBuilder("[leakcheck] WARNING ")
            .append(test)
            .append(": the test instance is still strongly reachable after the test, and with it")
            .append(" everything its fields hold (not reported as leaked objects):\n");
    appendPath(out, path, "← the test instance");
    out.append("\n  Hint: unregister it in @AfterEach, or register something other than the test.");
    return out.toString();
  }

  /** {@code Worker "Alice" (com.example.Worker@1b6d3586, tracked at ManagerTests.java:27)}. */
  static String describe(LeakedObject leak) {
    String simpleName = simpleName(leak.className());
    return simpleName
        + leak.label().map(l -> " \"" + Texts.abbreviate(l, 120) + "\"").orElse("")
        + " ("
        + leak.className()
        + "@"
        + Integer.toHexString(leak.identityHashCode())
        + ", tracked at "
        + leak.trackedAt()
        + ")";
  }

  static void appendPath(StringBuilder out, RetainingPath path, String leakedNote) {
    out.append("  GC root: ").append(path.root()).append('\n');
    List<RetainingPath.Step> steps = fold(path.steps());
    int classWidth = 0;
    int refWidth = 0;
    for (RetainingPath.Step step : steps) {
      classWidth = Math.max(classWidth, displayName(step.className()).length());
      refWidth = Math.max(refWidth, step.reference().length());
    }
    for (int i = 0; i < steps.size(); i++) {
      RetainingPath.Step step = steps.get(i);
      boolean last = i == steps.size() - 1;
      out.append(last ? "  ╰→ " : "  ├─ ");
      out.append(Texts.padRight(displayName(step.className()), classWidth)).append("  ");
      String tail = step.summary().map(t -> Texts.abbreviate(t, 100)).orElse("");
      if (last) {
        tail = tail.isEmpty() ? leakedNote : tail + "  " + leakedNote;
      }
      out.append(
          tail.isEmpty()
              ? step.reference()
              : Texts.padRight(step.reference(), refWidth) + "  " + tail);
      if (!last) {
        out.append('\n');
      }
    }
  }

  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  /**
   * Folds collection internals into one readable step: a hash table's {@code .table → [i] →
   * (.next)* → .value} becomes {@code ["key"]}, and a list's {@code .elementData → [i]} becomes
   * {@code [i]}. The raw chain stays in {@link RetainingPath#steps()}.
   */
  static List<RetainingPath.Step> fold(List<RetainingPath.Step> raw) {
    List<RetainingPath.Step> out = new ArrayList<>();
    int i = 0;
    while (i < raw.size()) {
      RetainingPath.Step step = raw.get(i);
      if (".table".equals(step.reference()) && step.className().endsWith("[]")) {
        int j = i + 1;
        String key = null;
        while (j < raw.size()
            && (INDEX.matcher(raw.get(j).reference()).matches()
                || ".next".equals(raw.get(j).reference()))
            && raw.get(j).className().contains("$")) {
          key =
              raw.get(j)
                  .summary()
                  .filter(t -> t.startsWith("key="))
                  .map(t -> t.substring(4))
                  .orElse(key);
          j++;
        }
        if (j > i + 1 && j < raw.size()) {
          String ref = raw.get(j).reference();
          if (".value".equals(ref) || ".val".equals(ref)) {
            // A thread-local's root already names the ThreadLocal; a map's key says which entry.
            String folded =
                step.className().startsWith("java.lang.ThreadLocal$ThreadLocalMap")
                    ? "(ThreadLocal value)"
                    : "[" + (key == null ? "?" : key) + "]";
            out.add(
                new RetainingPath.Step(
                    raw.get(j).className(), folded, raw.get(j).summary().orElse(null)));
            i = j + 1;
            continue;
          }
          if (".key".equals(ref)) {
            out.add(
                new RetainingPath.Step(
                    raw.get(j).className(), "(a key)", raw.get(j).summary().orElse(null)));
            i = j + 1;
            continue;
          }
        }
      }
      if (LIST_ARRAYS.contains(step.reference())
          && step.className().endsWith("[]")
          && i + 1 < raw.size()
          && INDEX.matcher(raw.get(i + 1).reference()).matches()) {
        RetainingPath.Step element = raw.get(i + 1);
        out.add(
            new RetainingPath.Step(
                element.className(), element.reference(), element.summary().orElse(null)));
        i += 2;
        continue;
      }
      out.add(step);
      i++;
    }
    return out;
  }

  private static final java.util.Set<String> LIST_ARRAYS =
      java.util.Set.of(".elementData", ".elements", ".array", ".queue", ".es");

  /** Lambdas and anonymous classes named by where they were written. */
  static String displayName(String className) {
    int lambda = className.indexOf("$$Lambda");
    if (lambda > 0) {
      return className.startsWith("class ")
          ? "class of a lambda in " + className.substring("class ".length(), lambda)
          : "lambda in " + className.substring(0, lambda);
    }
    int dollar = className.lastIndexOf('$');
    if (dollar > 0
        && dollar < className.length() - 1
        && className.chars().skip(dollar + 1).allMatch(Character::isDigit)) {
      String outer = className.substring(0, dollar);
      return className
          + " (anonymous class in "
          + outer.substring(outer.lastIndexOf('.') + 1)
          + ")";
    }
    return className;
  }

  /** {@code <- leaked (retains 1.2 kB in 14 objects)}. */
  static String leakedNote(LeakedObject leak) {
    if (leak.retainedBytes().isEmpty() || leak.retainedObjects().isEmpty()) {
      return LEAKED_MARK;
    }
    long objects = leak.retainedObjects().getAsLong();
    return LEAKED_MARK
        + " (retains "
        + bytes(leak.retainedBytes().getAsLong())
        + " in "
        + objects
        + (objects == 1 ? " object)" : " objects)");
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f kB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.1f GB", n / (1024.0 * 1024 * 1024));
  }

  static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int dollar = name.lastIndexOf('$');
    return dollar >= 0 && dollar < name.length() - 1 && !Character.isDigit(name.charAt(dollar + 1))
        ? name.substring(dollar + 1)
        : name;
  }
}
