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
 *
 * <p>The launcher's {@code ConfigurationParameters.keySet()} (JUnit 5.10 to 6.x: {@code
 * LauncherConfigurationParameters}) is the union of every source it reads: the explicit parameters,
 * configuration resources, a parent's parameters, <em>all system properties</em> and {@code
 * junit-platform.properties}. A key that is a system property when the plan starts cannot be told
 * apart from an explicit parameter of the same name, so it is left out here and counts as a system
 * property: a {@code -D} property must never break a run.
 */
public final class LauncherKeys implements TestExecutionListener {

  private static volatile Set<String> current = Set.of();

  /** The keys of the plan that was running when this listener's plan started. */
  private Set<String> previous = Set.of();

  /** Creates the listener; the launcher does this through the service loader. */
  public LauncherKeys() {}

  /** The {@code leakcheck.*} parameters of the running test plan; empty outside a launcher run. */
  static Set<String> current() {
    return current;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    previous = current;
    Set<String> keys;
    try {
      keys = new TreeSet<>(Configuration.ours(testPlan.getConfigurationParameters().keySet()));
    } catch (RuntimeException | LinkageError e) {
      return; // an older launcher without keySet(): the other sources are still checked
    }
    keys.removeAll(System.getProperties().stringPropertyNames());
    current = Set.copyOf(keys);
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    current = previous; // a launcher run inside another's (a test of a test) hands the keys back
    previous = Set.of();
  }
}
