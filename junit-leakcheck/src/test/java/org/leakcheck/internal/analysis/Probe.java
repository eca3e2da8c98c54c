package org.leakcheck.internal.analysis;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.leakcheck.internal.planted.HeapMarker;
import org.leakcheck.internal.planted.TrackedReference;

/**
 * Tracks objects and marks framework objects for one analysis request on a real dump of this JVM,
 * as the extension does: the engine's and the child process' tests share it.
 */
public final class Probe {
  private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
  public final long request = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  private final List<Object> keep = new ArrayList<>();
  private final List<Long> serials = new ArrayList<>();

  /** Tracks an object; returns its serial. */
  public long track(Object object) {
    long serial = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    keep.add(new TrackedReference(object, QUEUE, serial));
    serials.add(serial);
    return serial;
  }

  /** Marks the calling thread as a checking thread: its stack is not a root. */
  public Probe ignoreThisThreadsStack() {
    keep.add(new HeapMarker(Thread.currentThread(), HeapMarker.CHECKING_THREAD, request));
    return this;
  }

  public void exclude(Object object) {
    keep.add(new HeapMarker(object, HeapMarker.EXCLUDED_OBJECT, request));
  }

  public void markTestInstance(Object object) {
    keep.add(new HeapMarker(object, HeapMarker.TEST_INSTANCE, request));
  }

  /** A request for this probe's serials and markers on a dump. */
  public AnalysisRequest.Builder request(Path dump) {
    return AnalysisRequest.builder(dump)
        .trackedSerials(new LinkedHashSet<>(serials))
        .markerRequest(request);
  }

  /** Keeps the tracked references and markers alive up to here. */
  public void release() {
    Reference.reachabilityFence(keep);
  }

  /** Dumps this JVM's heap into {@code dir}. */
  public static Path dump(Path dir, boolean live) throws IOException {
    Path file = dir.resolve("heap-" + System.nanoTime() + ".hprof");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpHeap(file.toString(), live);
    return file;
  }
}
