package org.leakcheck.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * What the corpus scenarios share: the objects they track, and the state that leaking scenarios
 * leave behind, which {@link #reset()} releases after each run of the corpus so that the heap does
 * not grow from run to run.
 */
final class Scenarios {

  private Scenarios() {}

  /** Released by {@link #reset()}: threads that scenarios leave blocked on it end. */
  static volatile CountDownLatch release = new CountDownLatch(1);

  private static final List<Runnable> RESETS = new CopyOnWriteArrayList<>();

  /** Registers what {@link #reset()} must undo; called from the scenario classes' initialisers. */
  static void onReset(Runnable reset) {
    RESETS.add(reset);
  }

  /** Releases everything the leaking scenarios retained. */
  static void reset() {
    RESETS.forEach(Runnable::run);
    CountDownLatch old = release;
    release = new CountDownLatch(1);
    old.countDown();
  }

  static final class Worker {
    final String name;

    Worker(String name) {
      this.name = name;
    }
  }

  static final class Node {
    Node next;
    final byte[] payload = new byte[64];
  }

  static final class Finalizable {
    Object referent;

    Finalizable() {}

    Finalizable(Object referent) {
      this.referent = referent;
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
      // Present so that collecting the object (and what it refers to) takes a second cycle.
    }
  }

  /**
   * A fresh class loader over the location of {@link Plugin}, not delegating to the test class
   * path.
   */
  static URLClassLoader pluginLoader() {
    URL location = Plugin.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader("plugin", new URL[] {location}, ClassLoader.getPlatformClassLoader());
  }

  /** A new {@link Plugin} of the loader's own copy of the class. */
  static Object newPlugin(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> type = loader.loadClass(Plugin.class.getName());
    if (type == Plugin.class) {
      throw new IllegalStateException("the plugin loader delegated to the test class path");
    }
    return type.getConstructor().newInstance();
  }

  static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Blocks until {@link #reset()}, keeping {@code held} on this thread's stack. */
  static void holdUntilReset(Object held, CountDownLatch started) {
    CountDownLatch until = release;
    started.countDown();
    try {
      until.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    java.lang.ref.Reference.reachabilityFence(held);
  }
}
