package org.leakcheck.examples.threadlocal;

/**
 * A request being handled, with its (possibly large) payload.
 *
 * @param user who sent it
 * @param payload its body
 */
public record Request(String user, byte[] payload) {}
