package org.leakcheck.internal.analysis.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.leakcheck.LeakCheck;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.NoVerdict;
import org.leakcheck.internal.config.ConfigurationException;
import org.leakcheck.internal.config.Values;

/**
 * Runs the analysis in a child JVM, so that a large dump cannot exhaust the test JVM's heap.
 *
 * <p>The child is the same {@code java} as this JVM ({@code java.home}), with the code source of
 * the analysis classes (the library's jar or classes directory) as its class path, its own {@code
 * -Xmx} and {@code -XX:+UseParallelGC}, and no {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS}
 * / {@code _JAVA_OPTIONS} inherited (agents such as coverage tools would otherwise attach to it).
 * Request and result are small binary files in a private temporary directory, which also holds the
 * child's output (for the reason of a failure) and any crash log; the directory is deleted in all
 * cases, and the child is killed on timeout. If this JVM exits meanwhile, {@link LiveChildren}
 * stops the child and deletes the directory; if it is killed outright, the child sees its standard
 * input closed and stops and deletes the directory itself.
 *
 * <p>Automatic heap size ({@code maxHeap == null}): 1.5 × the dump's size, at least 256 MiB, at
 * most half of the physical memory; if the child runs out of memory, one retry with twice that
 * (same cap) within the same timeout. The dump itself is memory-mapped, outside the heap. Why these
 * factors, and what they were measured on: {@code docs/performance.md}.
 */
public final class AnalyzerProcess {

  private static final long MIN_AUTO_HEAP = 256L << 20;

  private AnalyzerProcess() {}

  /**
   * Analyses the dump in a child JVM.
   *
   * @param timeout how long the child may run before it is killed
   * @param maxHeap the child's {@code -Xmx} value such as {@code "1g"}, or {@code null} for the
   *     automatic size
   * @throws AnalysisException with a one-line reason when there is no verdict
   */
  public static AnalysisResult analyze(AnalysisRequest request, Duration timeout, String maxHeap)
      throws AnalysisException {
    return analyze(request, timeout, maxHeap, null);
  }

  /**
   * As {@link #analyze(AnalysisRequest, Duration, String)}, with its private directory in {@code
   * tempParent} (tests).
   */
  static AnalysisResult analyze(
      AnalysisRequest request, Duration timeout, String maxHeap, Path tempParent)
      throws AnalysisException {
    if (maxHeap != null) {
      // The configuration's own parser: one rule for what a heap size is.
      try {
        Values.heapSize().parse(LeakCheck.ANALYSIS_MAX_HEAP_KEY, maxHeap);
      } catch (ConfigurationException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Path dump = request.dump();
    long dumpSize;
    try {
      dumpSize = Files.size(dump);
    } catch (IOException e) {
      throw new AnalysisException(
          NoVerdict.DUMP_UNREADABLE,
          "the heap dump " + dump + " cannot be read: " + AnalyzerMain.oneLine(e));
    }
    String xmx = maxHeap != null ? maxHeap : autoMaxHeap(dumpSize);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return runOnce(request, timeout, deadline, xmx, tempParent);
    } catch (OutOfMemory e) {
      String bigger = maxHeap == null ? retryMaxHeap(dumpSize) : null;
      if (bigger == null) {
        throw new AnalysisException(NoVerdict.ANALYSER_OUT_OF_MEMORY, outOfMemory(xmx));
      }
      try {
        return runOnce(request, timeout, deadline, bigger, tempParent);
      } catch (OutOfMemory again) {
        throw new AnalysisException(NoVerdict.ANALYSER_OUT_OF_MEMORY, outOfMemory(bigger));
      }
    }
  }

  /** The child ran out of memory: the automatic heap size may retry with a bigger one. */
  private static final class OutOfMemory extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfMemory() {
      super(null, null, false, false);
    }
  }

  private static AnalysisResult runOnce(
      AnalysisRequest request, Duration timeout, long deadline, String xmx, Path tempParent)
      throws AnalysisException, OutOfMemory {
    Path dir = null;
    Process process = null;
    try {
      dir = createPrivateDirectory(tempParent);
      LiveChildren.add(dir);
      Path requestFile = dir.resolve("request.bin");
      Path resultFile = dir.resolve("result.bin");
      Path log = dir.resolve("analyser.log");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(requestFile)))) {
        Wire.writeRequest(out, request);
      }
      List<String> command = command(xmx, dir, requestFile, resultFile);
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      // Standard input stays a pipe that this JVM never writes to nor closes before the child's
      // end: when this JVM dies, even by kill -9, the child reads end of file and exits.
      builder.redirectInput(ProcessBuilder.Redirect.PIPE);
      Map<String, String> env = builder.environment();
      env.remove("JAVA_TOOL_OPTIONS");
      env.remove("JDK_JAVA_OPTIONS");
      env.remove("_JAVA_OPTIONS");
      env.remove("CLASSPATH");
      process = builder.start();
      LiveChildren.add(process);
      boolean finished;
      try {
        finished = process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AnalysisException("the analysis was interrupted");
      }
      if (!finished) {
        throw new AnalysisException(
            NoVerdict.ANALYSIS_TIMED_OUT, "the analysis did not finish within " + format(timeout));
      }
      int exit = process.exitValue();
      if (!Files.exists(resultFile)) {
        String reason = failureReason(exit, log);
        if (reason == null) {
          throw new OutOfMemory();
        }
        throw new AnalysisException(reason);
      }
      Wire.Answer answer;
      try (DataInputStream in =
          new DataInputStream(new BufferedInputStream(Files.newInputStream(resultFile)))) {
        answer = Wire.readAnswer(in);
      }
      if (answer.status() == Wire.OK) {
        return answer.result();
      }
      if (answer.status() == Wire.OUT_OF_MEMORY) {
        throw new OutOfMemory();
      }
      throw new AnalysisException(
          answer.status() == Wire.UNREADABLE
              ? NoVerdict.DUMP_UNREADABLE
              : NoVerdict.ANALYSIS_FAILED,
          answer.message());
    } catch (IOException | UncheckedIOException e) {
      throw new AnalysisException(
          "the analyser JVM could not be run: " + AnalyzerMain.oneLine(e), e);
    } finally {
      if (process != null) {
        if (process.isAlive()) {
          process.destroyForcibly();
          try {
            process.waitFor(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        try {
          process.getOutputStream().close();
        } catch (IOException e) {
          // the pipe is gone with the child
        }
        LiveChildren.remove(process);
      }
      if (dir != null) {
        LiveChildren.deleteRecursively(dir);
        LiveChildren.remove(dir);
      }
    }
  }

  /** The automatic {@code -Xmx} for a dump of this many bytes: see the class comment. */
  public static String autoMaxHeap(long dumpSize) {
    return megabytes(capped(Math.max(MIN_AUTO_HEAP, firstTry(dumpSize))));
  }

  /** One and a half times the dump (see the class comment). */
  private static long firstTry(long dumpSize) {
    return dumpSize + dumpSize / 2;
  }

  /**
   * The second try's {@code -Xmx} after running out of memory, or {@code null} if no bigger one
   * fits.
   */
  static String retryMaxHeap(long dumpSize) {
    long first = capped(Math.max(MIN_AUTO_HEAP, firstTry(dumpSize)));
    long second = capped(2 * first);
    return second > first ? megabytes(second) : null;
  }

  private static long capped(long bytes) {
    long physical = physicalMemory();
    return physical > 0 ? Math.min(bytes, Math.max(MIN_AUTO_HEAP, physical / 2)) : bytes;
  }

  private static String megabytes(long bytes) {
    return ((bytes + (1 << 20) - 1) >> 20) + "m";
  }

  private static long physicalMemory() {
    try {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean) {
        return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
      }
    } catch (RuntimeException | LinkageError e) {
      // unknown: no cap
    }
    return -1;
  }

  private static List<String> command(String xmx, Path dir, Path request, Path result)
      throws AnalysisException {
    String exe =
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "java.exe"
            : "java";
    Path java = Path.of(System.getProperty("java.home"), "bin", exe);
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + xmx);
    command.add("-XX:+UseParallelGC");
    command.add("-XX:-UsePerfData");
    command.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
    command.add("-Xshare:auto");
    command.add("-Djava.io.tmpdir=" + dir);
    command.add("-cp");
    command.add(classPath());
    command.add(AnalyzerMain.class.getName());
    command.add(request.toString());
    command.add(result.toString());
    return command;
  }

  private static String classPath() throws AnalysisException {
    CodeSource source = AnalyzerProcess.class.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null) {
      throw new AnalysisException(
          "the analyser JVM could not be run: the library's location is unknown");
    }
    try {
      return Path.of(location.toURI()).toString();
    } catch (URISyntaxException
        | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException e) {
      throw new AnalysisException(
          "the analyser JVM could not be run: the library is not in a file or directory ("
              + location
              + ")");
    }
  }

  private static Path createPrivateDirectory(Path parent) throws IOException {
    if (parent == null) {
      parent = Path.of(System.getProperty("java.io.tmpdir"));
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempDirectory(
          parent,
          "leakcheck-analysis-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return Files.createTempDirectory(parent, "leakcheck-analysis-");
  }

  /** Why the child gave no result, or {@code null} when it ran out of memory. */
  private static String failureReason(int exit, Path log) {
    List<String> lines = List.of();
    try {
      if (Files.exists(log)) {
        lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      }
    } catch (IOException | UncheckedIOException e) {
      // no details then
    }
    for (String line : lines) {
      if (line.contains("OutOfMemoryError")) {
        return null;
      }
    }
    String first = null;
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("\tat ") && !line.startsWith("WARNING")) {
        first = line.trim();
        break;
      }
    }
    return "the analyser JVM failed (exit code "
        + exit
        + ")"
        + (first == null
            ? ""
            : ": " + (first.length() > 200 ? first.substring(0, 200) + "\u2026" : first));
  }

  private static String outOfMemory(String xmx) {
    return "the analyser JVM ran out of memory (-Xmx"
        + xmx
        + "); set a larger maximum heap for the analysis";
  }

  /** A duration as the failure reasons write it: {@code 60 s}, {@code 1500 ms}. */
  public static String format(Duration d) {
    if (d.toMillis() % 1000 == 0) {
      return d.toSeconds() + " s";
    }
    return d.toMillis() + " ms";
  }
}
