package org.leakcheck.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every measurement of {@code benchmarks/} once and writes {@code docs/performance.md}: {@code
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--out docs/performance.md]}.
 *
 * <p>JMH times the functions (a passing check, its alternatives, the tracked-object scaling); whole
 * child JVMs under {@code /usr/bin/time} time the rest (the 1,000-test suites, a leak on a live
 * heap of 50 MB, 500 MB and 2 GB, the analysers on its dump). Every heap dump is written to a
 * private temporary directory that is deleted before this returns.
 */
public final class RunAll {

  private final boolean quick;
  private final Path jar;
  private final String javaExe;
  private final Path work;
  private final StringBuilder doc = new StringBuilder();
  private final List<String> misses = new ArrayList<>();

  private RunAll(boolean quick, Path jar, String javaExe, Path work) {
    this.quick = quick;
    this.jar = jar;
    this.javaExe = javaExe;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path out = Path.of("docs", "performance.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--out" -> out = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException("usage: [--quick] [--out docs/performance.md]");
      }
    }
    Path jar = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path work = Files.createTempDirectory("leakcheck-bench-");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(work)));
    long start = System.nanoTime();
    try {
      RunAll run = new RunAll(quick, jar, javaExe, work);
      String text = run.measure(quick ? "--quick" : "") + handWritten(out);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, text, StandardCharsets.UTF_8);
      System.out.printf("wrote %s in %.0f s%n", out, (System.nanoTime() - start) / 1e9);
    } finally {
      deleteRecursively(work);
    }
  }

  private String measure(String args) throws Exception {
    log("JMH: passing checks and scaling");
    Map<String, double[]> jmh = jmh();
    log("1,000-test suites");
    Map<String, Proc> suites = new HashMap<>();
    for (String variant : List.of("plain", "nothing", "one")) {
      suites.put(variant, bestSuite(variant));
    }
    log("time to report");
    List<int[]> heaps = new ArrayList<>();
    List<Proc[]> reports = new ArrayList<>();
    for (int liveMb : quick ? new int[] {50, 500} : new int[] {50, 500, 2000}) {
      heaps.add(new int[] {liveMb});
      reports.add(report(liveMb));
    }
    header(args);
    passing(jmh);
    scaling(jmh, suites);
    timeToReport(heaps, reports);
    memory(heaps, reports);
    targets();
    return doc.toString();
  }

  // ---------------------------------------------------------------- running

  private Map<String, double[]> jmh() throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(PassingCheckBenchmark.class.getName())
            .include(TrackedCountBenchmark.class.getName())
            .jvm(javaExe)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(1))
            .forks(1)
            .shouldFailOnError(true);
    if (quick) {
      options.param("liveMb", "8", "500");
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String live = r.getParams().getParam("liveMb");
      String tracked = r.getParams().getParam("tracked");
      String key = tracked != null ? "tracked" + tracked : method + "@" + live;
      scores.put(
          key,
          new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    return scores;
  }

  private Proc bestSuite(String variant) throws IOException, InterruptedException {
    Proc best = null;
    for (int i = 0; i < (quick ? 1 : 3); i++) {
      Proc p =
          Proc.run(
              work,
              "suite-" + variant + i,
              600,
              List.of(
                  javaExe,
                  "-Xms2g",
                  "-Xmx2g",
                  "-cp",
                  jar.toString(),
                  SuiteMain.class.getName(),
                  variant,
                  "8"));
      check(p, "suite " + variant);
      if (best == null || p.number("suiteMs") < best.number("suiteMs")) {
        best = p;
      }
    }
    return best;
  }

  /** The leak scenario, our analysis and Shark's on its dump; the dump is deleted after. */
  private Proc[] report(int liveMb) throws IOException, InterruptedException {
    Path dir = Files.createDirectory(work.resolve("heap" + liveMb));
    try {
      log("  " + liveMb + " MB live: leak scenario");
      Proc scenario =
          Proc.run(
              work,
              "scenario" + liveMb,
              1200,
              List.of(
                  javaExe,
                  "-Xmx3g",
                  "-cp",
                  jar.toString(),
                  LeakScenario.class.getName(),
                  Integer.toString(liveMb),
                  dir.toString()));
      check(scenario, "leak scenario " + liveMb);
      Path dump = dir.resolve("heap.hprof");
      String xmx =
          Proc.run(
                  work,
                  "xmx" + liveMb,
                  60,
                  List.of(
                      javaExe,
                      "-cp",
                      jar.toString(),
                      "org.leakcheck.internal.analysis.AnalysisProbe",
                      "--xmx",
                      dump.toString()))
              .output
              .trim();
      log("  " + liveMb + " MB live: our analysis (-Xmx" + xmx + ")");
      Proc ours =
          Proc.run(
              work,
              "ours" + liveMb,
              1200,
              List.of(
                  javaExe,
                  "-Xmx" + xmx,
                  "-XX:+UseParallelGC",
                  "-cp",
                  jar.toString(),
                  "org.leakcheck.internal.analysis.AnalysisProbe",
                  dump.toString(),
                  "3"));
      check(ours, "our analysis " + liveMb);
      ours.results.put("xmx", xmx);
      long dumpBytes = Files.size(dump);
      long sharkHeap = Math.min(12L << 30, Math.max(2L << 30, 8 * dumpBytes));
      String sharkXmx = (sharkHeap >> 20) + "m";
      long sharkTimeout = quick ? 120 : 300;
      log("  " + liveMb + " MB live: Shark (-Xmx" + sharkXmx + ", at most " + sharkTimeout + " s)");
      Proc shark =
          Proc.run(
              work,
              "shark" + liveMb,
              sharkTimeout,
              List.of(
                  javaExe,
                  "-Xmx" + sharkXmx,
                  "-cp",
                  jar.toString(),
                  SharkProbe.class.getName(),
                  dump.toString()));
      shark.results.put("xmx", sharkXmx);
      if (!shark.timedOut) {
        check(shark, "Shark " + liveMb);
      }
      return new Proc[] {scenario, ours, shark};
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void check(Proc p, String what) {
    if (p.timedOut || p.results.isEmpty() || "false".equals(p.results.get("pathFound"))) {
      System.err.println(
          "!! " + what + (p.timedOut ? " timed out" : " gave no result") + ":\n" + p.tail());
    }
  }

  // ---------------------------------------------------------------- writing

  private void header(String args) throws IOException, InterruptedException {
    String cpu = "unknown";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu =
          lines
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException e) {
      // not Linux
    }
    long memory =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    doc.append("# Performance\n\n")
        .append("Generated by `benchmarks/` (`RunAll`); do not edit by hand, rerun it. ")
        .append("Measurements, not tests: nothing here fails a build for being slow.\n\n")
        .append("## Machine and command\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "- %s, %d cores (`nproc`), %.0f GB RAM, %s %s%n",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                memory / 1e9,
                System.getProperty("os.name"),
                System.getProperty("os.version")))
        .append("- JDK: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append(", G1 for the test JVMs (the library's analyser JVM uses Parallel GC)\n")
        .append("- ")
        .append(LocalDate.now())
        .append(quick ? ", **quick run** (fewer iterations, no 2 GB heap)" : ", full run")
        .append("; a shared machine: expect ±20 % between runs\n\n")
        .append("```\n./benchmarks/run.sh")
        .append(args.isEmpty() ? "" : " " + args)
        .append(
            "\n# = ./mvnw -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks.jar")
        .append(args.isEmpty() ? "" : " " + args)
        .append("\n```\n\n");
  }

  private void passing(Map<String, double[]> jmh) {
    doc.append("## 1. Cost of a passing check\n\n")
        .append(
            "One test's check when its tracked object is garbage, JMH average time per check (± 99.9 % error), ")
        .append("as a ratio to one bare `System.gc()` on the same live heap (`-Xmx2g`). ")
        .append("Each alternative waits for the same object the way people write it by hand.\n\n")
        .append(
            "| check | 8 MB live: ms | × bare GC | 500 MB live: ms | × bare GC |\n|---|---:|---:|---:|---:|\n");
    String[][] rows = {
      {"bareSystemGc", "one bare `System.gc()` (the floor)"},
      {"leakcheck", "**junit-leakcheck**, 1 object tracked (`LeakChecks.assertCollectable`)"},
      {"leakcheckNothingTracked", "**junit-leakcheck**, nothing tracked"},
      {"guavaAwaitClear", "Guava `GcFinalization.awaitClear`"},
      {
        "netbeansStyleLoop",
        "NetBeans-`assertGC`-style loop (GC, finalization, allocation pressure, until cleared)"
      },
      {"leakCanaryStyleTrigger", "LeakCanary-style trigger (GC, sleep 100 ms, finalization)"},
    };
    for (String[] row : rows) {
      doc.append("| ").append(row[1]);
      for (String live : List.of("8", "500")) {
        double[] s = jmh.get(row[0] + "@" + live);
        double[] gc = jmh.get("bareSystemGc@" + live);
        doc.append(" | ")
            .append(s == null ? "–" : ms(s[0]) + " ± " + ms(s[1]))
            .append(" | ")
            .append(s == null || gc == null ? "–" : ratio(s[0] / gc[0]));
        if (row[0].equals("leakcheck") && s != null && gc != null && s[0] / gc[0] > 1.2) {
          misses.add(
              String.format(
                  Locale.ROOT,
                  "Passing check at %s MB live: %s one bare GC (target ≤ 1.2×).",
                  live,
                  ratio(s[0] / gc[0])));
        }
      }
      doc.append(" |\n");
    }
    doc.append('\n');
  }

  private void scaling(Map<String, double[]> jmh, Map<String, Proc> suites) {
    double[] gc = jmh.get("bareSystemGc@8");
    doc.append("## 4. Scaling\n\n### Tracked objects per test (8 MB live, JMH)\n\n")
        .append(
            "| objects tracked | ms per check | × bare GC | µs per object above 1 |\n|---:|---:|---:|---:|\n");
    double[] one = jmh.get("tracked1");
    for (String n : List.of("1", "100", "10000")) {
      double[] s = jmh.get("tracked" + n);
      if (s == null) {
        continue;
      }
      int count = Integer.parseInt(n);
      doc.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s ± %s | %s | %s |%n",
              count,
              ms(s[0]),
              ms(s[1]),
              gc == null ? "–" : ratio(s[0] / gc[0]),
              count == 1 || one == null
                  ? "–"
                  : String.format(Locale.ROOT, "%.2f", (s[0] - one[0]) * 1000 / (count - 1))));
    }
    double plain = suites.get("plain").number("suiteMs");
    doc.append("\n### A 1,000-test suite (JUnit launcher in a fresh JVM, 8 MB live, best of ")
        .append(quick ? "1" : "3")
        .append(" runs)\n\n")
        .append(
            "| suite | suite time | per test above plain | × bare GC |\n|---|---:|---:|---:|\n");
    String[][] rows = {
      {"plain", "plain JUnit, no extension"},
      {"nothing", "`@LeakCheck`, nothing tracked"},
      {"one", "`@LeakCheck`, 1 object tracked per test"}
    };
    for (String[] row : rows) {
      Proc p = suites.get(row[0]);
      double total = p.number("suiteMs");
      double perTest = (total - plain) / SuiteFixtures.TESTS;
      doc.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f ms (%s passed, %s failed) | %s | %s |%n",
              row[1],
              total,
              p.results.get("tests"),
              p.results.get("failed"),
              row[0].equals("plain") ? "–" : ms(perTest) + " ms",
              row[0].equals("plain") || gc == null ? "–" : ratio(perTest / gc[0])));
    }
    double nothing = (suites.get("nothing").number("suiteMs") - plain) / SuiteFixtures.TESTS;
    doc.append(
        String.format(
            Locale.ROOT,
            "%n`@LeakCheck` on a test that tracks nothing: %s ms per test in the suite, within run-to-run noise of the suite if below ~0.05 ms"
                + " (JMH, the check alone: %s ms).%n%n",
            ms(nothing),
            jmh.containsKey("leakcheckNothingTracked@8")
                ? ms(jmh.get("leakcheckNothingTracked@8")[0])
                : "–"));
  }

  private void timeToReport(List<int[]> heaps, List<Proc[]> reports) {
    doc.append("## 2. Time to report a leak\n\n")
        .append(
            "A `LeakedThing` held by a static field, on a live heap of small objects. *Report* = `LeakChecks.assertCollectable` ")
        .append(
            "until the `LeakDetectedError` with the path: collection attempts, `dumpHeap(live=true)`, the analysis in the library's child JVM, the message. ")
        .append(
            "*Attempts* = the same check with `leakcheck.retainingPath=false` (only the collection attempts). ")
        .append("*Floor* = writing the same heap's dump alone + one sequential read of it. ")
        .append(
            "*Ours alone* / *Shark* = a whole JVM (`/usr/bin/time`) that opens that dump and finds the path to the same object; ")
        .append(
            "Shark 2.14 is given the leaking object by class, ignores `Reference.referent`, computes no retained sizes.\n\n")
        .append(
            "| live heap | dump | objects | attempts | **report** | dump write | seq. read | report ÷ dump write | ours alone (JVM) | Shark (JVM) | Shark ÷ ours alone | Shark ÷ report |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < heaps.size(); i++) {
      int live = heaps.get(i)[0];
      Proc scenario = reports.get(i)[0];
      Proc ours = reports.get(i)[1];
      Proc shark = reports.get(i)[2];
      double report = scenario.number("reportMs");
      double dump = scenario.number("dumpMs");
      double oursMs = ours.wallSeconds * 1000;
      double sharkMs = shark.wallSeconds * 1000;
      String sharkText =
          shark.timedOut
              ? "> " + secs(sharkMs)
              : shark.results.isEmpty() ? "failed" : secs(sharkMs);
      doc.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s |%n",
              live >= 1000 ? (live / 1000.0) + " GB" : live + " MB",
              mb(scenario.number("dumpBytes")),
              millions(ours.number("objects")),
              secs(scenario.number("verdictMs")),
              secs(report),
              secs(dump),
              secs(scenario.number("readMs")),
              ratio(report / dump),
              secs(oursMs),
              sharkText,
              (shark.timedOut ? "> " : "") + ratio(sharkMs / oursMs),
              (shark.timedOut ? "> " : "") + ratio(sharkMs / report)));
      if (report / dump > 2) {
        misses.add(
            String.format(
                Locale.ROOT,
                "Time to report at %s MB live: %s = %s writing the dump (%s; target ≤ 2×). Of it, %s are collection attempts before the dump, the rest is the dump (≈ %s) and the analyser JVM (≈ %s alone, JVM start included).",
                live,
                secs(report),
                ratio(report / dump),
                secs(dump),
                secs(scenario.number("verdictMs")),
                secs(dump),
                secs(oursMs)));
      }
      if (!shark.timedOut && !shark.results.isEmpty() && sharkMs / report < 10) {
        misses.add(
            String.format(
                Locale.ROOT,
                "Against Shark at %s MB live: Shark takes %s on the dump, our whole report %s: Shark ÷ report = %s (target ≥ 10×); Shark ÷ our analysis alone = %s.",
                live,
                secs(sharkMs),
                secs(report),
                ratio(sharkMs / report),
                ratio(sharkMs / oursMs)));
      }
    }
    doc.append("\nPaths found (tail), per heap:\n\n");
    for (int i = 0; i < heaps.size(); i++) {
      Proc scenario = reports.get(i)[0];
      Proc ours = reports.get(i)[1];
      Proc shark = reports.get(i)[2];
      doc.append("- ")
          .append(heaps.get(i)[0])
          .append(" MB: report names `REGISTRY`: ")
          .append(scenario.results.get("pathFound"))
          .append("; ours alone: ")
          .append(ours.results.getOrDefault("verdict", "–"))
          .append("; Shark: ")
          .append(
              shark.timedOut
                  ? "timed out"
                  : shark.paths.isEmpty() ? "–" : "`" + shark.paths.get(0).replace("`", "'") + "`")
          .append('\n');
    }
    doc.append('\n');
  }

  private void memory(List<int[]> heaps, List<Proc[]> reports) {
    doc.append("## 3. Memory of the analysis\n\n")
        .append(
            "Peak heap = sum of the heap pools' peak use (an upper bound of the true peak), at the `-Xmx` given; ")
        .append(
            "RSS = peak resident set of the whole analyser JVM (`/usr/bin/time -f %M`), which includes the memory-mapped dump pages it touched. ")
        .append(
            "Ours runs with the `-Xmx` and `-XX:+UseParallelGC` the library gives its child JVM.\n\n")
        .append(
            "| dump | ours: -Xmx | peak heap | ÷ dump | RSS | ÷ dump | Shark: -Xmx | peak heap | ÷ dump | RSS | ÷ dump |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < heaps.size(); i++) {
      Proc scenario = reports.get(i)[0];
      double dump = scenario.number("dumpBytes");
      doc.append("| ").append(mb(dump));
      for (int k = 1; k <= 2; k++) {
        Proc p = reports.get(i)[k];
        double heap = p.number("peakHeapBytes");
        double rss = p.maxRssKb * 1024.0;
        boolean ok = !p.timedOut && !p.results.isEmpty();
        doc.append(" | ")
            .append(p.results.get("xmx"))
            .append(" | ")
            .append(ok ? mb(heap) : "–")
            .append(" | ")
            .append(ok ? ratio(heap / dump) : "–")
            .append(" | ")
            .append(ok && p.maxRssKb > 0 ? mb(rss) : "–")
            .append(" | ")
            .append(ok && p.maxRssKb > 0 ? ratio(rss / dump) : "–");
      }
      doc.append(" |\n");
    }
    doc.append('\n');
  }

  private void targets() {
    doc.append("## Targets missed\n\n");
    if (misses.isEmpty()) {
      doc.append("None in this run.\n");
    }
    for (String miss : misses) {
      doc.append("- ").append(miss).append('\n');
    }
    doc.append('\n');
  }

  // ---------------------------------------------------------------- helpers

  /** Everything from {@link #HAND_WRITTEN} on in the existing file: notes a rerun keeps. */
  private static String handWritten(Path out) throws IOException {
    if (!Files.exists(out)) {
      return HAND_WRITTEN + "\n";
    }
    String old = Files.readString(out, StandardCharsets.UTF_8);
    int at = old.indexOf(HAND_WRITTEN);
    return at < 0 ? HAND_WRITTEN + "\n" : old.substring(at);
  }

  /** The line after which docs/performance.md is written by hand and kept by a rerun. */
  static final String HAND_WRITTEN = "<!-- Written by hand below this line; RunAll keeps it. -->";

  private static String ms(double ms) {
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f", ms)
        : ms >= 1 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.3f", ms);
  }

  private static String secs(double ms) {
    return Double.isNaN(ms)
        ? "–"
        : String.format(Locale.ROOT, ms >= 10_000 ? "%.0f s" : "%.2f s", ms / 1000);
  }

  private static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r)
        ? "–"
        : String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
  }

  private static String mb(double bytes) {
    return Double.isNaN(bytes) ? "–" : String.format(Locale.ROOT, "%.0f MB", bytes / (1 << 20));
  }

  private static String millions(double n) {
    return Double.isNaN(n) ? "–" : String.format(Locale.ROOT, "%.1f M", n / 1e6);
  }

  private static void log(String line) {
    System.out.println("[benchmarks] " + line);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
