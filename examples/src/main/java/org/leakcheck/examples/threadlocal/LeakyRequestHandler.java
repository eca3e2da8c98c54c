package org.leakcheck.examples.threadlocal;

/**
 * LEAKS: puts the current request in a {@link ThreadLocal} and never removes it.
 *
 * <p>A thread-local value lives in the thread's own map ({@code Thread.threadLocals}) until it is
 * removed or the thread ends. Pooled threads (executors, servlet containers) do not end: the last
 * request each of them handled stays reachable from the live thread, and with it everything the
 * request references. In an application server this is also the classic class-loader leak on
 * redeploy: the value's class pins the old application's class loader.
 *
 * @see RequestHandler the fix
 */
public final class LeakyRequestHandler {

  private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

  /** Creates a handler. */
  public LeakyRequestHandler() {}

  /**
   * Handles a request on the calling thread.
   *
   * @param request the request
   * @return a response
   */
  public String handle(Request request) {
    CURRENT.set(request);
    return respond();
  }

  private static String respond() {
    Request request = CURRENT.get();
    return "hello " + request.user() + " (" + request.payload().length + " bytes)";
  }
}
