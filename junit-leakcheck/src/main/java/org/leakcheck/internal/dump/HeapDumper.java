package org.leakcheck.internal.dump;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Writes a heap dump of the live objects of this JVM (a seam: tests simulate failures). */
public interface HeapDumper {

  /**
   * Writes the dump; runs a full collection first.
   *
   * @param file where; ends in {@code .hprof} and does not exist yet
   * @throws IOException when the dump cannot be written, with the reason
   */
  void dump(Path file) throws IOException;

  /** HotSpot's {@code dumpHeap(file, live=true)}. */
  HeapDumper HOTSPOT =
      file -> {
        HotSpotDiagnosticMXBean bean;
        try {
          bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
          bean = null;
        }
        if (bean == null) {
          throw new IOException(
              "this JVM cannot write heap dumps (it has no HotSpotDiagnosticMXBean)");
        }
        try {
          bean.dumpHeap(file.toString(), true);
        } catch (RuntimeException e) {
          throw new IOException(String.valueOf(e.getMessage()), e);
        }
      };
}
