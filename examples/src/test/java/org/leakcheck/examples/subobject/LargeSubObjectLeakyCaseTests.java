package org.leakcheck.examples.subobject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.tail;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;

/**
 * Proof that the test of {@link LargeSubObjectTests} catches {@link LeakyDocumentEditor}'s leak.
 */
class LargeSubObjectLeakyCaseTests {

  @Test
  void uploadIsRetainedByTheEditorsFieldWithItsMegabyte() {
    LeakedObject leak =
        onlyLeak(leaksOf(LargeSubObjectLeakyCase.class).get("uploadIsCollectableAfterParsing"));

    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + LargeSubObjectLeakyCase.class.getName() + ".EDITOR");
    assertThat(tail(leak, 1)).containsExactly(Upload.class.getName() + " .current");
    assertThat(leak.retainedBytes().orElseThrow()).isGreaterThanOrEqualTo(1 << 20);
  }
}
