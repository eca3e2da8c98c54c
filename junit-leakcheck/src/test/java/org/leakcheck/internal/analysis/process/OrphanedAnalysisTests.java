package org.leakcheck.internal.analysis.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test JVM dies while its analyser runs: no analyser process and no directory stay. */
class OrphanedAnalysisTests {

  @TempDir Path dumps;
  @TempDir Path temp;

  @Test
  void aJvmThatExitsMidAnalysisLeavesNoChildAndNoDirectory() throws Exception {
    Process jvm = start("exit");
    try {
      long child = childPid(jvm);
      assertThat(jvm.waitFor(2, TimeUnit.MINUTES)).isTrue();

      // Killed by the exiting JVM's shutdown hook; gone once the system has reaped it.
      Optional<ProcessHandle> handle = ProcessHandle.of(child);
      if (handle.isPresent()) {
        handle.get().onExit().get(1, TimeUnit.MINUTES);
      }
      assertThat(handle.filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(filesIn(temp)).isEmpty();
    } finally {
      jvm.destroyForcibly();
    }
  }

  @Test
  void aChildWhoseParentWasKilledOutrightExitsByItselfAndDeletesItsDirectory() throws Exception {
    Process jvm = start("wait");
    Optional<ProcessHandle> child = Optional.empty();
    try {
      child = ProcessHandle.of(childPid(jvm));
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(jvm.waitFor(1, TimeUnit.MINUTES)).isTrue();

      if (child.isPresent()) {
        child.get().onExit().get(1, TimeUnit.MINUTES);
      }
      assertThat(child.filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(filesIn(temp)).isEmpty();
    } finally {
      jvm.destroyForcibly();
      child.ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private Process start(String mode) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            OrphanedAnalysisMain.class.getName(),
            dumps.toString(),
            temp.toString(),
            mode)
        .redirectErrorStream(true)
        .start();
  }

  /** Everything under {@code dir}, for a failure message that says what was left. */
  private static java.util.List<Path> filesIn(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      return files.filter(p -> !p.equals(dir)).collect(java.util.stream.Collectors.toList());
    }
  }

  /** The analyser's pid, printed once it runs. */
  private static long childPid(Process jvm) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("child ")) {
        long pid = Long.parseLong(line.substring("child ".length()));
        assertThat(pid).as("the analyser was caught running; output: %s", seen).isPositive();
        return pid;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("no child reported; output: " + seen);
  }
}
