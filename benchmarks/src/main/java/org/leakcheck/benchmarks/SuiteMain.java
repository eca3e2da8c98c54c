package org.leakcheck.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one 1,000-test suite of {@link SuiteFixtures} in this JVM: {@code SuiteMain <plain | nothing
 * | one> <liveMb>}. Prints {@code RESULT suiteMs=<ms> tests=<n> failed=<n>}: discovery and
 * execution, without JVM start and the live heap's allocation.
 */
public final class SuiteMain {

  private SuiteMain() {}

  public static void main(String[] args) {
    Class<?> fixture =
        switch (args[0]) {
          case "plain" -> SuiteFixtures.PlainCase.class;
          case "nothing" -> SuiteFixtures.NothingTrackedCase.class;
          case "one" -> SuiteFixtures.OneTrackedCase.class;
          default -> throw new IllegalArgumentException(args[0]);
        };
    Ballast.fill(Integer.parseInt(args[1]));
    System.gc();
    Launcher launcher = LauncherFactory.create();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(request, listener);
    long nanos = System.nanoTime() - start;
    TestExecutionSummary summary = listener.getSummary();
    System.out.printf(
        "RESULT suiteMs=%.1f tests=%d failed=%d ballast=%d%n",
        nanos / 1e6,
        summary.getTestsSucceededCount(),
        summary.getTestsFailedCount(),
        Ballast.size());
    summary.getFailures().stream().limit(3).forEach(f -> f.getException().printStackTrace());
  }
}
