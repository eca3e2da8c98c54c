package org.leakcheck.examples.threadlocal;

/**
 * FIXED: the thread-local is removed in {@code finally}, so the pooled thread goes back to the pool
 * holding nothing of the request. ({@code set(null)} is not enough: it keeps the map entry.)
 *
 * @see LeakyRequestHandler the leaky version
 */
public final class RequestHandler {

  private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

  /** Creates a handler. */
  public RequestHandler() {}

  /**
   * Handles a request on the calling thread.
   *
   * @param request the request
   * @return a response
   */
  public String handle(Request request) {
    CURRENT.set(request);
    try {
      return respond();
    } finally {
      CURRENT.remove();
    }
  }

  private static String respond() {
    Request request = CURRENT.get();
    return "hello " + request.user() + " (" + request.payload().length + " bytes)";
  }
}
