package org.leakcheck.examples.listeners;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher that holds its listeners strongly, as nearly every publisher does; usually long lived
 * (one per application).
 *
 * <p>A listener that is never removed lives as long as the feed, and so does everything the
 * listener references: an anonymous inner class references its enclosing instance ({@code this$0}),
 * a lambda that uses {@code this} (or a field or method of it) captures {@code this}, and a method
 * reference {@code this::onPrice} is bound to {@code this}. So a screen that subscribes and never
 * unsubscribes lives as long as the feed.
 *
 * <p>{@link #subscribe} returns a {@link Subscription}: closing it removes the listener. The {@code
 * add}/{@code remove} pair of classic listener APIs works too, but a subscription cannot be removed
 * with the wrong object (a second {@code this::onPrice} is a different object from the first, so
 * {@code removeListener(this::onPrice)} removes nothing).
 */
public final class PriceFeed {

  private final List<PriceListener> listeners = new CopyOnWriteArrayList<>();

  /** Creates a feed with no listeners. */
  public PriceFeed() {}

  /** A registration; closing it (idempotent) unsubscribes the listener. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Subscribes a listener; held strongly until the subscription is closed.
   *
   * @param listener the listener
   * @return the subscription
   */
  public Subscription subscribe(PriceListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Sends a change to every listener.
   *
   * @param change the change
   */
  public void publish(PriceChange change) {
    for (PriceListener listener : listeners) {
      listener.onPrice(change);
    }
  }

  /**
   * @return how many listeners are subscribed
   */
  public int listenerCount() {
    return listeners.size();
  }
}
