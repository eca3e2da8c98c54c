package org.leakcheck.examples.threadlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.tail;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;

/** Proof that the test of {@link ThreadLocalTests} catches {@link LeakyRequestHandler}'s leak. */
class ThreadLocalLeakyCaseTests {

  @Test
  void requestIsRetainedByThePoolThreadsThreadLocals() {
    LeakedObject leak =
        onlyLeak(leaksOf(ThreadLocalLeakyCase.class).get("requestIsCollectableAfterHandling"));

    assertThat(leak.label()).hasValue("request of alice");
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo(
            "thread-local "
                + LeakyRequestHandler.class.getName()
                + ".CURRENT of thread \"leaky-request-worker\"");
    assertThat(tail(leak, 1)).containsExactly(Request.class.getName() + " .value");
  }
}
