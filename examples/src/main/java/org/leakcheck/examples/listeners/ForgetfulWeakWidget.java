package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * BROKEN the other way: it does not leak, it goes deaf. It subscribes {@code this::onPrice} to a
 * {@link WeakPriceFeed}; nothing but the feed's weak reference holds that method-reference object,
 * so the first garbage collection clears it and the widget receives no more prices, though it is
 * still alive and on screen. Nothing fails; the screen just stops updating, at a moment that
 * depends on the collector.
 *
 * @see WeakListeningWidget the fix
 */
public final class ForgetfulWeakWidget {

  private final List<Double> shown = new ArrayList<>();

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public ForgetfulWeakWidget(WeakPriceFeed feed) {
    feed.subscribe(this::onPrice);
  }

  private void onPrice(PriceChange change) {
    shown.add(change.price());
  }

  /**
   * @return the prices shown so far
   */
  public List<Double> shown() {
    return List.copyOf(shown);
  }
}
