package org.leakcheck.examples.listeners;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A publisher that holds its listeners weakly, so that a forgotten listener cannot keep its
 * subscriber alive.
 *
 * <p>The catch: the feed now holds the listener <em>object</em> weakly, and a lambda or method
 * reference created just for the call, as in {@code feed.subscribe(this::onPrice)}, is referenced
 * by nobody else. It is garbage at once, and the next collection silently unsubscribes it while its
 * subscriber is still alive and on screen (see {@link ForgetfulWeakWidget}). Whoever subscribes
 * must hold the listener strongly for as long as it wants events (see {@link WeakListeningWidget}).
 * Because that rule is invisible at the call site, explicit subscriptions ({@link
 * PriceFeed#subscribe}) are usually the better fix.
 */
public final class WeakPriceFeed {

  private final List<WeakReference<PriceListener>> listeners = new CopyOnWriteArrayList<>();

  /** Creates a feed with no listeners. */
  public WeakPriceFeed() {}

  /**
   * Subscribes a listener, held weakly: the caller must keep it reachable.
   *
   * @param listener the listener
   */
  public void subscribe(PriceListener listener) {
    listeners.add(new WeakReference<>(listener));
  }

  /**
   * Sends a change to every listener still alive, and forgets the collected ones.
   *
   * @param change the change
   */
  public void publish(PriceChange change) {
    for (WeakReference<PriceListener> reference : listeners) {
      PriceListener listener = reference.get();
      if (listener == null) {
        listeners.remove(reference);
      } else {
        listener.onPrice(change);
      }
    }
  }

  /**
   * @return how many listeners have not been collected yet
   */
  public int liveListenerCount() {
    return (int) listeners.stream().filter(r -> r.get() != null).count();
  }
}
