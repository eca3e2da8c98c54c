package org.leakcheck.internal.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.leakcheck.LeakedObject;

/**
 * In report-only mode, collects what every test leaked and prints one summary when the run ends (it
 * lives in JUnit's root store, which closes it), so that a suite that passes still says what it
 * leaked.
 */
public final class ReportOnlySummary implements AutoCloseable {

  private final PrintStream out;
  private final AtomicInteger checkedTests = new AtomicInteger();
  private final List<String> lines = new ArrayList<>();
  private final List<String> undecidedLines = new ArrayList<>();
  private int leakingTests;
  private int leaks;
  private int undecidedTests;
  private int undecided;
  private final AtomicBoolean closed = new AtomicBoolean();

  public ReportOnlySummary(PrintStream out) {
    this.out = out;
  }

  /** A test whose tracked objects were checked. */
  public void checked() {
    checkedTests.incrementAndGet();
  }

  /** A test that leaked. */
  public synchronized void leaked(String test, List<LeakedObject> leakedObjects) {
    leakingTests++;
    leaks += leakedObjects.size();
    for (LeakedObject leak : leakedObjects) {
      lines.add(
          "  - "
              + test
              + ": "
              + LeakReport.simpleName(leak.className())
              + leak.label().map(l -> " \"" + Texts.abbreviate(l, 60) + "\"").orElse("")
              + " held by "
              + leak.retainingPath().map(p -> p.root()).orElse("(path not computed)"));
    }
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
          "  - "
              + test
              + ": "
              + LeakReport.simpleName(u.className())
              + u.label().map(l -> " \"" + Texts.abbreviate(l, 60) + "\"").orElse("")
              + " undecided: "
              + Texts.abbreviate(u.undecidedReason().orElse("unknown"), 200));
    }
  }

  /** The summary text. */
  public synchronized String render() {
    StringBuilder b = new StringBuilder("[leakcheck] report-only summary: ");
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
          .append(" (the tests passed; set leakcheck.mode=fail to fail them)");
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
    return b.toString();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      out.println(render());
    }
  }
}
