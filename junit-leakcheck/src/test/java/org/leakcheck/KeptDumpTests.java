package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is left on disk once the JVM that found a leak has exited. */
class KeptDumpTests {

  @TempDir Path reports;

  @Test
  void aDumpKeptOnPurposeSurvivesTheJvmsExit() throws Exception {
    String output = runLeakingJvm("on-failure");

    List<Path> dumps = dumps();
    assertThat(dumps).hasSize(1);
    assertThat(output).contains("Heap dump: " + dumps.get(0));
  }

  @Test
  void noDumpIsLeftByDefault() throws Exception {
    String output = runLeakingJvm("never");

    assertThat(output).contains("GC root: static field " + KeptDumpMain.class.getName() + ".HELD");
    assertThat(dumps()).isEmpty();
  }

  private String runLeakingJvm(String keep) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                KeptDumpMain.class.getName(),
                reports.toString(),
                keep)
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private List<Path> dumps() throws IOException {
    try (Stream<Path> files = Files.walk(reports)) {
      return files.filter(p -> p.toString().endsWith(".hprof")).collect(Collectors.toList());
    }
  }
}
