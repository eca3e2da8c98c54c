package org.leakcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps the code in {@code docs/*.md} and {@code README.md} compiling: every {@code ```java} block
 * must name, on the line before it, the file of {@code examples/} it comes from ({@code from
 * `examples/…/X.java`}), and its lines must appear in that file, in order and contiguous, except
 * where the block says {@code // ...} (an elision). Indentation and blank lines are ignored.
 */
class DocsSnippetsTests {

  private static final Path REPOSITORY = Paths.get("").toAbsolutePath().getParent();

  private static final Pattern SOURCE = Pattern.compile("`(examples/[^`]+\\.java)`");

  private static final String ELISION = "// ...";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "README.md",
        "guide.md",
        "how-it-works.md",
        "troubleshooting.md",
        "comparison.md",
        "performance.md",
        "verdict-matrix.md"
      })
  void javaBlocksAppearInTheFilesTheyNameAsSource(String doc) throws IOException {
    Path file =
        doc.equals("README.md") ? REPOSITORY.resolve(doc) : REPOSITORY.resolve("docs").resolve(doc);
    assertThat(file).exists();

    assertThat(problems(Files.readString(file, StandardCharsets.UTF_8), REPOSITORY))
        .as("java blocks in docs/%s that do not match the file they name", doc)
        .isEmpty();
  }

  /**
   * The same rule for the code in the API's Javadoc: a {@code <pre>{@code ...}</pre>} block names
   * its file of {@code examples/} ({@code {@code examples/…/X.java}}) in the text before it.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "LeakCheck.java",
        "LeakChecks.java",
        "LeakTracker.java",
        "LeakCheckExtension.java",
        "LeakDetectedError.java",
        "LeakedObject.java",
        "RetainingPath.java",
        "CollectionUnavailableException.java",
        "assertj/LeakAssertions.java",
        "assertj/LeakTrackerAssert.java"
      })
  void javadocCodeAppearsInTheFilesItNamesAsSource(String source) throws IOException {
    Path file = REPOSITORY.resolve("junit-leakcheck/src/main/java/org/leakcheck").resolve(source);
    assertThat(file).exists();

    assertThat(
            problems(javadocAsMarkdown(Files.readString(file, StandardCharsets.UTF_8)), REPOSITORY))
        .as("code blocks in the Javadoc of %s that do not match the file they name", source)
        .isEmpty();
  }

  @Test
  void readsJavadocCodeBlocksAndTheirSource() throws IOException {
    String javadoc =
        "/**\n"
            + " * From {@code\n"
            + " * examples/src/test/java/org/leakcheck/examples/manager/ManagerTests.java}:\n"
            + " *\n"
            + " * <pre>{@code\n"
            + " * leaks.track(MANAGER.addWorker(\"Alice\"), \"Alice\");\n"
            + " * MANAGER.removeWorker(\"Bob\");\n"
            + " * }</pre>\n"
            + " */\n";

    assertThat(problems(javadocAsMarkdown(javadoc), REPOSITORY))
        .singleElement(STRING)
        .contains("ManagerTests.java")
        .contains("MANAGER.removeWorker(\"Bob\");");
  }

  /**
   * A source file's Javadoc as the markdown {@link #problems} reads: comment prefixes dropped,
   * {@code <pre>{@code} blocks as java blocks, a {@code {@code examples/…}} path (which may begin
   * on the line before) as a backquoted one on the line just before its block.
   */
  private static final Pattern NAMED_SOURCE =
      Pattern.compile("\\{@code\\s+(examples/[^}]+\\.java)\\}");

  static String javadocAsMarkdown(String source) {
    StringBuilder out = new StringBuilder();
    String text = "";
    for (String line : source.split("\n", -1)) {
      String l = line.replaceFirst("^\\s*/?\\*+/?\\s?", "");
      if (l.trim().equals("<pre>{@code")) {
        Matcher m = NAMED_SOURCE.matcher(text);
        String named = "";
        while (m.find()) {
          named = m.group(1);
        }
        out.append(named.isEmpty() ? "(no source)" : "From `" + named + "`:").append('\n');
        out.append("```java\n");
        text = "";
      } else if (l.trim().equals("}</pre>")) {
        out.append("```\n");
      } else {
        out.append(l).append('\n');
        text += l + "\n";
      }
    }
    return out.toString();
  }

  @Test
  void reportsABlockThatDriftedFromItsFileAndABlockWithoutASource() throws IOException {
    String doc =
        "From `examples/src/test/java/org/leakcheck/examples/manager/ManagerTests.java`:\n"
            + "```java\n"
            + "leaks.track(MANAGER.addWorker(\"Alice\"), \"Alice\");\n"
            + "// ...\n"
            + "MANAGER.removeWorker(\"Bob\");\n"
            + "```\n"
            + "\n"
            + "```java\n"
            + "int x = 1;\n"
            + "```\n";

    assertThat(problems(doc, REPOSITORY))
        .satisfiesExactly(
            p ->
                assertThat(p)
                    .contains("ManagerTests.java")
                    .contains("MANAGER.removeWorker(\"Bob\");"),
            p -> assertThat(p).contains("names no source file"));
  }

  @Test
  void acceptsABlockWithElidedLines() throws IOException {
    String doc =
        "From `examples/src/test/java/org/leakcheck/examples/manager/ManagerTests.java`:\n"
            + "```java\n"
            + "  @Test\n"
            + "  void removedWorkerIsCollectable(LeakTracker leaks) {\n"
            + "    // ...\n"
            + "    MANAGER.removeWorker(\"Alice\");\n"
            + "  }\n"
            + "```\n";

    assertThat(problems(doc, REPOSITORY)).isEmpty();
  }

  /** What is wrong with the doc's java blocks, one line per block; empty when nothing is. */
  static List<String> problems(String markdown, Path repository) throws IOException {
    List<String> problems = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].trim().equals("```java")) {
        continue;
      }
      int start = i;
      List<String> block = new ArrayList<>();
      for (i++; i < lines.length && !lines[i].trim().equals("```"); i++) {
        block.add(lines[i]);
      }
      String previous = "";
      for (int j = start - 1; j >= 0; j--) {
        if (!lines[j].isBlank()) {
          previous = lines[j];
          break;
        }
      }
      Matcher source = SOURCE.matcher(previous);
      if (!source.find()) {
        problems.add(
            "the java block at line "
                + (start + 1)
                + " names no source file: the line before it"
                + " must say from `examples/.../File.java`");
        continue;
      }
      Path file = repository.resolve(source.group(1));
      if (!Files.isRegularFile(file)) {
        problems.add(
            "the java block at line "
                + (start + 1)
                + " names "
                + source.group(1)
                + ", which does not exist");
        continue;
      }
      String missing =
          firstMissingLine(block, normalized(Files.readAllLines(file, StandardCharsets.UTF_8)));
      if (missing != null) {
        problems.add(
            "the java block at line "
                + (start + 1)
                + " is not in "
                + source.group(1)
                + " as shown: no match for `"
                + missing
                + "`");
      }
    }
    return problems;
  }

  /**
   * The first line of the block that breaks the match, or {@code null}: the block's segments
   * (separated by elisions) must appear in the file in order, each as contiguous lines.
   */
  private static String firstMissingLine(List<String> block, List<String> file) {
    List<List<String>> segments = new ArrayList<>();
    segments.add(new ArrayList<>());
    for (String line : normalized(block)) {
      if (line.equals(ELISION)) {
        segments.add(new ArrayList<>());
      } else {
        segments.get(segments.size() - 1).add(line);
      }
    }
    int from = 0;
    for (List<String> segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      int at = indexOf(file, segment, from);
      if (at < 0) {
        // Report the first line that cannot be placed after the longest matching prefix.
        for (int n = segment.size() - 1; n > 0; n--) {
          if (indexOf(file, segment.subList(0, n), from) >= 0) {
            return segment.get(n);
          }
        }
        return segment.get(0);
      }
      from = at + segment.size();
    }
    return null;
  }

  private static int indexOf(List<String> file, List<String> segment, int from) {
    for (int i = from; i + segment.size() <= file.size(); i++) {
      if (file.subList(i, i + segment.size()).equals(segment)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> normalized(List<String> lines) {
    return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }
}
