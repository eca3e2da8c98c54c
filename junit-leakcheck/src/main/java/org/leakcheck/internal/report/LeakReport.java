package org.leakcheck.internal.report;

import java.util.List;
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

  private LeakReport() {}

  /** The error for {@code leaks} found among {@code trackedCount} tracked objects. */
  public static LeakDetectedError error(List<LeakedObject> leaks, int trackedCount) {
    return new LeakDetectedError(message(leaks, trackedCount), leaks, trackedCount);
  }

  /** The report text. */
  public static String message(List<LeakedObject> leaks, int trackedCount) {
    StringBuilder out = new StringBuilder();
    out.append(headline(leaks.size(), trackedCount));
    boolean anyPath = false;
    for (LeakedObject leak : leaks) {
      out.append("\n\n");
      if (leak.retainingPath().isPresent()) {
        anyPath = true;
        out.append(describe(leak)).append(" is retained by:\n\n");
        appendPath(out, leak.retainingPath().get());
      } else {
        out.append(describe(leak)).append(" is still strongly reachable.\n");
        out.append("  retaining path: not computed: ").append(leak.noPathReason().orElse("unknown"));
      }
    }
    out.append("\n\n");
    out.append(
        anyPath
            ? "Hint: cut the first reference on the path that should not outlive the test (remove"
                + " the entry, unregister the listener, clear the field), or make it weak."
            : "Hint: the object is held by something outside the test (a static field, a running"
                + " thread, a thread-local, a registry); see the retaining path to find it.");
    return out.toString();
  }

  static String headline(int leaked, int tracked) {
    if (tracked == 1) {
      return "the tracked object is still strongly reachable after the test";
    }
    return leaked + " of " + tracked + " tracked objects "
        + (leaked == 1 ? "is" : "are")
        + " still strongly reachable after the test";
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

  static void appendPath(StringBuilder out, RetainingPath path) {
    out.append("  GC root: ").append(path.root()).append('\n');
    List<RetainingPath.Step> steps = path.steps();
    int classWidth = 0;
    int refWidth = 0;
    for (RetainingPath.Step step : steps) {
      classWidth = Math.max(classWidth, step.className().length());
      refWidth = Math.max(refWidth, step.reference().length());
    }
    for (int i = 0; i < steps.size(); i++) {
      RetainingPath.Step step = steps.get(i);
      boolean last = i == steps.size() - 1;
      out.append(last ? "  ╰→ " : "  ├─ ");
      out.append(Texts.padRight(step.className(), classWidth)).append("  ");
      String tail = step.summary().orElse("");
      if (last) {
        tail = tail.isEmpty() ? LEAKED_MARK : tail + "  " + LEAKED_MARK;
      }
      out.append(tail.isEmpty() ? step.reference() : Texts.padRight(step.reference(), refWidth) + "  " + tail);
      if (!last) {
        out.append('\n');
      }
    }
  }

  static String simpleName(String className) {
    String name = className.substring(className.lastIndexOf('.') + 1);
    int dollar = name.lastIndexOf('$');
    return dollar >= 0 && dollar < name.length() - 1 && !Character.isDigit(name.charAt(dollar + 1))
        ? name.substring(dollar + 1)
        : name;
  }
}
