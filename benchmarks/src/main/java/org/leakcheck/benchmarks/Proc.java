package org.leakcheck.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM timed as a whole process by {@code /usr/bin/time} (wall seconds and peak resident
 * memory), with the {@code RESULT key=value} pairs it printed.
 */
final class Proc {

  private static final Pattern PAIR = Pattern.compile("(\\w+)=(\\S+)");

  final Map<String, String> results = new HashMap<>();
  final List<String> paths = new ArrayList<>();
  double wallSeconds = Double.NaN;
  long maxRssKb = -1;
  boolean timedOut;
  int exitCode;
  String output = "";

  static Proc run(Path workDir, String name, long timeoutSeconds, List<String> javaCommand)
      throws IOException, InterruptedException {
    Path out = workDir.resolve(name + ".out");
    Path timing = workDir.resolve(name + ".time");
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/time"))) {
      command.addAll(List.of("/usr/bin/time", "-o", timing.toString(), "-f", "%e %M"));
    }
    command.addAll(javaCommand);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    Proc proc = new Proc();
    long start = System.nanoTime();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      proc.timedOut = true;
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
    proc.exitCode = process.exitValue();
    proc.wallSeconds = (System.nanoTime() - start) / 1e9;
    proc.output = Files.readString(out, StandardCharsets.UTF_8);
    for (String line : proc.output.split("\n")) {
      if (line.startsWith("RESULT ")) {
        Matcher m = PAIR.matcher(line);
        while (m.find()) {
          proc.results.put(m.group(1), m.group(2));
        }
      } else if (line.startsWith("PATH ")) {
        proc.paths.add(line.substring(5));
      }
    }
    if (!proc.timedOut && Files.exists(timing)) {
      for (String line : Files.readAllLines(timing)) {
        String[] parts = line.trim().split(" ");
        if (parts.length == 2 && parts[0].matches("[0-9.]+")) {
          proc.wallSeconds = Double.parseDouble(parts[0]);
          proc.maxRssKb = Long.parseLong(parts[1]);
        }
      }
    }
    return proc;
  }

  double number(String key) {
    String value = results.get(key);
    return value == null ? Double.NaN : Double.parseDouble(value);
  }

  /** The last lines of the output, for the console when something went wrong. */
  String tail() {
    String[] lines = output.split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) {
      sb.append("    ").append(lines[i]).append('\n');
    }
    return sb.toString();
  }
}
