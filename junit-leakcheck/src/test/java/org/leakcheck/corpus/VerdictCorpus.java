package org.leakcheck.corpus;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedInstances;
import org.leakcheck.LeakedObject;
import org.leakcheck.corpus.Expect.Verdict;

/**
 * Runs the verdict corpus ({@link LeakScenarios}, {@link NonLeakScenarios}) through the Jupiter
 * engine and compares every test's verdict with its {@link Expect}. Used by {@link
 * VerdictCorpusTests} in the build and, through {@link #main}, by {@code .ci/matrix} in a JVM per
 * collector and flag.
 *
 * <p>Besides the verdict it checks that a reported leak has its retaining path (a leak found for
 * the wrong reason is not a right verdict) and that no heap dump is left behind with the default
 * configuration.
 */
public final class VerdictCorpus {

  /** System property: how many times {@link #main} runs the corpus in each mode. */
  public static final String REPETITIONS_PROPERTY = "corpus.repetitions";

  /**
   * System property: the modes {@link #main} runs, comma-separated: {@code sequential,parallel}.
   */
  public static final String MODES_PROPERTY = "corpus.modes";

  static final List<Class<?>> FIXTURES =
      List.of(
          LeakScenarios.PerMethodTestCase.class,
          LeakScenarios.TrackedInBeforeEachTestCase.class,
          LeakScenarios.PerClassTestCase.class,
          LeakScenarios.MockitoTestCase.class,
          NonLeakScenarios.PerMethodTestCase.class,
          NonLeakScenarios.PerClassTestCase.class,
          NonLeakScenarios.MockitoTestCase.class,
          NonLeakScenarios.NestedTestCase.class,
          NonLeakScenarios.TrackedRightBeforeTheCheckTestCase.class,
          RegistrationScenarios.CleanupRegisteredFirstTestCase.class,
          RegistrationScenarios.CleanupRegisteredLastTestCase.class,
          RegistrationScenarios.PerClassCleanupRegisteredLastTestCase.class,
          RegistrationScenarios.CleanupInFieldsTestCase.class,
          RegistrationScenarios.ServerLeftRunningRegisteredFirstTestCase.class,
          RegistrationScenarios.ServerLeftRunningRegisteredLastTestCase.class,
          NonLeakScenarios.TestInstanceRetainedTestCase.class,
          InstanceScenarios.LeakTestCase.class,
          InstanceScenarios.NonLeakTestCase.class);

  /** How the engine runs the corpus. */
  public enum Mode {
    SEQUENTIAL(Map.of("junit.jupiter.execution.parallel.enabled", "false")),
    PARALLEL(parallel(Map.of())),
    /**
     * Parallel on the thread-pool executor of JUnit 6.1+ instead of the fork-join pool (older JUnit
     * ignores the key and runs the fork-join pool).
     */
    WORKER_POOL(
        parallel(
            Map.of(
                "junit.jupiter.execution.parallel.config.executor-service", "WORKER_THREAD_POOL")));

    final Map<String, String> configuration;

    Mode(Map<String, String> configuration) {
      this.configuration = configuration;
    }

    /** Concurrent classes and methods, fixed parallelism 4, plus {@code extra}. */
    private static Map<String, String> parallel(Map<String, String> extra) {
      Map<String, String> configuration =
          new LinkedHashMap<>(
              Map.of(
                  "junit.jupiter.execution.parallel.enabled", "true",
                  "junit.jupiter.execution.parallel.mode.default", "concurrent",
                  "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                  "junit.jupiter.execution.parallel.config.strategy", "fixed",
                  "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"));
      configuration.putAll(extra);
      return Map.copyOf(configuration);
    }
  }

  private VerdictCorpus() {}

  /** One wrong verdict. */
  static final class Mismatch {
    final String scenario;
    final String expected;
    final String actual;

    Mismatch(String scenario, String expected, String actual) {
      this.scenario = scenario;
      this.expected = expected;
      this.actual = actual;
    }

    String key() {
      return scenario + "\u0000" + expected + "\u0000" + actual;
    }
  }

  /** The verdicts of one or more runs of the corpus. */
  static final class Tally {
    int runs;
    int leakRight;
    int leakWrong;
    int noLeakRight;
    int noLeakWrong;

    /** Wrong results that belong to no scenario: a fixture that did not run, a dump left behind. */
    int otherWrong;

    final List<Mismatch> mismatches = new ArrayList<>();

    int wrong() {
      return leakWrong + noLeakWrong + otherWrong;
    }

    void add(Tally other) {
      runs += other.runs;
      leakRight += other.leakRight;
      leakWrong += other.leakWrong;
      noLeakRight += other.noLeakRight;
      noLeakWrong += other.noLeakWrong;
      otherWrong += other.otherWrong;
      mismatches.addAll(other.mismatches);
    }

    /** {@code leak 22/22 right, no-leak 33/33 right} */
    String summary() {
      return String.format(
          Locale.ROOT,
          "%d run(s): leak %d/%d right, no-leak %d/%d right, %d other problem(s)",
          runs,
          leakRight,
          leakRight + leakWrong,
          noLeakRight,
          noLeakRight + noLeakWrong,
          otherWrong);
    }

    /** The mismatches, one line per scenario and wrong outcome, with how often it happened. */
    String mismatchTable() {
      if (mismatches.isEmpty()) {
        return "no wrong verdicts";
      }
      Map<String, List<Mismatch>> byKey = new LinkedHashMap<>();
      for (Mismatch m : mismatches) {
        byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
      }
      int width =
          Math.max(
              "scenario".length(),
              mismatches.stream().mapToInt(m -> m.scenario.length()).max().orElse(0));
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "%-" + width + "s  %-8s  %5s  %s%n",
              "scenario",
              "expected",
              "times",
              "actual"));
      for (List<Mismatch> same : byKey.values()) {
        Mismatch m = same.get(0);
        out.append(
            String.format(
                Locale.ROOT,
                "%-" + width + "s  %-8s  %2d/%-2d  %s%n",
                m.scenario,
                m.expected,
                same.size(),
                runs,
                m.actual));
      }
      return out.toString();
    }
  }

  /**
   * Runs the corpus {@code repetitions} times in {@code mode}; releases what it leaked after each
   * run.
   */
  static Tally run(Mode mode, int repetitions) {
    Tally total = new Tally();
    for (int i = 0; i < repetitions; i++) {
      total.add(runOnce(mode));
    }
    return total;
  }

  /**
   * Runs the corpus once. One run at a time: the scenarios share static state that is released
   * between runs.
   */
  static synchronized Tally runOnce(Mode mode) {
    Path reports;
    try {
      reports = Files.createTempDirectory("leakcheck-corpus");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<String, String> configuration = new LinkedHashMap<>(mode.configuration);
      configuration.put(LeakCheck.REPORTS_DIR_KEY, reports.toString()); // keepDumps: the default
      configuration.put(CorpusScenario.RUN_KEY, "true");
      EngineExecutionResults results =
          EngineTestKit.engine("junit-jupiter")
              .configurationParameters(configuration)
              .selectors(FIXTURES.stream().map(c -> selectClass(c)).toArray(ClassSelector[]::new))
              .execute();
      Tally tally = judge(results);
      for (Path dump : files(reports, ".hprof")) {
        tally.otherWrong++;
        tally.mismatches.add(
            new Mismatch(
                "(" + mode.name().toLowerCase(Locale.ROOT) + " run)",
                "no dump",
                "dump left behind: " + reports.relativize(dump)));
      }
      return tally;
    } finally {
      Scenarios.reset();
      deleteTree(reports);
    }
  }

  static Tally judge(EngineExecutionResults results) {
    Tally tally = new Tally();
    tally.runs = 1;
    for (Event event : results.containerEvents().failed().list()) {
      tally.otherWrong++;
      tally.mismatches.add(
          new Mismatch(
              event.getTestDescriptor().getDisplayName(),
              "runs",
              "container failed: " + oneLine(throwable(event).orElse(null))));
    }
    for (Event event : results.testEvents().finished().list()) {
      TestDescriptor test = event.getTestDescriptor();
      Optional<Method> method =
          test.getSource()
              .filter(MethodSource.class::isInstance)
              .map(s -> ((MethodSource) s).getJavaMethod());
      String scenario = scenarioName(test);
      Expect expect = method.map(m -> m.getAnnotation(Expect.class)).orElse(null);
      if (expect == null) {
        tally.otherWrong++;
        tally.mismatches.add(new Mismatch(scenario, "?", "the scenario has no @Expect"));
        continue;
      }
      Optional<String> wrong = wrongness(expect, throwable(event).orElse(null));
      boolean leak = expect.value() == Verdict.LEAK;
      if (wrong.isEmpty()) {
        if (leak) {
          tally.leakRight++;
        } else {
          tally.noLeakRight++;
        }
      } else {
        if (leak) {
          tally.leakWrong++;
        } else {
          tally.noLeakWrong++;
        }
        tally.mismatches.add(new Mismatch(scenario, expect.value().name(), wrong.get()));
      }
    }
    return tally;
  }

  /**
   * What is wrong with {@code failure} as the outcome of a scenario expecting {@code expect}, if
   * anything.
   */
  static Optional<String> wrongness(Expect expect, Throwable failure) {
    if (expect.value() == Verdict.LEAK) {
      if (!(failure instanceof LeakDetectedError)) {
        return Optional.of(
            failure == null ? "NO_LEAK: the test passed" : "ERROR: " + oneLine(failure));
      }
      for (LeakedInstances instances : ((LeakDetectedError) failure).leakedInstances()) {
        if (instances.groups().isEmpty()) {
          return Optional.of("LEAK of " + instances + " without a path");
        }
      }
      for (LeakedObject leaked : ((LeakDetectedError) failure).leakedObjects()) {
        String label = leaked.label().orElse("(no label)");
        if (!label.startsWith("leak")) {
          return Optional.of("LEAK, but also reported \"" + label + "\"" + root(leaked));
        }
        if (leaked.retainingPath().isEmpty()) {
          return Optional.of("LEAK without a path: " + leaked.noPathReason().orElse("no reason"));
        }
      }
      return Optional.empty();
    }
    if (failure == null) {
      return expect.failsWith() == Expect.NoFailure.class
          ? Optional.empty()
          : Optional.of(
              "the test passed, expected it to fail with " + expect.failsWith().getSimpleName());
    }
    Optional<LeakDetectedError> leak =
        failure instanceof LeakDetectedError
            ? Optional.of((LeakDetectedError) failure)
            : Stream.of(failure.getSuppressed())
                .filter(LeakDetectedError.class::isInstance)
                .map(LeakDetectedError.class::cast)
                .findFirst();
    if (leak.isPresent() && leak.get().leakedObjects().isEmpty()) {
      List<LeakedInstances> instances = leak.get().leakedInstances();
      return Optional.of(
          instances.isEmpty()
              ? "UNDECIDED: " + oneLine(leak.get())
              : "LEAK: "
                  + instances.get(0)
                  + " held by "
                  + instances.get(0).groups().get(0).retainingPath().root());
    }
    if (leak.isPresent()) {
      LeakedObject first = leak.get().leakedObjects().get(0);
      return Optional.of("LEAK: \"" + first.label().orElse("(no label)") + "\"" + root(first));
    }
    return expect.failsWith().isInstance(failure)
        ? Optional.empty()
        : Optional.of("ERROR: " + oneLine(failure));
  }

  private static String root(LeakedObject leaked) {
    return leaked
        .retainingPath()
        .map(p -> " held by " + p.root())
        .orElse(" (" + leaked.noPathReason().orElse("no path") + ")");
  }

  /** {@code NonLeakScenarios.PerMethodTestCase.parameterizedArgument[2]} */
  static String scenarioName(TestDescriptor test) {
    String name =
        test.getSource()
            .filter(MethodSource.class::isInstance)
            .map(MethodSource.class::cast)
            .map(
                s ->
                    s.getClassName()
                            .substring(s.getClassName().lastIndexOf('.') + 1)
                            .replace('$', '.')
                        + "."
                        + s.getMethodName())
            .orElse(test.getDisplayName());
    String last = test.getUniqueId().getLastSegment().getValue();
    return last.startsWith("#") ? name + "[" + last.substring(1) + "]" : name;
  }

  private static Optional<Throwable> throwable(Event event) {
    return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
  }

  private static String oneLine(Throwable t) {
    if (t == null) {
      return "(no exception)";
    }
    String message = String.valueOf(t.getMessage());
    int newline = message.indexOf('\n');
    return t.getClass().getSimpleName()
        + ": "
        + (newline < 0 ? message : message.substring(0, newline));
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary directory; left for the OS.
    }
  }

  /**
   * Runs the corpus {@value #REPETITIONS_PROPERTY} times (default 20) in each of {@value
   * #MODES_PROPERTY} (default both), prints the wrong verdicts as a table and a last line {@code
   * RESULT leak=<right>/<total> no-leak=<right>/<total> other=<n> seconds=<s>}, and exits with 1
   * when any verdict was wrong.
   */
  public static void main(String[] args) {
    int repetitions = Integer.getInteger(REPETITIONS_PROPERTY, 20);
    String modes = System.getProperty(MODES_PROPERTY, "sequential,parallel");
    long start = System.nanoTime();
    Tally total = new Tally();
    for (String name : modes.split(",")) {
      Mode mode = Mode.valueOf(name.trim().toUpperCase(Locale.ROOT));
      long modeStart = System.nanoTime();
      Tally tally = run(mode, repetitions);
      System.out.printf(
          Locale.ROOT,
          "%s: %s (%.1f s)%n",
          mode.name().toLowerCase(Locale.ROOT),
          tally.summary(),
          (System.nanoTime() - modeStart) / 1e9);
      if (tally.wrong() > 0) {
        System.out.print(tally.mismatchTable());
      }
      total.add(tally);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT leak=%d/%d no-leak=%d/%d other=%d seconds=%.1f%n",
        total.leakRight,
        total.leakRight + total.leakWrong,
        total.noLeakRight,
        total.noLeakRight + total.noLeakWrong,
        total.otherWrong,
        (System.nanoTime() - start) / 1e9);
    System.exit(total.wrong() == 0 ? 0 : 1);
  }
}
