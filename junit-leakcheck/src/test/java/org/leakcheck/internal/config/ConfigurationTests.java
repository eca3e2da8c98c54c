package org.leakcheck.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakcheck.LeakCheck;

class ConfigurationTests {

  private static Configuration parse(Map<String, String> values) {
    return Configuration.from(key -> Optional.ofNullable(values.get(key)), values.keySet());
  }

  @Test
  void defaults() {
    Configuration configuration = parse(Map.of());

    assertThat(configuration.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(configuration.mode()).isEqualTo(org.leakcheck.LeakCheck.Mode.FAIL);
    assertThat(configuration.undecided()).isEqualTo(Configuration.Undecided.FAIL);
    assertThat(configuration.checkFailedTests()).isFalse();
    assertThat(configuration.frameworkPackages())
        .isEqualTo(Configuration.DEFAULT_FRAMEWORK_PACKAGES);
    assertThat(configuration.analysisMaxHeap()).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "2s, PT2S",
    "1m, PT1M",
    "3 min, PT3M",
    "1h, PT1H",
    "PT1.5S, PT1.5S",
    "10S, PT10S"
  })
  void parsesDurations(String text, Duration expected) {
    assertThat(parse(Map.of("leakcheck.timeout", text)).timeout()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "5", "-1s", "0ms", "PT0S", "1 fortnight"})
  void rejectsBadDurationsNamingTheKey(String text) {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.timeout", text)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leakcheck.timeout")
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void parsesModes() {
    assertThat(parse(Map.of("leakcheck.mode", "report-only")).mode())
        .isEqualTo(org.leakcheck.LeakCheck.Mode.REPORT_ONLY);
    assertThat(parse(Map.of("leakcheck.mode", " FAIL ")).mode())
        .isEqualTo(org.leakcheck.LeakCheck.Mode.FAIL);
  }

  @Test
  void rejectsABadModeNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.mode", "warn")))
        .hasMessage("'warn' is not a mode for leakcheck.mode; use 'fail' or 'report-only'");
  }

  @Test
  void rejectsAnUnknownKeyNamingIt() {
    assertThatThrownBy(
            () -> Configuration.from(key -> Optional.empty(), Set.of("leakcheck.timout")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("unknown configuration parameter 'leakcheck.timout'")
        .hasMessageContaining("leakcheck.timeout");
  }

  @Test
  void ignoresKeysOfOtherPrefixes() {
    assertThat(
            Configuration.from(
                key -> Optional.empty(), Set.of("junit.jupiter.execution.parallel.enabled")))
        .isNotNull();
  }

  @Test
  void parsesWhatHappensToUndecidedSurvivors() {
    assertThat(parse(Map.of("leakcheck.undecided", "abort")).undecided())
        .isEqualTo(Configuration.Undecided.ABORT);
    assertThat(parse(Map.of("leakcheck.undecided", " Fail ")).undecided())
        .isEqualTo(Configuration.Undecided.FAIL);
  }

  @Test
  void rejectsABadUndecidedValueNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.undecided", "skip")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("'skip' is not a value for leakcheck.undecided; use 'fail' or 'abort'");
  }

  @Test
  void parsesWhetherFailedTestsAreChecked() {
    assertThat(parse(Map.of("leakcheck.checkFailedTests", "TRUE")).checkFailedTests()).isTrue();
    assertThatThrownBy(() -> parse(Map.of("leakcheck.checkFailedTests", "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("'yes' is not a boolean for leakcheck.checkFailedTests; use 'true' or 'false'");
  }

  @Test
  void keepDumpsAcceptsEitherWordSeparator() {
    assertThat(parse(Map.of("leakcheck.keepDumps", "ON_FAILURE")).keepDumps())
        .isEqualTo(Configuration.KeepDumps.ON_FAILURE);
    assertThat(parse(Map.of("leakcheck.keepDumps", "on-failure")).keepDumps())
        .isEqualTo(Configuration.KeepDumps.ON_FAILURE);
    assertThatThrownBy(() -> parse(Map.of("leakcheck.keepDumps", "sometimes")))
        .hasMessage(
            "'sometimes' is not a value for leakcheck.keepDumps; use 'never', 'on-failure' or"
                + " 'always'");
  }

  @Test
  void frameworkPackagesAreAddedToTheDefaultsNormalisedAndWithoutRepeats() {
    Configuration configuration =
        parse(
            Map.of(
                "leakcheck.frameworkPackages",
                " com.example.testing , org.junit, com.example.Fixtures, com.example.more.*,"
                    + " com.example.testing."));

    assertThat(configuration.frameworkPackages())
        .startsWith(Configuration.DEFAULT_FRAMEWORK_PACKAGES.toArray(new String[0]))
        .endsWith("com.example.testing.", "com.example.Fixtures", "com.example.more.")
        .doesNotHaveDuplicates()
        .hasSize(Configuration.DEFAULT_FRAMEWORK_PACKAGES.size() + 3);
    assertThatThrownBy(() -> configuration.frameworkPackages().add("x."))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theDefaultFrameworkPackagesCoverTheTestInfrastructure() {
    assertThat(Configuration.DEFAULT_FRAMEWORK_PACKAGES)
        .contains(
            "org.junit.",
            "org.apache.maven.surefire.",
            "org.gradle.",
            "worker.org.gradle.",
            "com.intellij.rt.",
            "com.intellij.junit5.",
            "org.eclipse.jdt.internal.junit.",
            "org.eclipse.jdt.internal.junit5.",
            "org.mockito.",
            "org.springframework.test.")
        .allSatisfy(prefix -> assertThat(prefix).endsWith("."))
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "com.example,", "com.example,,org.example", ", com.example"})
  void rejectsBlankFrameworkPackageEntries(String text) {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.frameworkPackages", text)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leakcheck.frameworkPackages")
        .hasMessageContaining("blank entry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.*.testing", "com example", "com/example", "1com.example"})
  void rejectsFrameworkPackagesThatAreNoNames(String text) {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.frameworkPackages", text)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leakcheck.frameworkPackages")
        .hasMessageContaining("is not a package or class name");
  }

  @ParameterizedTest
  @CsvSource({"512m, 512m", "2g, 2g", " 16M , 16M", "0100m, 100m", "1048576k, 1048576k"})
  void parsesAnalysisHeapSizes(String text, String expected) {
    assertThat(parse(Map.of("leakcheck.analysis.maxHeap", text)).analysisMaxHeap())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0m", "0", "00g", "1m", "15m", "512", "lots", "2gb", "-1g", ""})
  void rejectsHeapSizesTheAnalyserCannotStartWithUpFront(String text) {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.analysis.maxHeap", text)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leakcheck.analysis.maxHeap")
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void rejectsAnUnknownParameterSuggestingTheNearestKey() {
    assertThatThrownBy(
            () ->
                Configuration.from(
                    key -> Optional.empty(),
                    PresentKeys.of(Set.of("leakcheck.retainingpaht"), Set.of()),
                    new Warnings(line -> {})))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "unknown configuration parameter 'leakcheck.retainingpaht'; did you mean"
                + " 'leakcheck.retainingPath'?")
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).key())
                    .isEqualTo("leakcheck.retainingpaht"));
  }

  @Test
  void anUnknownSystemPropertyOnlyWarnsOnceNamingItAndTheNearestKey() {
    List<String> warnings = new ArrayList<>();
    Warnings sink = new Warnings(warnings::add);
    PresentKeys keys = PresentKeys.of(Set.of(), Set.of("leakcheck.version", "leakcheck.timout"));

    Configuration.from(key -> Optional.empty(), keys, sink);
    Configuration.from(key -> Optional.empty(), keys, sink);

    assertThat(warnings)
        .satisfiesExactly(
            w ->
                assertThat(w)
                    .startsWith("[leakcheck] warning: ignoring system property 'leakcheck.timout'")
                    .contains("the nearest is 'leakcheck.timeout'"),
            w ->
                assertThat(w)
                    .startsWith("[leakcheck] warning: ignoring system property 'leakcheck.version'")
                    .contains("the nearest is '" + Keys.nearest("leakcheck.version") + "'"));
  }

  @Test
  void aKeyThatIsBothAParameterAndASystemPropertyIsAParameter() {
    PresentKeys keys = PresentKeys.of(Set.of("leakcheck.version"), Set.of("leakcheck.version"));

    assertThat(keys.systemPropertiesOnly()).isEmpty();
    assertThatThrownBy(
            () -> Configuration.from(key -> Optional.empty(), keys, new Warnings(w -> {})))
        .hasMessageStartingWith("unknown configuration parameter 'leakcheck.version'");
  }

  @Test
  void aBadValueIsAnErrorWhereverTheKeyWasSet() {
    Map<String, String> values = Map.of("leakcheck.timeout", "soon");

    assertThatThrownBy(
            () ->
                Configuration.from(
                    key -> Optional.ofNullable(values.get(key)),
                    PresentKeys.of(Set.of(), values.keySet()),
                    new Warnings(w -> {})))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("leakcheck.timeout");
  }

  @Test
  void withReplacesOnlyTheGivenValues() {
    Configuration base =
        parse(Map.of("leakcheck.frameworkPackages", "com.example", "leakcheck.undecided", "abort"));

    Configuration copy = base.with(Optional.of(Duration.ofSeconds(9)), Optional.empty());

    assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(copy.mode()).isEqualTo(org.leakcheck.LeakCheck.Mode.FAIL);
    assertThat(copy.undecided()).isEqualTo(Configuration.Undecided.ABORT);
    assertThat(copy.frameworkPackages()).isEqualTo(base.frameworkPackages());
  }

  @ParameterizedTest
  @CsvSource({
    "leakcheck.timout, leakcheck.timeout",
    "leakcheck.Mode, leakcheck.mode",
    "leakcheck.keepdump, leakcheck.keepDumps",
    "leakcheck.analysis.maxheap, leakcheck.analysis.maxHeap",
    "leakcheck.analysisTimeout, leakcheck.analysis.timeout",
    "leakcheck.frameworkPackage, leakcheck.frameworkPackages",
    "leakcheck.checkFailed, leakcheck.checkFailedTests"
  })
  void suggestsTheNearestKnownKey(String typo, String expected) {
    assertThat(Keys.nearest(typo)).isEqualTo(expected);
  }

  @Test
  void everyKeyOfTheTableIsAConstantOfTheAnnotation() throws IllegalAccessException {
    Set<String> constants = new TreeSet<>();
    for (Field f : LeakCheck.class.getFields()) {
      if (f.getName().endsWith("_KEY")) {
        constants.add((String) f.get(null));
      }
    }

    assertThat(Keys.ALL).extracting(Key::name).containsExactlyInAnyOrderElementsOf(constants);
  }
}
