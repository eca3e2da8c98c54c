package org.leakcheck.examples.classloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leakcheck.examples.LeakyCases.leaksOf;
import static org.leakcheck.examples.LeakyCases.onlyLeak;
import static org.leakcheck.examples.LeakyCases.steps;
import static org.leakcheck.examples.LeakyCases.tail;

import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;
import org.leakcheck.examples.classloader.plugin.AuditPlugin;

/** Proof that the test of {@link ClassLoaderTests} catches {@link LeakyPluginHost}'s leak. */
class ClassLoaderLeakyCaseTests {

  @Test
  void pluginClassLoaderIsRetainedThroughTheHookInTheHostsStaticList() {
    LeakedObject leak =
        onlyLeak(leaksOf(ClassLoaderLeakyCase.class).get("unloadedPluginClassLoaderIsCollectable"));

    assertThat(leak.className()).isEqualTo(URLClassLoader.class.getName());
    assertThat(leak.retainingPath().orElseThrow().root().description())
        .isEqualTo("static field " + LeakyPluginHost.class.getName() + ".SHUTDOWN_HOOKS");
    assertThat(steps(leak))
        .anySatisfy(step -> assertThat(step).contains(AuditPlugin.class.getName()));
    assertThat(tail(leak, 1)).containsExactly(URLClassLoader.class.getName() + " <class loader>");
  }
}
