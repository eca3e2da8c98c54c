package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * LEAKS: subscribes a bound method reference {@code this::onPrice}, and never unsubscribes.
 *
 * <p>{@code this::onPrice} is an object bound to {@code this}: holding it holds the widget.
 *
 * @see PriceWidget the fix
 */
public final class LeakyMethodReferenceWidget {

  private final List<Double> shown = new ArrayList<>();

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public LeakyMethodReferenceWidget(PriceFeed feed) {
    feed.subscribe(this::onPrice);
  }

  private void onPrice(PriceChange change) {
    shown.add(change.price());
  }

  /** Closes the widget's screen... but forgets to unsubscribe. */
  public void close() {
    shown.clear();
  }
}
