package org.leakcheck.examples.subobject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

@LeakCheck
class LargeSubObjectTests {

  /** Lives as long as the user's session. */
  static final DocumentEditor EDITOR = new DocumentEditor();

  @Test
  void uploadIsCollectableAfterParsing(LeakTracker leaks) {
    EDITOR.open(leaks.track(new Upload(new byte[1 << 20]), "1 MB upload"));
  }

  @Test
  void editorStillKnowsWhatItParsed(LeakTracker leaks) {
    EDITOR.open(
        leaks.track(new Upload("a\nb\nc".getBytes(StandardCharsets.UTF_8)), "3-line upload"));

    assertThat(EDITOR.lines()).isEqualTo(3);
  }
}
