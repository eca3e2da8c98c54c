package org.leakcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Leaks one object and checks it with the given reports directory and keep policy, then exits: run
 * by {@link KeptDumpTests} in a JVM of its own, to see what survives the JVM's exit.
 */
public final class KeptDumpMain {

  static final List<Object> HELD = new ArrayList<>();

  private KeptDumpMain() {}

  public static void main(String[] args) {
    LeakTracker leaks =
        LeakChecks.newTracker(
            Map.of(LeakCheck.REPORTS_DIR_KEY, args[0], LeakCheck.KEEP_DUMPS_KEY, args[1]));
    HELD.add(leaks.track(new StringBuilder("leaked"), "leaked"));
    try {
      LeakChecks.assertCollectable(leaks);
      System.out.println("no leak");
    } catch (LeakDetectedError e) {
      System.out.println(e.getMessage());
    }
  }
}
