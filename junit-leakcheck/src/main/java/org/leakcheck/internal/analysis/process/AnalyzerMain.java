package org.leakcheck.internal.analysis.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.engine.HeapAnalyzer;
import org.leakcheck.internal.heap.HprofFormatException;

/**
 * Entry point of the analyser JVM started by {@link AnalyzerProcess}: {@code AnalyzerMain <request
 * file> <result file>}. It always writes a result file (the verdicts, or a failure with a one-line
 * reason) and exits 0, unless the JVM itself dies or the test JVM that started it is gone (then it
 * deletes its private directory and exits 3 without a result).
 */
final class AnalyzerMain {

  private AnalyzerMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: AnalyzerMain <request file> <result file>");
      System.exit(2);
    }
    Path requestFile = Path.of(args[0]);
    Path resultFile = Path.of(args[1]);
    watchParent(requestFile.toAbsolutePath().getParent());
    AnalysisRequest request;
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(requestFile)))) {
      request = Wire.readRequest(in);
    }
    byte status;
    String message;
    AnalysisResult result = null;
    try {
      result = HeapAnalyzer.analyze(request);
      status = Wire.OK;
      message = null;
    } catch (OutOfMemoryError e) {
      status = Wire.OUT_OF_MEMORY;
      message = "the analyser JVM ran out of memory";
    } catch (HprofFormatException e) {
      status = Wire.UNREADABLE;
      message = e.getMessage();
    } catch (IOException e) {
      status = Wire.UNREADABLE;
      message = "the heap dump could not be read: " + oneLine(e);
    } catch (RuntimeException | StackOverflowError e) {
      status = Wire.FAILED;
      message = "the analysis failed: " + oneLine(e);
      e.printStackTrace();
    }
    Path partial = resultFile.resolveSibling(resultFile.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
      if (status == Wire.OK) {
        Wire.writeResult(out, result);
      } else {
        Wire.writeFailure(out, status, message);
      }
    }
    Files.move(partial, resultFile, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Exits when the test JVM is gone: it holds this JVM's standard input open and never writes to
   * it, so end of file means it died (even by {@code kill -9}, which runs none of its shutdown
   * hooks). Deletes the private directory first: nobody else will.
   */
  private static void watchParent(Path privateDirectory) {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // nothing is ever sent
                }
              } catch (IOException e) {
                // the pipe broke: the same as its end
              }
              // The analysis may still be writing into the directory: delete until it is gone
              // (for at most a second), then stop everything.
              long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
              do {
                LiveChildren.deleteRecursively(privateDirectory);
              } while (Files.exists(privateDirectory) && System.nanoTime() - until < 0 && pause());
              Runtime.getRuntime().halt(3);
            },
            "leakcheck-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static boolean pause() {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    return true;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    String text =
        m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m;
    return text.replaceAll("\\s+", " ").trim();
  }
}
