package org.leakcheck.internal.collect;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The HotSpot {@code GC.run} diagnostic command, run in process through the DiagnosticCommand
 * MBean. Unlike {@link System#gc()} it still collects under {@code -XX:+DisableExplicitGC}.
 */
final class DiagnosticCommandGc implements GcTrigger {

  private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";

  @Override
  public String name() {
    return "the GC.run diagnostic command";
  }

  @Override
  public void trigger() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      server.invoke(
          new ObjectName(MBEAN),
          "gcRun",
          new Object[] {new String[0]},
          new String[] {String[].class.getName()});
    } catch (JMException | RuntimeException | LinkageError e) {
      throw new UnsupportedOperationException(
          "this JVM has no HotSpot DiagnosticCommand MBean (" + MBEAN + "): " + e, e);
    }
  }
}
