package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * LEAKS: subscribes an anonymous inner class and never unsubscribes.
 *
 * <p>An anonymous (or inner, non-static) class has a hidden field {@code this$0} referring to the
 * object that created it. The feed holds the listener, the listener holds the widget: the widget
 * lives as long as the feed, long after its screen was closed.
 *
 * @see PriceWidget the fix
 */
public final class LeakyAnonymousClassWidget {

  private final List<Double> shown = new ArrayList<>();

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public LeakyAnonymousClassWidget(PriceFeed feed) {
    feed.subscribe(
        new PriceListener() {
          @Override
          public void onPrice(PriceChange change) {
            shown.add(change.price()); // uses the widget's field: this$0
          }
        });
  }

  /** Closes the widget's screen... but forgets to unsubscribe. */
  public void close() {
    shown.clear();
  }
}
