package org.leakcheck.internal.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakedObject;

/**
 * Collects what the run should hear about once more at its end, and prints it when the run ends (it
 * lives in JUnit's root store, which closes it): in report-only mode what every test leaked, so
 * that a suite that passes still says what it leaked; in every mode the test instances left
 * strongly reachable after their tests (warnings, not failures). Prints nothing when there is
 * nothing to say.
 */
public final class RunSummary implements AutoCloseable {

  private final PrintStream out;
  private final AtomicInteger checkedTests = new AtomicInteger();
  private final List<String> lines = new ArrayList<>();
  private final List<String> undecidedLines = new ArrayList<>();
  private final List<String> retainedInstanceLines = new ArrayList<>();
  private final Set<String> reportOnlyAnnotations = new TreeSet<>();
  private boolean reportOnlyByConfiguration;
  private int leakingTests;
  private int leaks;
  private int undecidedTests;
  private int undecided;
  private final AtomicBoolean closed = new AtomicBoolean();

  public RunSummary(PrintStream out) {
    this.out = out;
  }

  /** A report-only test whose tracked objects were checked. */
  public void checked() {
    checkedTests.incrementAndGet();
  }

  /**
   * A test that leaked.
   *
   * @param modeAnnotatedOn where {@code @LeakCheck(mode = REPORT_ONLY)} made the test report-only
   *     ({@code CartTests}), or empty when the configuration did ({@code leakcheck.mode})
   */
  public synchronized void leaked(
      String test, List<LeakedObject> leakedObjects, Optional<String> modeAnnotatedOn) {
    leakingTests++;
    if (modeAnnotatedOn.isPresent()) {
      reportOnlyAnnotations.add(modeAnnotatedOn.get());
    } else {
      reportOnlyByConfiguration = true;
    }
    leaks += leakedObjects.size();
    for (LeakedObject leak : leakedObjects) {
      lines.add(
          line(test, leak)
              + " held by "
              + leak.retainingPath()
                  .map(p -> p.root().description())
                  .orElse("(path not computed)"));
    }
  }

  /** {@code - CartTests > adds(): Item "item"}. */
  private static String line(String test, LeakedObject object) {
    return "  - "
        + test
        + ": "
        + LeakReport.simpleName(object.className())
        + object.label().map(l -> " \"" + Texts.abbreviate(l, 60) + "\"").orElse("");
  }

  /**
   * A test with tracked objects that survived collection but could not be decided leaked or not:
   * listed apart, not counted as leaks.
   */
  public synchronized void undecided(String test, List<LeakedObject> undecidedObjects) {
    undecidedTests++;
    undecided += undecidedObjects.size();
    for (LeakedObject u : undecidedObjects) {
      undecidedLines.add(
          line(test, u)
              + " undecided: "
              + Texts.abbreviate(u.undecidedReason().orElse("unknown"), 200));
    }
  }

  /**
   * A test whose test instance was still strongly reachable after it (held by {@code root}), in any
   * mode.
   */
  public synchronized void retainedTestInstance(String test, String root) {
    retainedInstanceLines.add("  - " + test + ": held by " + root);
  }

  /** The summary text; empty when there is nothing to report. */
  public synchronized String render() {
    StringBuilder b = new StringBuilder();
    if (checkedTests.get() > 0) {
      renderReportOnly(b);
    }
    if (!retainedInstanceLines.isEmpty()) {
      if (b.length() > 0) {
        b.append('\n');
      }
      int n = retainedInstanceLines.size();
      b.append("[leakcheck] run summary: ")
          .append(n)
          .append(n == 1 ? " test instance was" : " test instances were")
          .append(" still strongly reachable after the test (warnings: what their fields hold is")
          .append(" not checked)");
      for (String line : retainedInstanceLines) {
        b.append('\n').append(line);
      }
    }
    return b.toString();
  }

  private void renderReportOnly(StringBuilder b) {
    b.append("[leakcheck] report-only summary: ");
    if (leaks == 0) {
      b.append("no leaks in ")
          .append(checkedTests.get())
          .append(checkedTests.get() == 1 ? " checked test" : " checked tests");
    } else {
      b.append(leaks)
          .append(leaks == 1 ? " leaked object in " : " leaked objects in ")
          .append(leakingTests)
          .append(" of ")
          .append(checkedTests.get())
          .append(" checked tests")
          .append(" (the tests passed; ")
          .append(howToFail())
          .append(")");
    }
    if (undecided > 0) {
      b.append("; ")
          .append(undecided)
          .append(undecided == 1 ? " object" : " objects")
          .append(" in ")
          .append(undecidedTests)
          .append(undecidedTests == 1 ? " test" : " tests")
          .append(" survived collection but could not be decided (not counted as leaks)");
    }
    for (String line : lines) {
      b.append('\n').append(line);
    }
    for (String line : undecidedLines) {
      b.append('\n').append(line);
    }
  }

  /**
   * What makes the leaking tests fail, as their mode was set: the configuration key, and the
   * annotations that override it.
   */
  private String howToFail() {
    List<String> steps = new ArrayList<>();
    if (reportOnlyByConfiguration) {
      steps.add("set " + LeakCheck.MODE_KEY + "=fail");
    }
    if (!reportOnlyAnnotations.isEmpty()) {
      List<String> names = new ArrayList<>(reportOnlyAnnotations);
      String where =
          names.size() <= 3
              ? String.join(", ", names)
              : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
      steps.add("remove mode = REPORT_ONLY from @LeakCheck on " + where);
    }
    return steps.size() == 1
        ? steps.get(0) + " to fail them"
        : "to fail them, " + String.join(" and ", steps);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      String text = render();
      if (!text.isEmpty()) {
        out.println(text);
      }
    }
  }
}
