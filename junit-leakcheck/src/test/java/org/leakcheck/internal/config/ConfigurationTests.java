package org.leakcheck.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationTests {

  private static Configuration parse(Map<String, String> values) {
    return Configuration.from(key -> Optional.ofNullable(values.get(key)), values.keySet());
  }

  @Test
  void defaults() {
    Configuration configuration = parse(Map.of());

    assertThat(configuration.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(configuration.mode()).isEqualTo(Configuration.Mode.FAIL);
    assertThat(configuration.undecided()).isEqualTo(Configuration.Undecided.FAIL);
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
        .isEqualTo(Configuration.Mode.REPORT_ONLY);
    assertThat(parse(Map.of("leakcheck.mode", " FAIL ")).mode()).isEqualTo(Configuration.Mode.FAIL);
  }

  @Test
  void rejectsABadModeNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("leakcheck.mode", "warn")))
        .hasMessage("'warn' is not a mode for leakcheck.mode; use 'fail' or 'report-only'");
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
}
