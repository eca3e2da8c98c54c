package org.leakcheck.internal.config;

/**
 * Reads the text of one configuration value; a bad value is a {@link ConfigurationException} naming
 * the key. One per kind of value, in {@link Values}.
 *
 * @param <T> what the text becomes
 */
@FunctionalInterface
public interface ValueParser<T> {

  /**
   * Reads a value.
   *
   * @param key the key the value was given for, named in the error
   * @param value the text as given
   * @return the value
   * @throws ConfigurationException naming the key, when the text is not a value of this kind
   */
  T parse(String key, String value);
}
