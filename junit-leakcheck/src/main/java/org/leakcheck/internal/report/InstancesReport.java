package org.leakcheck.internal.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakcheck.LeakedInstances;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.track.CallSite;

/**
 * The part of the report on tracked types ({@code trackInstancesOf}): how many instances of each
 * survive, grouped by the shape of their paths, each group with its count, its shape on one line
 * and the full path of its first instance. Rendered by {@link LeakReport}, as the rest.
 */
final class InstancesReport {

  /** Groups shown per type; the others are counted. */
  static final int MAX_GROUPS_SHOWN = 5;

  private InstancesReport() {}

  /** The whole message when only tracked types survived: a headline, then {@link #sections}. */
  static String message(
      List<LeakedInstances> leaked,
      List<LeakedInstances> undecided,
      Optional<Path> keptDump,
      String moment) {
    StringBuilder out = new StringBuilder(headline(leaked, undecided, moment));
    out.append(sections(leaked, undecided));
    keptDump.ifPresent(
        dump ->
            out.append("\n\nHeap dump: ")
                .append(dump)
                .append(" (kept: ")
                .append(org.leakcheck.LeakCheck.KEEP_DUMPS_KEY)
                .append(")"));
    out.append("\n");
    if (!leaked.isEmpty()) {
      out.append("\nHint: ").append(HINT);
    }
    return out.toString();
  }

  static final String HINT =
      "close or release what holds them (the path's first reference that should not outlive the"
          + " test: a pool, a registry, a static cache), or make it weak.";

  /**
   * {@code 3 instances of com.example.Connection are still strongly reachable after the test}; with
   * several types, how many types.
   */
  static String headline(
      List<LeakedInstances> leaked, List<LeakedInstances> undecided, String moment) {
    if (leaked.size() == 1 && undecided.isEmpty()) {
      LeakedInstances only = leaked.get(0);
      return only
          + " "
          + (only.count() == 1 ? "is" : "are")
          + " still strongly reachable "
          + moment;
    }
    if (leaked.isEmpty()) {
      return "instances of "
          + names(undecided)
          + " survived the collections "
          + moment
          + "; could not tell whether they are leaked";
    }
    return "instances of "
        + leaked.size()
        + " tracked types are still strongly reachable "
        + moment
        + (undecided.isEmpty() ? "" : "; " + undecided.size() + " more could not be decided");
  }

  private static String names(List<LeakedInstances> types) {
    List<String> names = new ArrayList<>();
    types.forEach(t -> names.add(t.typeName()));
    return String.join(", ", names);
  }

  /** Each type's section, leaked first, each beginning with an empty line. */
  static String sections(List<LeakedInstances> leaked, List<LeakedInstances> undecided) {
    StringBuilder out = new StringBuilder();
    for (LeakedInstances type : leaked) {
      out.append("\n\n").append(type).append(type.count() == 1 ? " survives" : " survive");
      out.append(" (tracked at ").append(CallSite.describe(type.trackedAt())).append("):");
      int grouped = 0;
      List<LeakedInstances.Group> groups = type.groups();
      for (int i = 0; i < groups.size(); i++) {
        LeakedInstances.Group g = groups.get(i);
        grouped += g.count();
        if (i >= MAX_GROUPS_SHOWN) {
          continue;
        }
        out.append("\n\n  ").append(groupLine(g)).append('\n');
        LeakReport.appendPath(out, g.retainingPath(), "<- leaked");
      }
      if (groups.size() > MAX_GROUPS_SHOWN) {
        int hidden = 0;
        for (int i = MAX_GROUPS_SHOWN; i < groups.size(); i++) {
          hidden += groups.get(i).count();
        }
        out.append("\n\n  ... and ")
            .append(hidden)
            .append(" more in ")
            .append(groups.size() - MAX_GROUPS_SHOWN)
            .append(" other path shapes (all are in LeakDetectedError.leakedInstances())");
      }
      if (grouped < type.count()) {
        out.append("\n\n  ... and ")
            .append(type.count() - grouped)
            .append(" more, not grouped (the first ")
            .append(grouped)
            .append(" are)");
      }
    }
    for (LeakedInstances type : undecided) {
      out.append("\n\ninstances of ")
          .append(type.typeName())
          .append(" (tracked at ")
          .append(CallSite.describe(type.trackedAt()))
          .append(") survived the collections; could not tell whether they are leaked: ")
          .append(type.undecidedReason().orElse("unknown"));
    }
    return out.toString();
  }

  /**
   * {@code 12 × Connection held by static field com.example.Pool.ALL → ArrayList[i]}: how many, of
   * which classes, and the path's shape on one line (indices as {@code [i]}).
   */
  static String groupLine(LeakedInstances.Group g) {
    List<String> classes = new ArrayList<>();
    g.classNames().forEach(c -> classes.add(LeakReport.simpleName(c)));
    return g.count()
        + " × "
        + String.join(", ", classes)
        + " held by "
        + shape(g.retainingPath())
        + ":";
  }

  /** The path on one line, the references without their indices and the leaked object last. */
  static String shape(RetainingPath path) {
    StringBuilder out = new StringBuilder(path.root().description());
    List<LeakReport.Row> rows = LeakReport.fold(path.steps());
    // the first row is the root object itself; the last, the instance
    for (int i = 1; i < rows.size(); i++) {
      String reference = rows.get(i).reference().replaceAll("\\[\\d+\\]", "[i]");
      if (!reference.isEmpty()) {
        out.append(" → ").append(reference);
      }
    }
    return out.toString();
  }
}
