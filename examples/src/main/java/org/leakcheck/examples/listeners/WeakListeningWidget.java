package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * FIXED for a weak publisher: the widget holds its listener in a field. The feed holds the listener
 * weakly, the listener and the widget hold each other strongly: a cycle that lives exactly as long
 * as somebody holds the widget, and is collected with it, with no unsubscribe.
 */
public final class WeakListeningWidget {

  private final List<Double> shown = new ArrayList<>();

  /** The strong reference that keeps the subscription alive as long as the widget. */
  private final PriceListener listener = this::onPrice;

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public WeakListeningWidget(WeakPriceFeed feed) {
    feed.subscribe(listener);
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
