package org.leakcheck.examples.classloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;
import org.leakcheck.examples.classloader.plugin.AuditPlugin;

@LeakCheck
class ClassLoaderTests {

  /** The plugin is loaded from the examples' own classes, in a fresh class loader per load. */
  static final URL PLUGIN_CODE_SOURCE =
      AuditPlugin.class.getProtectionDomain().getCodeSource().getLocation();

  @Test
  void unloadedPluginClassLoaderIsCollectable(LeakTracker leaks) {
    PluginHost host = new PluginHost(PLUGIN_CODE_SOURCE);
    LoadedPlugin plugin = host.load(AuditPlugin.class.getName());
    leaks.track(plugin.classLoader(), "plugin class loader");

    plugin.unload();
  }

  @Test
  void pluginLivesInItsOwnClassLoader() {
    LoadedPlugin plugin = new PluginHost(PLUGIN_CODE_SOURCE).load(AuditPlugin.class.getName());
    try {
      assertThat(plugin.instance().getClass().getName()).isEqualTo(AuditPlugin.class.getName());
      assertThat(plugin.instance().getClass()).isNotSameAs(AuditPlugin.class);
      assertThat(plugin.instance().getClass().getClassLoader()).isSameAs(plugin.classLoader());
    } finally {
      plugin.unload();
    }
  }
}
