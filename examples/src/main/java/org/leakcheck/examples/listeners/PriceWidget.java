package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * FIXED: the widget keeps its subscription and closes it when it is closed; being {@link
 * AutoCloseable}, it can be used in try-with-resources, and IDEs and linters flag a widget that is
 * never closed.
 *
 * <p>The listener may be a method reference, a lambda or an inner class: with the subscription
 * closed, none of them is held by the feed any more.
 */
public final class PriceWidget implements AutoCloseable {

  private final List<Double> shown = new ArrayList<>();
  private final PriceFeed.Subscription subscription;

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public PriceWidget(PriceFeed feed) {
    this.subscription = feed.subscribe(this::onPrice);
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

  /** Unsubscribes. */
  @Override
  public void close() {
    subscription.close();
  }
}
