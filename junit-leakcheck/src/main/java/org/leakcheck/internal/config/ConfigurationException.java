package org.leakcheck.internal.config;

/** A bad configuration value or an unknown key; the message names the key. */
public final class ConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigurationException(String key, String message) {
    super(message);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
