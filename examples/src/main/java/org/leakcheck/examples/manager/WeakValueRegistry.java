package org.leakcheck.examples.manager;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * A map whose values are held weakly: the Java analogue of Python's {@code WeakValueDictionary}. An
 * entry lives as long as somebody else holds its value; after the value is collected the entry is
 * removed.
 *
 * <p>The value is wrapped in a {@link WeakReference} registered with a {@link ReferenceQueue}. When
 * the collector clears the reference it puts it on the queue, and every call here first drains the
 * queue and removes the dead entries, so the map does not fill with empty references (which would
 * be a slow leak of its own). The key is not weak: it must not refer to the value, or the value
 * could never be collected.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WeakValueRegistry<K, V> {

  private final Map<K, KeyedReference<K, V>> entries = new HashMap<>();
  private final ReferenceQueue<V> collected = new ReferenceQueue<>();

  /** Creates an empty registry. */
  public WeakValueRegistry() {}

  private static final class KeyedReference<K, V> extends WeakReference<V> {
    final K key;

    KeyedReference(K key, V value, ReferenceQueue<V> queue) {
      super(value, queue);
      this.key = key;
    }
  }

  /**
   * Registers a value under a key, replacing any earlier one.
   *
   * @param key the key
   * @param value the value; held weakly
   */
  public synchronized void put(K key, V value) {
    expungeCollected();
    entries.put(key, new KeyedReference<>(key, value, collected));
  }

  /**
   * Looks a value up.
   *
   * @param key the key
   * @return the value, or {@code null} when there is none or it was collected
   */
  public synchronized V get(K key) {
    expungeCollected();
    KeyedReference<K, V> reference = entries.get(key);
    return reference == null ? null : reference.get();
  }

  /**
   * Removes an entry.
   *
   * @param key the key
   */
  public synchronized void remove(K key) {
    expungeCollected();
    entries.remove(key);
  }

  /**
   * @return how many entries are left after removing the collected ones
   */
  public synchronized int size() {
    expungeCollected();
    return entries.size();
  }

  private void expungeCollected() {
    for (Object cleared; (cleared = collected.poll()) != null; ) {
      KeyedReference<?, ?> reference = (KeyedReference<?, ?>) cleared;
      // Only if it is still the current entry: the key may have been registered again since.
      entries.remove(reference.key, reference);
    }
  }
}
