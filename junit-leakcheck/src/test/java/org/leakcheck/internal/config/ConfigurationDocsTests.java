package org.leakcheck.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tables of keys in the docs list exactly the keys of {@link Keys}, in its order, with its
 * defaults: the table is the source, the docs follow it. On a mismatch the failure shows the
 * README's table as {@link Keys#markdownTable()} renders it, ready to paste.
 */
class ConfigurationDocsTests {

  /** The tests run in {@code junit-leakcheck/}; the docs are in the repository above it. */
  private static final Path REPOSITORY = Paths.get("").toAbsolutePath().getParent();

  @ParameterizedTest
  @CsvSource({"README.md, Configuration keys", "docs/guide.md, ## Configuration"})
  void listsExactlyTheKeysOfTheTableWithTheirDefaults(String doc, String section)
      throws IOException {
    List<String> lines = Files.readAllLines(REPOSITORY.resolve(doc), StandardCharsets.UTF_8);

    List<String> expected = new ArrayList<>();
    for (Key<?> key : Keys.ALL) {
      expected.add("`" + key.name() + "` | " + key.documentedDefault());
    }
    assertThat(keysAndDefaults(lines, section))
        .as(
            "the keys and defaults of the table in section '%s' of %s; the README's, from the"
                + " table of keys:%n%s",
            section, doc, Keys.markdownTable())
        .containsExactlyElementsOf(expected);
  }

  @Test
  void theReadmeTableIsTheTableOfKeys() throws IOException {
    String readme = Files.readString(REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains(Keys.markdownTable());
  }

  @Test
  void theRenderedTableHasOneRowPerKey() {
    assertThat(Keys.markdownTable().lines())
        .hasSize(Keys.ALL.size() + 2)
        .element(2)
        .isEqualTo(
            "| `leakcheck.timeout` | `2s` | longest wait for the tracked objects to be collected |");
  }

  /** "key | default" of each row of the first table after the line starting with the section. */
  static List<String> keysAndDefaults(List<String> lines, String section) {
    int start = 0;
    while (start < lines.size() && !lines.get(start).startsWith(section)) {
      start++;
    }
    assertThat(start).as("a line starting with '%s'", section).isLessThan(lines.size());
    int i = start + 1;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    List<String> rows = new ArrayList<>();
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("\\|");
      rows.add(cells[1].trim() + " | " + cells[2].trim());
    }
    return rows;
  }
}
