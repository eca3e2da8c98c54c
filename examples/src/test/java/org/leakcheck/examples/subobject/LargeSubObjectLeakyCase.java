package org.leakcheck.examples.subobject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/** The test of {@link LargeSubObjectTests}, run against {@link LeakyDocumentEditor}. */
@LeakCheck
@DisplayName("Long-lived editor that keeps a large upload in a field")
class LargeSubObjectLeakyCase {

  /** Lives as long as the user's session. */
  static final LeakyDocumentEditor EDITOR = new LeakyDocumentEditor();

  @Test
  @DisplayName("the 1 MB upload stays in the editor's field after parsing")
  void uploadIsCollectableAfterParsing(LeakTracker leaks) {
    EDITOR.open(leaks.track(new Upload(new byte[1 << 20]), "1 MB upload"));
  }
}
