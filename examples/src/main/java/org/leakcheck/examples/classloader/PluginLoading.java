package org.leakcheck.examples.classloader;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Consumer;

/** What both hosts share: loading a plugin class in a fresh, isolated class loader. */
final class PluginLoading {

  private PluginLoading() {}

  /**
   * Creates a class loader over the given code source whose parent is the platform loader: it sees
   * the JDK, not the application, so it defines its own copy of the plugin's classes.
   */
  static URLClassLoader isolatedLoader(URL codeSource) {
    return new URLClassLoader(
        "plugin:" + codeSource, new URL[] {codeSource}, ClassLoader.getPlatformClassLoader());
  }

  /** Instantiates the plugin class and starts it with the given shutdown-hook registrar. */
  static Object start(
      ClassLoader loader, String className, Consumer<Runnable> registerShutdownHook) {
    Object instance;
    try {
      instance = Class.forName(className, true, loader).getConstructor().newInstance();
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalArgumentException("cannot load plugin " + className + ": " + e, e);
    }
    if (!(instance instanceof Consumer)) {
      throw new IllegalArgumentException(
          className + " is not a plugin (a Consumer<Consumer<Runnable>>)");
    }
    @SuppressWarnings("unchecked")
    Consumer<Consumer<Runnable>> plugin = (Consumer<Consumer<Runnable>>) instance;
    plugin.accept(registerShutdownHook);
    return instance;
  }
}
