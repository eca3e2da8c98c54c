package org.leakcheck.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedInstances;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.track.CallSite;

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

  /**
   * The error for {@code leaks} and {@code undecided} survivors found among {@code trackedCount}
   * tracked objects, after {@code collections} confirmed collection cycles.
   */
  public static LeakDetectedError error(
      List<LeakedObject> leaks,
      List<UndecidedSurvivor> undecided,
      int collections,
      int trackedCount,
      Optional<Path> keptDump,
      String moment) {
    return ApiTypes.leakDetectedError(
        message(leaks, undecided, collections, trackedCount, keptDump, moment),
        leaks,
        objects(undecided),
        trackedCount);
  }

  /**
   * The error for leaked and undecided objects and tracked types: the objects' report, then the
   * types'.
   */
  public static LeakDetectedError error(
      List<LeakedObject> leaks,
      List<UndecidedSurvivor> undecided,
      List<LeakedInstances> instances,
      List<LeakedInstances> undecidedInstances,
      int collections,
      int trackedCount,
      Optional<Path> keptDump,
      String moment) {
    String message =
        leaks.isEmpty() && undecided.isEmpty()
            ? InstancesReport.message(instances, undecidedInstances, keptDump, moment)
            : message(leaks, undecided, collections, trackedCount, keptDump, moment)
                + InstancesReport.sections(instances, undecidedInstances).replaceFirst("^\n", "");
    return ApiTypes.leakDetectedError(
        message, leaks, objects(undecided), instances, undecidedInstances, trackedCount);
  }

  /** The report text. */
  public static String message(List<LeakedObject> leaks, int trackedCount) {
    return message(leaks, trackedCount, Optional.empty(), AFTER_THE_TEST);
  }

  /** The report text, naming the kept heap dump and when the check ran. */
  public static String message(
      List<LeakedObject> leaks, int trackedCount, Optional<Path> keptDump, String moment) {
    return message(leaks, List.of(), 0, trackedCount, keptDump, moment);
  }

  /**
   * The report text: the leaks first, then the survivors that could not be decided, each with what
   * is known of it; a hint for each.
   */
  public static String message(
      List<LeakedObject> leaks,
      List<UndecidedSurvivor> undecided,
      int collections,
      int trackedCount,
      Optional<Path> keptDump,
      String moment) {
    StringBuilder out = new StringBuilder();
    out.append(headline(leaks.size(), undecided.size(), collections, trackedCount, moment));
    List<LeakedObject> all = new ArrayList<>(leaks);
    all.addAll(objects(undecided));
    boolean anyPath = false;
    int shown = Math.min(all.size(), MAX_DETAILED);
    for (int i = 0; i < shown; i++) {
      LeakedObject leak = all.get(i);
      out.append("\n\n");
      if (!leak.isDecided()) {
        out.append(describe(leak))
            .append("\n  ")
            .append(survived(collections))
            .append("; could not tell whether it is leaked: ")
            .append(leak.undecidedReason().orElse("unknown"));
      } else if (leak.retainingPath().isPresent()) {
        anyPath = true;
        out.append(describe(leak)).append(" is retained by:\n\n");
        appendPath(out, leak.retainingPath().get(), leakedNote(leak));
        sameRootAsEarlier(all, i)
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
    if (shown < all.size()) {
      out.append("\n\n... and ")
          .append(all.size() - shown)
          .append(" more (the first ")
          .append(shown)
          .append(" are shown; all are in LeakDetectedError.")
          .append(
              undecided.isEmpty()
                  ? "leakedObjects())"
                  : leaks.isEmpty()
                      ? "undecidedObjects())"
                      : "leakedObjects() and undecidedObjects())");
    }
    keptDump.ifPresent(
        dump ->
            out.append("\n\nHeap dump: ")
                .append(dump)
                .append(" (kept: ")
                .append(org.leakcheck.LeakCheck.KEEP_DUMPS_KEY)
                .append(")"));
    out.append("\n");
    if (!leaks.isEmpty()) {
      out.append("\n");
      out.append(
          anyPath
              ? "Hint: cut the first reference on the path that should not outlive the test (remove"
                  + " the entry, unregister the listener, clear the field), or make it weak."
              : "Hint: the object is held by something outside the test (a static field, a running"
                  + " thread, a thread-local, a registry); see the retaining path to find it.");
    }
    if (!undecided.isEmpty()) {
      out.append("\n").append(undecidedHint(undecided, keptDump.isPresent()));
    }
    return out.toString();
  }

  /**
   * How to get a decision, for each kind of failure present (in a fixed order), then what the
   * commonest undecided survivor is.
   */
  static String undecidedHint(List<UndecidedSurvivor> undecided, boolean dumpKept) {
    EnumSet<NoVerdict> kinds = EnumSet.noneOf(NoVerdict.class);
    undecided.forEach(u -> kinds.add(u.kind()));
    Set<String> ways = new LinkedHashSet<>();
    for (NoVerdict kind : kinds) {
      ways.add(wayToDecide(kind, dumpKept));
    }
    return "Hint: to get a decision, "
        + String.join("; and ", ways)
        + ". An object held only by a field of the test instance is not a leak: clear such fields"
        + " in @AfterEach and it is collected without a heap dump. "
        + org.leakcheck.LeakCheck.UNDECIDED_KEY
        + "=abort reports such tests as aborted instead of failed.";
  }

  private static String wayToDecide(NoVerdict kind, boolean dumpKept) {
    switch (kind) {
      case NO_DISK_SPACE:
        return "free disk space where the heap dump is written, or point "
            + org.leakcheck.LeakCheck.REPORTS_DIR_KEY
            + " at a disk with room for it (about the size of the used heap)";
      case DUMP_NOT_WRITTEN:
        return "point "
            + org.leakcheck.LeakCheck.REPORTS_DIR_KEY
            + " at a directory the tests can write, on a JVM that can write heap dumps (HotSpot)";
      case ANALYSIS_TIMED_OUT:
        return "raise " + org.leakcheck.LeakCheck.ANALYSIS_TIMEOUT_KEY;
      case ANALYSER_OUT_OF_MEMORY:
        return "raise " + org.leakcheck.LeakCheck.ANALYSIS_MAX_HEAP_KEY;
      case RETAINING_PATH_DISABLED:
        return "set "
            + org.leakcheck.LeakCheck.RETAINING_PATH_KEY
            + "=true (a heap dump then tells a leak from an object held only by the test instance)";
      default: // the dump is there but said nothing usable: look at it yourself
        return dumpKept
            ? "open the kept heap dump in a heap analyser"
            : "keep the heap dump ("
                + org.leakcheck.LeakCheck.KEEP_DUMPS_KEY
                + "=always) and open it in a heap analyser";
    }
  }

  private static List<LeakedObject> objects(List<UndecidedSurvivor> undecided) {
    List<LeakedObject> objects = new ArrayList<>(undecided.size());
    undecided.forEach(u -> objects.add(u.object()));
    return objects;
  }

  /** {@code survived 3 confirmed collections}. */
  static String survived(int collections) {
    return "survived "
        + collections
        + (collections == 1 ? " confirmed collection" : " confirmed collections");
  }

  private static Optional<String> sameRootAsEarlier(List<LeakedObject> leaks, int index) {
    RetainingPath.Root root = leaks.get(index).retainingPath().get().root();
    for (int j = 0; j < index; j++) {
      LeakedObject earlier = leaks.get(j);
      if (earlier.retainingPath().isPresent()
          && earlier.retainingPath().get().root().description().equals(root.description())) {
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

  /**
   * The first line: never claims a leak when nothing was found leaked. {@code 1 of 3 tracked
   * objects is still strongly reachable after the test; 1 more survived 3 confirmed collections:
   * could not tell whether it is leaked}.
   */
  static String headline(int leaked, int undecided, int collections, int tracked, String moment) {
    if (undecided == 0) {
      return headline(leaked, tracked, moment);
    }
    String whether =
        "could not tell whether " + (undecided == 1 ? "it is" : "they are") + " leaked";
    if (leaked > 0) {
      return headline(leaked, tracked, moment)
          + "; "
          + undecided
          + " more "
          + survived(collections)
          + ": "
          + whether;
    }
    return (tracked == 1 ? "the tracked object" : undecided + " of " + tracked + " tracked objects")
        + " "
        + survived(collections)
        + " "
        + moment
        + "; "
        + whether;
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

  /**
   * The report entry for tracked objects that were not leaked but needed a heap dump to say so
   * (held only by the test instance, JUnit or weak/soft references after the collections).
   *
   * @param objects the objects, for a person ({@code Worker "Alice"})
   */
  public static String survivedWithoutLeaking(List<String> objects) {
    return "not leaked, but telling so took a heap dump: "
        + String.join(", ", objects)
        + " outlived the test held only by the test instance, JUnit or weak/soft references;"
        + " not keeping tracked objects in fields of the test (or clearing them in @AfterEach)"
        + " makes this check a single garbage collection";
  }

  /**
   * A report-only test's leak report, printed and published instead of failing the test.
   *
   * @param test the test, for a person ({@code ManagerTests > removesWorker()})
   * @param message the failure's message
   */
  public static String reportOnly(String test, String message) {
    return "[leakcheck] " + test + " (report-only, not failing the test):\n" + message;
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
        + CallSite.describe(leak.trackedAt())
        + ")";
  }

  static void appendPath(StringBuilder out, RetainingPath path, String leakedNote) {
    out.append("  GC root: ").append(path.root()).append('\n');
    List<Row> steps = fold(path.steps());
    int classWidth = 0;
    int refWidth = 0;
    for (Row step : steps) {
      classWidth = Math.max(classWidth, displayName(step.className()).length());
      refWidth = Math.max(refWidth, step.reference().length());
    }
    for (int i = 0; i < steps.size(); i++) {
      Row step = steps.get(i);
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

  /** One row of the rendered path: a step, or collection internals folded into one. */
  record Row(String className, String reference, Optional<String> summary) {
    Row(String className, String reference, String summary) {
      this(className, reference, Optional.ofNullable(summary));
    }

    @Override
    public String toString() {
      return className + " " + reference + summary.map(t -> " " + t).orElse("");
    }
  }

  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  /**
   * Folds collection internals into one readable step: a hash table's {@code .table → [i] →
   * (.next)* → .value} becomes {@code ["key"]}, and a list's {@code .elementData → [i]} becomes
   * {@code [i]}. The raw chain stays in {@link RetainingPath#steps()}.
   */
  static List<Row> fold(List<RetainingPath.Step> raw) {
    List<Row> out = new ArrayList<>();
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
            out.add(new Row(raw.get(j).className(), folded, raw.get(j).summary().orElse(null)));
            i = j + 1;
            continue;
          }
          if (".key".equals(ref)) {
            out.add(new Row(raw.get(j).className(), "(a key)", raw.get(j).summary().orElse(null)));
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
        out.add(new Row(element.className(), element.reference(), element.summary().orElse(null)));
        i += 2;
        continue;
      }
      out.add(new Row(step.className(), step.reference(), step.summary().orElse(null)));
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
