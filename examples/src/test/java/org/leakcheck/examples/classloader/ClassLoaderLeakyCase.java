package org.leakcheck.examples.classloader;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;
import org.leakcheck.examples.classloader.plugin.AuditPlugin;

/** The test of {@link ClassLoaderTests}, run against {@link LeakyPluginHost}. */
@LeakCheck
@DisplayName("Plugin class loader pinned by a hook the host keeps after unloading")
class ClassLoaderLeakyCase {

  @Test
  @DisplayName(
      "an unloaded plugin's class loader is still reachable from the host's static hook list")
  void unloadedPluginClassLoaderIsCollectable(LeakTracker leaks) {
    LeakyPluginHost host = new LeakyPluginHost(ClassLoaderTests.PLUGIN_CODE_SOURCE);
    LoadedPlugin plugin = host.load(AuditPlugin.class.getName());
    leaks.track(plugin.classLoader(), "plugin class loader");

    plugin.unload();
  }
}
