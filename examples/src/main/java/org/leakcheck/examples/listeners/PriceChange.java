package org.leakcheck.examples.listeners;

/**
 * An event: a new price for a symbol.
 *
 * @param symbol the instrument
 * @param price its new price
 */
public record PriceChange(String symbol, double price) {}
