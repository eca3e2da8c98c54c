package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The extension on the class path a user's build gives it: JUnit and opentest4j, without the
 * optional AssertJ, without Awaitility or Hamcrest (which it does not need), without Mockito.
 */
class MinimalClassPathTests {

  private static final List<String> LEFT_OUT =
      List.of("awaitility", "hamcrest", "assertj", "mockito", "byte-buddy", "objenesis");

  @Test
  void givesItsVerdictsWithOnlyJUnitAndOpentest4jBesideIt() throws Exception {
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> LEFT_OUT.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    assertThat(classPath).doesNotContain("awaitility").contains("opentest4j");
    String output = CollectorFlagsTests.runForked("", classPath);

    assertThat(output)
        .doesNotContain("NoClassDefFoundError")
        .contains("leak failed: LeakDetectedError", "collected passed", "finalizable passed");
  }
}
