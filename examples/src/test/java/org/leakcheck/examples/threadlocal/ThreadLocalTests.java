package org.leakcheck.examples.threadlocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

@LeakCheck
class ThreadLocalTests {

  /** The server's thread pool: its threads live as long as the application. */
  static final ExecutorService POOL =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "request-worker");
            thread.setDaemon(true);
            return thread;
          });

  @Test
  void requestIsCollectableAfterHandling(LeakTracker leaks) throws Exception {
    Request request = leaks.track(new Request("alice", new byte[10_000]), "request of alice");
    RequestHandler handler = new RequestHandler();

    assertThat(POOL.submit(() -> handler.handle(request)).get())
        .isEqualTo("hello alice (10000 bytes)");
  }
}
