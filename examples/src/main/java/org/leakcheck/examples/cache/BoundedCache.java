package org.leakcheck.examples.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * FIXED: a cache with a maximum number of entries, evicting the least recently used one.
 *
 * <p>A {@link LinkedHashMap} in access order with {@link LinkedHashMap#removeEldestEntry}: the
 * smallest correct LRU cache in the JDK. In production prefer a cache library with size and time
 * limits (Caffeine); the point here is the bound, not the policy.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class BoundedCache<K, V> {

  private final Map<K, V> entries;

  /**
   * Creates a cache.
   *
   * @param maxEntries how many entries it keeps at most
   */
  public BoundedCache(int maxEntries) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /**
   * Returns the cached value, computing it when absent.
   *
   * @param key the key
   * @param compute computes the value
   * @return the value
   */
  public synchronized V get(K key, Function<? super K, ? extends V> compute) {
    return entries.computeIfAbsent(key, compute);
  }

  /**
   * @return how many entries it holds
   */
  public synchronized int size() {
    return entries.size();
  }
}
