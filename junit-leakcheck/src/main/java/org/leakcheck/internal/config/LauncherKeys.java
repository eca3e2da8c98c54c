package org.leakcheck.internal.config;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Sees the configuration parameters given to the JUnit launcher (Surefire's {@code
 * configurationParameters}, an IDE's, the console launcher's), which an extension cannot list, so
 * that a mistyped {@code leakcheck.*} key there is an error too. Registered as a service; the
 * launcher calls it before any test runs.
 */
public final class LauncherKeys implements TestExecutionListener {

  private static volatile Set<String> current = Set.of();

  /** The {@code leakcheck.*} keys of the running test plan; empty outside a launcher run. */
  static Set<String> current() {
    return current;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    Set<String> keys = new TreeSet<>();
    try {
      for (String key : testPlan.getConfigurationParameters().keySet()) {
        if (key.startsWith(Configuration.PREFIX)) {
          keys.add(key);
        }
      }
    } catch (RuntimeException | LinkageError e) {
      return; // an older launcher without keySet(): the other sources are still checked
    }
    current = Set.copyOf(keys);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    current = Set.of();
  }
}
