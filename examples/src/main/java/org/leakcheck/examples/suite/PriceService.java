package org.leakcheck.examples.suite;

import java.util.function.Consumer;

/** A service with a collaborator, for the Spring and Mockito examples. */
public class PriceService {

  private final Consumer<Object> audit;

  /**
   * A service that reports every quote to {@code audit}.
   *
   * @param audit where quotes are reported
   */
  public PriceService(Consumer<Object> audit) {
    this.audit = audit;
  }

  /**
   * Quotes a price and reports the quote.
   *
   * @param item what to quote
   * @return the quote
   */
  public Object quote(String item) {
    Object quote = new StringBuilder("quote for ").append(item);
    audit.accept(quote);
    return quote;
  }
}
