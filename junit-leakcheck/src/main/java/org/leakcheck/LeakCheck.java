package org.leakcheck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a memory leak a failing test.
 *
 * <p>A test annotated (directly, through its class, an enclosing class or a meta-annotation) gets a
 * {@link LeakTracker} injected. Objects registered with {@link LeakTracker#track(Object)} are
 * expected to become garbage by the end of the test: after the test the extension forces garbage
 * collection, and if one of them is still strongly reachable the test fails with a {@link
 * LeakDetectedError} naming it and, where it can be computed, the chain of references that retains
 * it.
 *
 * <p>From {@code examples/src/test/java/org/leakcheck/examples/manager/ManagerTests.java} (the
 * manager lives as long as the application: in a test, a static field plays that role; a local
 * manager would be garbage with everything it holds, and no leak could show):
 *
 * <pre>{@code
 * @LeakCheck
 * class ManagerTests {
 *   // ...
 *   static final Manager MANAGER = new Manager();
 *   // ...
 *   @Test
 *   void removedWorkerIsCollectable(LeakTracker leaks) {
 *     leaks.track(MANAGER.addWorker("Alice"), "Alice");
 *     MANAGER.removeWorker("Alice");
 *   }
 *   // ...
 * }
 * }</pre>
 *
 * <p>Every setting can also be made for the whole run through JUnit configuration parameters (the
 * {@code *_KEY} constants below); an attribute given here overrides the parameter for the annotated
 * class or method.
 *
 * @see LeakCheckExtension
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(LeakCheckExtension.class)
public @interface LeakCheck {

  /**
   * Configuration parameter for how long, at most, to wait for the tracked objects to be collected:
   * {@value}. A duration such as {@code 2s}, {@code 500ms}, {@code 1m} or an ISO-8601 duration
   * ({@code PT2S}). Default: {@code 2s}.
   */
  String TIMEOUT_KEY = "leakcheck.timeout";

  /**
   * Configuration parameter for what happens when a leak is found: {@value}. {@code fail} (default)
   * fails the test; {@code report-only} prints the leak report and lets the test pass, for adopting
   * the extension in an existing suite.
   */
  String MODE_KEY = "leakcheck.mode";

  /**
   * Configuration parameter for whether to compute the retaining path of a leaked object from a
   * heap dump: {@value}. {@code true} (default) or {@code false}. Without it no heap dump is taken,
   * so a survivor of the collections cannot be told apart from an object held only by the test
   * instance or by JUnit itself: it is reported as undecided (see {@link #UNDECIDED_KEY}).
   */
  String RETAINING_PATH_KEY = "leakcheck.retainingPath";

  /**
   * Configuration parameter for the directory of heap dumps and JSON leak reports: {@value}.
   * Default: {@code target/leakcheck}, relative to the working directory.
   */
  String REPORTS_DIR_KEY = "leakcheck.reportsDir";

  /**
   * Configuration parameter for which heap dumps to keep after analysis: {@value}. {@code never}
   * (default: a dump holds whatever the JVM held, passwords included), {@code on-failure} (keep the
   * dump when it showed a leak) or {@code always}.
   */
  String KEEP_DUMPS_KEY = "leakcheck.keepDumps";

  /**
   * Configuration parameter for the longest time the heap dump analysis may take: {@value}; same
   * syntax as {@link #TIMEOUT_KEY}. Default: {@code 2m}. Past it the survivors are reported as
   * undecided.
   */
  String ANALYSIS_TIMEOUT_KEY = "leakcheck.analysis.timeout";

  /**
   * Configuration parameter for the maximum heap of the JVM that analyses the dump: {@value}, as
   * for {@code -Xmx} ({@code 512m}, {@code 2g}). Default: chosen from the dump's size.
   */
  String ANALYSIS_MAX_HEAP_KEY = "leakcheck.analysis.maxHeap";

  /**
   * Configuration parameter for what happens to a test whose tracked objects survived the forced
   * collections but could not be decided leaked or not (the heap dump could not be written or
   * analysed, or {@link #RETAINING_PATH_KEY} is {@code false}): {@value}. {@code fail} (default)
   * fails the test with a {@link LeakDetectedError} that says why; {@code abort} aborts it with the
   * same message (JUnit reports it as aborted, like a failed assumption). A test with a real leak
   * fails either way.
   */
  String UNDECIDED_KEY = "leakcheck.undecided";

  /**
   * Configuration parameter for whether a test that failed on its own is checked for leaks too:
   * {@value}. {@code false} (default): its own failure is the result and no heap dump is paid for
   * it; {@code true}: it is checked, and its leaks are added to its failure as suppressed errors.
   */
  String CHECK_FAILED_TESTS_KEY = "leakcheck.checkFailedTests";

  /**
   * Configuration parameter for more packages (or classes) of test infrastructure, whose statics,
   * stack frames and thread-local values do not make a leak: {@value}. A comma-separated list of
   * package names ({@code com.example.testsupport}) or class names, added to the default list
   * (JUnit, the Maven, Gradle, IntelliJ and Eclipse test runners, Mockito and Spring's TestContext
   * framework). Default: none added.
   */
  String FRAMEWORK_PACKAGES_KEY = "leakcheck.frameworkPackages";

  /**
   * How long to wait for collection, overriding {@link #TIMEOUT_KEY}; same syntax. Empty (the
   * default) means: use the configuration parameter.
   *
   * @return the timeout, or empty
   */
  String timeout() default "";

  /**
   * What happens when a leak is found, overriding {@link #MODE_KEY}.
   *
   * @return the mode
   */
  Mode mode() default Mode.DEFAULT;

  /**
   * Types none of whose instances may survive any test of the annotated class (or the annotated
   * method), as if each test called {@link LeakTracker#trackInstancesOf(Class)} for each: a test
   * method's types add to its class's. A type refused by {@code trackInstancesOf} fails the test
   * with the reason.
   *
   * @return the types, none by default
   */
  Class<?>[] instancesOf() default {};

  /** What the extension does when it finds a leak. */
  enum Mode {
    /** Use the configuration parameter {@link LeakCheck#MODE_KEY} (itself defaulting to FAIL). */
    DEFAULT,
    /** Fail the test with a {@link LeakDetectedError}. */
    FAIL,
    /** Print the leak report and let the test pass. */
    REPORT_ONLY
  }
}
