package org.leakcheck.examples.threadlocal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/** The test of {@link ThreadLocalTests}, run against {@link LeakyRequestHandler}. */
@LeakCheck
@DisplayName("ThreadLocal set on a pooled thread and never removed")
class ThreadLocalLeakyCase {

  /** The server's thread pool: its threads live as long as the application. */
  static final ExecutorService POOL =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "leaky-request-worker");
            thread.setDaemon(true);
            return thread;
          });

  @Test
  @DisplayName("the last request handled stays in the pool thread's thread-locals")
  void requestIsCollectableAfterHandling(LeakTracker leaks) throws Exception {
    Request request = leaks.track(new Request("alice", new byte[10_000]), "request of alice");
    LeakyRequestHandler handler = new LeakyRequestHandler();

    POOL.submit(() -> handler.handle(request)).get();
  }
}
