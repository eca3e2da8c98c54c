package org.leakcheck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs {@link FixtureTestCase} and prints one line per test: {@code <name> passed} or {@code <name>
 * failed: <exception class>: <message>}. Started by {@link CollectorFlagsTests} in a JVM with the
 * GC flags under test.
 */
public final class ForkedVerdict {

  static final List<Object> LEAKED = new ArrayList<>();

  private ForkedVerdict() {}

  public static void main(String[] args) {
    List<Event> finished =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(FixtureTestCase.class))
            .execute()
            .testEvents()
            .finished()
            .list();
    for (Event event : finished) {
      if (event.getType() != EventType.FINISHED) {
        continue;
      }
      String name = event.getTestDescriptor().getDisplayName().replace("(LeakTracker)", "");
      TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
      System.out.println(
          result
              .getThrowable()
              .map(t -> name + " failed: " + t.getClass().getSimpleName() + ": " + t.getMessage())
              .orElse(name + " passed"));
    }
  }

  @LeakCheck
  static class FixtureTestCase {
    @Test
    void leak(LeakTracker leaks) {
      LEAKED.add(leaks.track(new StringBuilder("leaked"), "leaked"));
    }

    @Test
    void collected(LeakTracker leaks) {
      leaks.track(new StringBuilder("dropped"), "dropped");
    }

    @Test
    void finalizable(LeakTracker leaks) {
      leaks.track(new Finalizable(), "finalizable");
    }
  }

  static final class Finalizable {
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
      // Present so that collecting the object takes a second cycle.
    }
  }
}
