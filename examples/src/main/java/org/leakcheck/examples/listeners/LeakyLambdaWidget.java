package org.leakcheck.examples.listeners;

import java.util.ArrayList;
import java.util.List;

/**
 * LEAKS: subscribes a lambda that uses the widget, and never unsubscribes.
 *
 * <p>A lambda that reads a field or calls a method of the enclosing object captures {@code this}
 * (the generated class has a field for it, {@code arg$1} on current JDKs). The feed holds the
 * lambda, the lambda holds the widget.
 *
 * @see PriceWidget the fix
 */
public final class LeakyLambdaWidget {

  private final List<Double> shown = new ArrayList<>();

  /**
   * Creates the widget and subscribes it.
   *
   * @param feed the feed to show prices from
   */
  public LeakyLambdaWidget(PriceFeed feed) {
    feed.subscribe(change -> shown.add(change.price()));
  }

  /** Closes the widget's screen... but forgets to unsubscribe. */
  public void close() {
    shown.clear();
  }
}
