package org.leakcheck.internal.analysis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.leakcheck.internal.heap.HprofFormatException;

/**
 * Entry point of the analyser JVM started by {@link AnalyzerProcess}: {@code AnalyzerMain <request
 * file> <result file>}. It always writes a result file (the verdicts, or a failure with a one-line
 * reason) and exits 0, unless the JVM itself dies.
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

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    String text =
        m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m;
    return text.replaceAll("\\s+", " ").trim();
  }
}
