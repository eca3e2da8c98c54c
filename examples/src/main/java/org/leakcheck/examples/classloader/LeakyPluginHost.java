package org.leakcheck.examples.classloader;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * LEAKS: an unloaded plugin's class loader can never be collected, because the host keeps the
 * plugin's shutdown hook in a static list.
 *
 * <p>A class loader is collected only when nothing reaches it: none of its classes, and no instance
 * of any of them (an object refers to its class, a class to its loader). One object of the plugin
 * held from outside, here a shutdown hook in a static list of the host, pins the loader and,
 * through it, every class it defined with all their static fields. With hot redeployment this is
 * the classic "Metaspace / PermGen fills up after N redeploys".
 *
 * @see PluginHost the fix
 */
public final class LeakyPluginHost {

  private static final List<Runnable> SHUTDOWN_HOOKS = new CopyOnWriteArrayList<>();

  private final URL pluginCodeSource;

  /**
   * Creates a host.
   *
   * @param pluginCodeSource the directory or jar the plugin classes are loaded from
   */
  public LeakyPluginHost(URL pluginCodeSource) {
    this.pluginCodeSource = pluginCodeSource;
  }

  /**
   * Loads and starts a plugin in a class loader of its own.
   *
   * @param className the plugin class
   * @return the loaded plugin
   */
  public LoadedPlugin load(String className) {
    URLClassLoader loader = PluginLoading.isolatedLoader(pluginCodeSource);
    Object instance = PluginLoading.start(loader, className, SHUTDOWN_HOOKS::add);
    return new LoadedPlugin(loader, instance, () -> {}); // unloading forgets the hooks: the bug
  }

  /** Runs every registered shutdown hook. */
  public static void shutdown() {
    SHUTDOWN_HOOKS.forEach(Runnable::run);
  }
}
