package org.leakcheck.examples.listeners;

/** Receives price changes. */
@FunctionalInterface
public interface PriceListener {

  /**
   * Called for each change.
   *
   * @param change the change
   */
  void onPrice(PriceChange change);
}
