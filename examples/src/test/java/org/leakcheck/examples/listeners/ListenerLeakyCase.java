package org.leakcheck.examples.listeners;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

/** The test of {@link ListenerTests}, run against the widgets that never unsubscribe. */
@LeakCheck
@DisplayName("Listeners that are never unsubscribed from a long-lived publisher")
class ListenerLeakyCase {

  /** Lives as long as the application. */
  static final PriceFeed FEED = new PriceFeed();

  @Test
  @DisplayName("an anonymous inner class listener holds its widget through this$0")
  void closedAnonymousClassWidgetIsCollectable(LeakTracker leaks) {
    leaks.track(new LeakyAnonymousClassWidget(FEED), "anonymous-class widget").close();
  }

  @Test
  @DisplayName("a lambda listener that uses a field captures its widget")
  void closedLambdaWidgetIsCollectable(LeakTracker leaks) {
    leaks.track(new LeakyLambdaWidget(FEED), "lambda widget").close();
  }

  @Test
  @DisplayName("a method reference this::onPrice is bound to its widget")
  void closedMethodReferenceWidgetIsCollectable(LeakTracker leaks) {
    leaks.track(new LeakyMethodReferenceWidget(FEED), "method-reference widget").close();
  }
}
