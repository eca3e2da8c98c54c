package org.leakcheck.examples.suite;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The application's own test extension: gives each test a running {@link EventServer} and stops it
 * in {@code afterEach}. JUnit runs after-each callbacks in reverse registration order; the leak
 * check runs after all of them, whichever was registered first.
 */
public class EventServerExtension implements ParameterResolver, AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(EventServerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EventServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // get and put, not getOrComputeIfAbsent: deprecated in JUnit 6, and this suite runs on 5 and 6
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    EventServer server = store.get("server", EventServer.class);
    if (server == null) {
      server = EventServer.start();
      store.put("server", server);
    }
    return server;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    EventServer server = context.getStore(NAMESPACE).remove("server", EventServer.class);
    if (server != null) {
      server.stop();
    }
  }
}
