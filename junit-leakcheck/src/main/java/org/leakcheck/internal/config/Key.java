package org.leakcheck.internal.config;

import java.util.Objects;

/**
 * One configuration key, as the table in {@link Keys} defines it: its name, how its value is read,
 * its default, the default as the docs show it, and what it is for in one line.
 *
 * @param <T> the type of its value
 */
public final class Key<T> {

  private final String name;
  private final ValueParser<T> parser;
  private final T defaultValue;
  private final String documentedDefault;
  private final String doc;

  Key(String name, ValueParser<T> parser, T defaultValue, String documentedDefault, String doc) {
    this.name = Objects.requireNonNull(name, "name");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.defaultValue = defaultValue;
    this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
    this.doc = Objects.requireNonNull(doc, "doc");
  }

  /**
   * The key, {@code leakcheck.…}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value used when the key is not set; {@code null} where "not set" has a meaning of its own.
   *
   * @return the default
   */
  public T defaultValue() {
    return defaultValue;
  }

  /**
   * The default as the docs' tables show it (Markdown): {@code `2s`}, or words where the default is
   * not a value.
   *
   * @return the documented default
   */
  public String documentedDefault() {
    return documentedDefault;
  }

  /**
   * What the key is for, in one line of Markdown.
   *
   * @return the description
   */
  public String doc() {
    return doc;
  }

  /**
   * Reads a value given for this key.
   *
   * @param value the text as given
   * @return the value
   * @throws ConfigurationException naming the key
   */
  public T parse(String value) {
    return parser.parse(name, value);
  }

  @Override
  public String toString() {
    return name;
  }
}
