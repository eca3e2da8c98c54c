package org.leakcheck.internal.analysis.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.leakcheck.internal.analysis.AnalysisException;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.Probe;

/**
 * Starts an analysis in a child JVM and, once the child runs, prints {@code child <pid>} and then
 * exits with {@code System.exit} ({@code exit}) or waits to be killed ({@code wait}): run by {@link
 * OrphanedAnalysisTests} in a JVM of its own. Arguments: the directory for the dump, the parent of
 * the analysis' private directory, the mode.
 */
public final class OrphanedAnalysisMain {

  /** Enough objects for an analysis that runs a while, so that the child is caught running. */
  static final List<Object> BALLAST = new ArrayList<>();

  private OrphanedAnalysisMain() {}

  public static void main(String[] args) throws Exception {
    for (int i = 0; i < 1_000_000; i++) {
      BALLAST.add(new int[] {i});
    }
    Path dump = Probe.dump(Path.of(args[0]), true);
    Path tempParent = Path.of(args[1]);
    AnalysisRequest request = AnalysisRequest.builder(dump).track(1).build();
    Thread analysis =
        new Thread(
            () -> {
              try {
                AnalyzerProcess.analyze(request, Duration.ofMinutes(10), null, tempParent);
              } catch (AnalysisException e) {
                // only the process matters here
              }
            },
            "analysis");
    analysis.setDaemon(true);
    analysis.start();
    Optional<ProcessHandle> child = Optional.empty();
    while (child.isEmpty() && analysis.isAlive()) {
      try (Stream<ProcessHandle> children = ProcessHandle.current().children()) {
        child = children.findFirst();
      }
    }
    System.out.println("child " + child.map(ProcessHandle::pid).orElse(-1L));
    System.out.flush();
    if (args[2].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
