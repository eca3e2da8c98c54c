package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verdict in JVMs started with each collector and with the flags that change what {@code
 * System.gc()} does: a leak fails, a dropped object and a finalizable object pass. Each case runs
 * {@link ForkedVerdict} in a JVM of its own.
 */
class CollectorFlagsTests {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-XX:+UseG1GC",
        "-XX:+UseParallelGC",
        "-XX:+UseSerialGC",
        "-XX:+UseZGC",
        "-XX:+UseShenandoahGC",
        "-XX:+UseG1GC -XX:+DisableExplicitGC",
        "-XX:+UseG1GC -XX:+ExplicitGCInvokesConcurrent",
        "-XX:+UseZGC -XX:+DisableExplicitGC",
        "-XX:+UseParallelGC -XX:+DisableExplicitGC"
      })
  void givesTheRightVerdictWithEachCollector(String flags) throws Exception {
    String output = runForked(flags);

    assertThat(output)
        .contains("leak failed: LeakDetectedError", "collected passed", "finalizable passed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC"})
  void explainsWhyThereIsNoVerdictWhenCollectionCannotBeForced(String flags) throws Exception {
    String output = runForked(flags);

    assertThat(output)
        .contains("leak failed: CollectionUnavailableException")
        .contains("collected failed: CollectionUnavailableException")
        .contains("garbage collection cannot be forced in this JVM")
        .contains("it runs Epsilon GC (-XX:+UseEpsilonGC), which never collects anything");
  }

  static String runForked(String flags) throws IOException, InterruptedException {
    return runForked(flags, System.getProperty("java.class.path"));
  }

  /** {@link ForkedVerdict}'s output in a JVM with these flags and this class path; exit 0. */
  static String runForked(String flags, String classPath) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx256m");
    if (!flags.isEmpty()) {
      command.addAll(Arrays.asList(flags.split(" ")));
    }
    command.add("-cp");
    command.add(classPath);
    command.add(ForkedVerdict.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] bytes = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String output = new String(bytes, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit value of %s; output:%n%s", command, output).isZero();
    return output;
  }
}
