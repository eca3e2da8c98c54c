package org.leakcheck.examples.classloader;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * FIXED: the host remembers which hooks each plugin registered and removes them when it unloads the
 * plugin, so nothing outside the plugin's loader refers to its objects any more and the loader, its
 * classes and their static state can be collected.
 *
 * <p>The general rule for anything loaded in its own class loader: every registration it made in
 * longer-lived code (listeners, hooks, thread-locals, threads it started, JDBC drivers, MBeans)
 * must be undone on unload.
 *
 * @see LeakyPluginHost the leaky version
 */
public final class PluginHost {

  private static final List<Runnable> SHUTDOWN_HOOKS = new CopyOnWriteArrayList<>();

  private final URL pluginCodeSource;

  /**
   * Creates a host.
   *
   * @param pluginCodeSource the directory or jar the plugin classes are loaded from
   */
  public PluginHost(URL pluginCodeSource) {
    this.pluginCodeSource = pluginCodeSource;
  }

  /**
   * Loads and starts a plugin in a class loader of its own.
   *
   * @param className the plugin class
   * @return the loaded plugin; {@link LoadedPlugin#unload()} removes its hooks
   */
  public LoadedPlugin load(String className) {
    URLClassLoader loader = PluginLoading.isolatedLoader(pluginCodeSource);
    List<Runnable> registered = new CopyOnWriteArrayList<>();
    Object instance =
        PluginLoading.start(
            loader,
            className,
            hook -> {
              registered.add(hook);
              SHUTDOWN_HOOKS.add(hook);
            });
    return new LoadedPlugin(loader, instance, () -> SHUTDOWN_HOOKS.removeAll(registered));
  }

  /** Runs every registered shutdown hook. */
  public static void shutdown() {
    SHUTDOWN_HOOKS.forEach(Runnable::run);
  }
}
