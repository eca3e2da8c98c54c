package org.leakcheck.examples.classloader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;

/** A plugin the host loaded: its class loader, and how to unload it. */
public final class LoadedPlugin {

  private final URLClassLoader loader;
  private final Object instance;
  private final Runnable onUnload;

  LoadedPlugin(URLClassLoader loader, Object instance, Runnable onUnload) {
    this.loader = loader;
    this.instance = instance;
    this.onUnload = onUnload;
  }

  /**
   * @return the class loader that defined the plugin's classes
   */
  public ClassLoader classLoader() {
    return loader;
  }

  /**
   * @return the plugin object
   */
  public Object instance() {
    return instance;
  }

  /** Unloads the plugin: whatever the host does for it, then closes the class loader. */
  public void unload() {
    onUnload.run();
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
