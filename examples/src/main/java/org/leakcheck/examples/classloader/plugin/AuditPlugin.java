package org.leakcheck.examples.classloader.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A plugin, loaded by the host in a class loader of its own. It uses only JDK types to talk to the
 * host ({@code Consumer<Consumer<Runnable>>}: "start, and register your shutdown hooks here"), so
 * the host and the plugin share no class but the JDK's, as with a real plugin system whose plugin
 * classes must be unloadable.
 *
 * <p>On start it registers {@code this::flush} as a shutdown hook: an object bound to the plugin
 * instance, whose class is defined by the plugin's loader. Whoever holds that hook holds the
 * plugin, its class, its class loader, and every class and static field the loader defined.
 */
public final class AuditPlugin implements Consumer<Consumer<Runnable>> {

  private final List<String> pending = new ArrayList<>();

  /** Created by the host, reflectively. */
  public AuditPlugin() {}

  @Override
  public void accept(Consumer<Runnable> registerShutdownHook) {
    pending.add("started");
    registerShutdownHook.accept(this::flush);
  }

  private void flush() {
    pending.clear();
  }
}
