package org.leakcheck.examples.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.tail;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakDetectedError;
import org.leakcheck.LeakedObject;

/** Proof that the test of {@link ListenerTests} catches widgets that never unsubscribe. */
class ListenerLeakyCaseTests {

  private static final String FEED_ROOT =
      "static field " + ListenerLeakyCase.class.getName() + ".FEED";

  private static Map<String, LeakDetectedError> errors;

  @BeforeAll
  static void runTheLeakySuiteOnce() {
    errors = leaksOf(ListenerLeakyCase.class);
  }

  @Test
  void anonymousClassListenerRetainsItsWidgetThroughThis0() {
    LeakedObject leak = onlyLeak(errors.get("closedAnonymousClassWidgetIsCollectable"));

    assertThat(leak.retainingPath().orElseThrow().root().description()).isEqualTo(FEED_ROOT);
    List<String> tail = tail(leak, 2);
    assertThat(tail.get(0))
        .matches(Pattern.quote(LeakyAnonymousClassWidget.class.getName() + "$1 [") + "\\d+]");
    assertThat(tail.get(1)).isEqualTo(LeakyAnonymousClassWidget.class.getName() + " .this$0");
  }

  @Test
  void lambdaListenerRetainsTheWidgetItCaptured() {
    LeakedObject leak = onlyLeak(errors.get("closedLambdaWidgetIsCollectable"));

    assertThat(leak.retainingPath().orElseThrow().root().description()).isEqualTo(FEED_ROOT);
    assertCapturedByLambdaOf(LeakyLambdaWidget.class, tail(leak, 2));
  }

  @Test
  void methodReferenceListenerRetainsTheWidgetItIsBoundTo() {
    LeakedObject leak = onlyLeak(errors.get("closedMethodReferenceWidgetIsCollectable"));

    assertThat(leak.retainingPath().orElseThrow().root().description()).isEqualTo(FEED_ROOT);
    assertCapturedByLambdaOf(LeakyMethodReferenceWidget.class, tail(leak, 2));
  }

  /**
   * The lambda's class is generated ({@code Widget$$Lambda...}); the captured field is JDK-named.
   */
  private static void assertCapturedByLambdaOf(Class<?> widget, List<String> tail) {
    assertThat(tail.get(0)).startsWith(widget.getName() + "$$Lambda");
    assertThat(tail.get(1)).startsWith(widget.getName() + " .");
  }
}
