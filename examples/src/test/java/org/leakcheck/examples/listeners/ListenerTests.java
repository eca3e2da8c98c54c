package org.leakcheck.examples.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;

@LeakCheck
class ListenerTests {

  /** Lives as long as the application. */
  static final PriceFeed FEED = new PriceFeed();

  static final WeakPriceFeed WEAK_FEED = new WeakPriceFeed();

  @Test
  void closedWidgetIsCollectable(LeakTracker leaks) {
    try (PriceWidget widget = leaks.track(new PriceWidget(FEED), "price widget")) {
      FEED.publish(new PriceChange("ACME", 12.5));
      assertThat(widget.shown()).containsExactly(12.5);
    }
  }

  @Test
  void widgetHoldingItsWeaklySubscribedListenerIsCollectableWithoutUnsubscribing(
      LeakTracker leaks) {
    WeakListeningWidget widget =
        leaks.track(new WeakListeningWidget(WEAK_FEED), "weakly subscribed widget");

    WEAK_FEED.publish(new PriceChange("ACME", 12.5));

    assertThat(widget.shown()).containsExactly(12.5);
  }
}
