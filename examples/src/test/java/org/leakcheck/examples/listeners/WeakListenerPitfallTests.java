package org.leakcheck.examples.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakcheck.examples.Gc;

/**
 * Why "use weak listeners" is not a fix on its own: a publisher that holds listeners weakly loses a
 * lambda or method reference created just for the call at the next garbage collection, while its
 * subscriber is alive.
 */
class WeakListenerPitfallTests {

  @Test
  void methodReferenceHeldOnlyWeaklyIsCollectedWhileItsWidgetIsAlive() {
    WeakPriceFeed feed = new WeakPriceFeed();
    ForgetfulWeakWidget widget = new ForgetfulWeakWidget(feed);
    feed.publish(new PriceChange("ACME", 1.0));

    Gc.collectUntil(() -> feed.liveListenerCount() == 0);
    feed.publish(new PriceChange("ACME", 2.0));

    assertThat(widget.shown()).as("the widget went deaf after the collection").containsExactly(1.0);
  }

  @Test
  void lambdaHeldOnlyWeaklyIsCollectedWhileWhatItUpdatesIsAlive() {
    WeakPriceFeed feed = new WeakPriceFeed();
    List<Double> shown = new ArrayList<>();
    feed.subscribe(change -> shown.add(change.price())); // the lambda object: held weakly only
    feed.publish(new PriceChange("ACME", 1.0));

    Gc.collectUntil(() -> feed.liveListenerCount() == 0);
    feed.publish(new PriceChange("ACME", 2.0));

    assertThat(shown).as("the list is alive, its listener is gone").containsExactly(1.0);
  }

  @Test
  void listenerHeldByItsWidgetSurvivesCollectionAsLongAsTheWidget() {
    WeakPriceFeed feed = new WeakPriceFeed();
    WeakListeningWidget widget = new WeakListeningWidget(feed);
    feed.publish(new PriceChange("ACME", 1.0));

    Gc.fullCollection();
    feed.publish(new PriceChange("ACME", 2.0));

    assertThat(feed.liveListenerCount()).isEqualTo(1);
    assertThat(widget.shown()).containsExactly(1.0, 2.0);
  }
}
