package org.leakcheck;

import java.io.PrintStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.leakcheck.internal.check.CheckRequest;
import org.leakcheck.internal.check.Checker;
import org.leakcheck.internal.collect.ForcedCollection;
import org.leakcheck.internal.config.Configuration;
import org.leakcheck.internal.config.ConfigurationException;
import org.leakcheck.internal.config.Warnings;
import org.leakcheck.internal.report.LeakReport;
import org.leakcheck.internal.report.RunSummary;
import org.leakcheck.internal.track.CallSite;
import org.leakcheck.internal.track.DefaultLeakTracker;
import org.leakcheck.internal.track.TrackerScope;

/**
 * The JUnit Jupiter extension behind {@link LeakCheck}: injects a {@link LeakTracker} into the
 * test, and after the test forces garbage collection and fails the test with a {@link
 * LeakDetectedError} if a tracked object is still strongly reachable. A tracked object that
 * survived the collections but could not be decided (no usable heap dump) is reported as undecided,
 * not as leaked: the test fails, or with {@code leakcheck.undecided=abort} is aborted.
 *
 * <p>Register it with {@link LeakCheck @LeakCheck}, {@code @ExtendWith(LeakCheckExtension.class)},
 * {@code @RegisterExtension}, or for a whole run through JUnit's extension auto-detection ({@code
 * junit.jupiter.extensions.autodetection.enabled=true}; the library declares it as a service). A
 * test that tracks nothing costs nothing: no collection is run for it. Registered more than once,
 * in any combination, it acts as one registration: one tracker and one check per test.
 *
 * <p>The check runs after everything else JUnit does for the test: its {@code @AfterEach} methods
 * and every extension's after-each and pre-destroy callbacks, whichever order the extensions were
 * registered in, so that what they clean up is not reported. A test that failed on its own keeps
 * its failure and is not checked, unless {@value LeakCheck#CHECK_FAILED_TESTS_KEY} is {@code true}
 * (leaks are then added to its failure as suppressed errors).
 */
public final class LeakCheckExtension implements BeforeEachCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(LeakCheckExtension.class);

  /** Key of the per-test {@link PendingCheck} in the method-level store. */
  private static final Object CHECK_KEY = PendingCheck.class;

  /**
   * Key under which the instance of this extension that resolves {@link LeakTracker} parameters is
   * recorded, so that registering the extension more than once still gives one resolver.
   */
  private static final Object RESOLVER_KEY = ParameterResolver.class;

  /** Key of the run summary in the root store. */
  private static final Object SUMMARY_KEY = RunSummary.class;

  /** Key of the run-wide configuration in the root store. */
  private static final Object CONFIGURATION_KEY = Configuration.class;

  /** Test seam: a {@link Checker} put in the root store under this key replaces ours. */
  static final Object CHECKER_KEY = Checker.class;

  /**
   * Test seam: {@link Warnings} put in the root store under this key receive the configuration
   * warnings instead of standard error.
   */
  static final Object WARNINGS_KEY = Warnings.class;

  /**
   * Test seam: a {@code PrintStream} put in the root store under this key receives what the
   * extension prints (warnings, report-only reports, the run summary) instead of standard error.
   */
  static final Object SUMMARY_OUT_KEY = PrintStream.class;

  /** Creates the extension; JUnit does this for you. */
  public LeakCheckExtension() {}

  /**
   * Reserves the check's place among the test's stored resources before the test runs: JUnit closes
   * them in the reverse order they were stored, so resources that other extensions store during the
   * test are closed before the check runs.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    PendingCheck check = pendingCheck(context);
    List<Annotated> withTypes = new ArrayList<>();
    for (Annotated a : annotations(context)) {
      if (a.annotation().instancesOf().length > 0) {
        withTypes.add(a);
      }
    }
    if (withTypes.isEmpty()) {
      return;
    }
    DefaultLeakTracker tracker = check.tracker(settings(context)).own();
    for (Annotated a : withTypes) {
      AnnotatedElement e = a.element();
      String on = e instanceof Method ? ((Method) e).getDeclaringClass().getName() : elementName(e);
      for (Class<?> type : a.annotation().instancesOf()) {
        tracker.trackInstancesOf(type, CallSite.annotationOn(on));
      }
    }
  }

  private static String elementName(AnnotatedElement e) {
    return e instanceof Class<?> ? ((Class<?>) e).getName() : e.toString();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext context) {
    if (parameterContext.getParameter().getType() != LeakTracker.class) {
      return false;
    }
    // Registered twice (@LeakCheck and @RegisterExtension, say), JUnit asks every instance: the
    // first one asked answers for all, instead of two competing resolvers failing the test.
    Object resolver =
        context.getStore(NAMESPACE).getOrComputeIfAbsent(RESOLVER_KEY, key -> this, Object.class);
    return resolver == this;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "A LeakTracker belongs to one test: inject it into a @Test, @BeforeEach or @AfterEach"
              + " method, not into "
              + parameterContext.getDeclaringExecutable());
    }
    Configuration settings = settings(context); // a bad configuration fails the test before it runs
    return pendingCheck(context).tracker(settings);
  }

  private static PendingCheck pendingCheck(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(CHECK_KEY, key -> new PendingCheck(context), PendingCheck.class);
  }

  /**
   * The check of one test, run when JUnit closes the test's store: after the test, its
   * {@code @AfterEach} methods, every extension's after-each and pre-destroy callbacks, whatever
   * the order in which the extensions were registered, so that their cleanup counts. Through {@code
   * CloseableResource} (closed on every JUnit version, even with automatic closing of {@code
   * AutoCloseable} values switched off) and {@code AutoCloseable}; it runs once.
   */
  private static final class PendingCheck
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ExtensionContext context;
    private DefaultLeakTracker tracker;
    private LeakTracker injected;
    private boolean done;

    PendingCheck(ExtensionContext context) {
      this.context = context;
    }

    /** The test's one tracker: every parameter of the test's methods gets the same. */
    synchronized LeakTracker tracker(Configuration settings) {
      if (tracker == null) {
        tracker = new DefaultLeakTracker(new TestScope(context, settings));
        injected = new LeakTracker(tracker);
      }
      return injected;
    }

    @Override
    public void close() {
      DefaultLeakTracker tracker;
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
        tracker = this.tracker;
      }
      if (tracker == null) {
        return;
      }
      tracker.end(testDescription(context));
      if (tracker.isEmpty()) {
        return;
      }
      Configuration settings = tracker.scope().settings();
      if (context.getExecutionException().isPresent() && !settings.checkFailedTests()) {
        tracker.drain(); // the test's own failure explains it; no dump for it
        return;
      }
      check(context, tracker, settings);
    }
  }

  private static void check(
      ExtensionContext context, DefaultLeakTracker tracker, Configuration settings) {
    Checker checker =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrDefault(CHECKER_KEY, Checker.class, Checker.DEFAULT);
    Checker.Result result =
        checker.check(
            CheckRequest.draining(
                tracker, settings, LeakReport.AFTER_THE_TEST, ForcedCollection.Wait.UNTIL_SETTLED));
    result.writeJsonReport(
        settings.reportsDir(), tracker.scope().testClass(), tracker.scope().testName());
    RunSummary summary = settings.mode() == LeakCheck.Mode.REPORT_ONLY ? summary(context) : null;
    if (summary != null) {
      summary.checked();
    }
    if (!result.survivedWithoutLeaking().isEmpty()) {
      context.publishReportEntry(
          "leakcheck", LeakReport.survivedWithoutLeaking(result.survivedWithoutLeaking()));
    }
    for (RetainingPath path : result.retainedTestInstances()) {
      String warning = LeakReport.retainedTestInstance(testDescription(context), path);
      out(context).println(warning);
      context.publishReportEntry("leakcheck", warning);
      summary(context).retainedTestInstance(testDescription(context), path.root().description());
    }
    if (result.clean()) {
      return;
    }
    if (summary != null) {
      LeakDetectedError error = result.error();
      String test = testDescription(context);
      if (!error.leakedObjects().isEmpty()) {
        summary.leaked(test, error.leakedObjects(), modeAnnotatedOn(context));
      }
      if (!error.undecidedObjects().isEmpty()) {
        summary.undecided(test, error.undecidedObjects());
      }
      String report = LeakReport.reportOnly(test, error.getMessage());
      out(context).println(report);
      context.publishReportEntry("leakcheck", report);
      return;
    }
    result.throwIfNotClean();
  }

  /**
   * Where the nearest {@code @LeakCheck} that sets a mode is ({@code CartTests}, {@code
   * CartTests.adds}), or empty when the configuration sets the test's mode.
   */
  private static Optional<String> modeAnnotatedOn(ExtensionContext context) {
    for (Annotated a : annotations(context)) {
      if (a.annotation().mode() != LeakCheck.Mode.DEFAULT) {
        AnnotatedElement e = a.element();
        return Optional.of(
            e instanceof Class<?>
                ? ((Class<?>) e).getSimpleName()
                : e instanceof Method
                    ? ((Method) e).getDeclaringClass().getSimpleName()
                        + "."
                        + ((Method) e).getName()
                    : e.toString());
      }
    }
    return Optional.empty();
  }

  /** {@code ManagerTests > removedWorkerIsCollectable(LeakTracker)}. */
  private static String testDescription(ExtensionContext context) {
    return context.getRequiredTestClass().getSimpleName() + " > " + context.getDisplayName();
  }

  /** Where the run's warnings, report-only reports and summary are printed: standard error. */
  private static PrintStream out(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrDefault(SUMMARY_OUT_KEY, PrintStream.class, System.err);
  }

  private static RunSummary summary(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SUMMARY_KEY,
            key -> new ClosingSummary(new RunSummary(out(context))),
            ClosingSummary.class)
        .summary;
  }

  /**
   * Closes the summary when JUnit closes the root store: through {@code CloseableResource} on JUnit
   * before 5.13, through {@code AutoCloseable} after; closing twice prints once.
   */
  private static final class ClosingSummary
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final RunSummary summary;

    ClosingSummary(RunSummary summary) {
      this.summary = summary;
    }

    @Override
    public void close() {
      summary.close();
    }
  }

  /** A test's scope: what JUnit holds for it does not count. */
  private static final class TestScope implements TrackerScope {
    private final ExtensionContext context;
    private final Configuration settings;

    TestScope(ExtensionContext context, Configuration settings) {
      this.context = context;
      this.settings = settings;
    }

    @Override
    public Configuration settings() {
      return settings;
    }

    @Override
    public List<Object> excluded() {
      List<Object> excluded = new ArrayList<>();
      context.getExecutionException().ifPresent(excluded::add);
      return excluded;
    }

    @Override
    public List<Object> testInstances() {
      List<Object> instances = new ArrayList<>();
      context.getTestInstances().ifPresent(all -> instances.addAll(all.getAllInstances()));
      return instances;
    }

    @Override
    public String testClass() {
      return context.getRequiredTestClass().getName();
    }

    @Override
    public String testName() {
      return context.getRequiredTestMethod().getName() + uniqueSuffix(context);
    }
  }

  /** Tells repeated and parameterized invocations apart in report file names. */
  private static String uniqueSuffix(ExtensionContext context) {
    String id = context.getUniqueId();
    int invocation = id.lastIndexOf("-invocation:#");
    return invocation < 0
        ? ""
        : "-" + id.substring(invocation + "-invocation:#".length()).replaceAll("\\D", "");
  }

  /** The run-wide configuration, with this test's {@link LeakCheck} attributes applied. */
  private static Configuration settings(ExtensionContext context) {
    Configuration base;
    try {
      base =
          context
              .getRoot()
              .getStore(NAMESPACE)
              .getOrComputeIfAbsent(
                  CONFIGURATION_KEY,
                  key ->
                      Configuration.from(
                          context::getConfigurationParameter,
                          Configuration.discoverKeys(LeakCheckExtension.class.getClassLoader()),
                          context
                              .getRoot()
                              .getStore(NAMESPACE)
                              .getOrDefault(WARNINGS_KEY, Warnings.class, Warnings.STANDARD_ERROR)),
                  Configuration.class);
    } catch (ConfigurationException e) {
      throw new ExtensionConfigurationException("leakcheck: " + e.getMessage(), e);
    }
    Optional<Duration> timeout = Optional.empty();
    Optional<LeakCheck.Mode> mode = Optional.empty();
    for (Annotated annotated : annotations(context)) {
      LeakCheck a = annotated.annotation();
      if (timeout.isEmpty() && !a.timeout().isEmpty()) {
        try {
          timeout =
              Optional.of(
                  Configuration.parseDuration(
                      "@LeakCheck(timeout) on " + annotated.element(), a.timeout()));
        } catch (ConfigurationException e) {
          throw new ExtensionConfigurationException("leakcheck: " + e.getMessage(), e);
        }
      }
      if (mode.isEmpty() && a.mode() != LeakCheck.Mode.DEFAULT) {
        mode = Optional.of(a.mode());
      }
    }
    return base.with(timeout, mode);
  }

  /** A {@code @LeakCheck} and the element it is found on (directly or as a meta-annotation). */
  private record Annotated(AnnotatedElement element, LeakCheck annotation) {}

  /** The {@code @LeakCheck} annotations from the test method outwards, the nearest first. */
  private static List<Annotated> annotations(ExtensionContext context) {
    List<Annotated> result = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      AnnotationSupport.findAnnotation(element, LeakCheck.class)
          .ifPresent(a -> result.add(new Annotated(element.get(), a)));
    }
    return result;
  }
}
