package org.leakcheck.internal;

import java.util.List;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;

/**
 * Paths and frames for report tests, written the way the message shows them: a root {@code "static
 * field a.B.C"} and steps {@code ("W", ".field")}, {@code ("W[]", "[0]")}. The kinds are read back
 * from that text, as the analysis would have set them.
 */
public final class TestPaths {

  private TestPaths() {}

  /** {@code new StackTraceElement("A", "test", "A.java", line)} for {@code "A.java:line"}. */
  public static StackTraceElement at(String fileAndLine) {
    int colon = fileAndLine.lastIndexOf(':');
    String file = fileAndLine.substring(0, colon);
    String className = file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
    return new StackTraceElement(
        className, "test", file, Integer.parseInt(fileAndLine.substring(colon + 1)));
  }

  /** A decided leak whose retained size is not known. */
  public static LeakedObject leakedObject(
      String label,
      String className,
      int identityHashCode,
      StackTraceElement trackedAt,
      RetainingPath retainingPath,
      String noPathReason) {
    return ApiTypes.leakedObject(
        label, className, identityHashCode, trackedAt, retainingPath, noPathReason, -1, -1);
  }

  /** A path from a root described as the message does. */
  public static RetainingPath retainingPath(String root, List<RetainingPath.Step> steps) {
    RetainingPath.Root r;
    if (root.startsWith("static field ")) {
      String name = root.substring("static field ".length());
      int dot = name.lastIndexOf('.');
      r =
          ApiTypes.root(
              RetainingPath.Root.Kind.STATIC_FIELD,
              root,
              name.substring(0, dot),
              name.substring(dot + 1),
              null,
              null);
    } else if (root.startsWith("thread-local")) {
      r = ApiTypes.root(RetainingPath.Root.Kind.THREAD_LOCAL, root, null, null, null, null);
    } else {
      r = ApiTypes.root(RetainingPath.Root.Kind.OTHER, root, null, null, null, null);
    }
    return ApiTypes.retainingPath(r, steps);
  }

  /** A step referenced as {@code .field}, {@code [i]}, or anything else (then a root step). */
  public static RetainingPath.Step step(String className, String reference, String summary) {
    if (reference.startsWith(".")) {
      return ApiTypes.step(
          className,
          RetainingPath.Step.Kind.FIELD,
          reference.substring(1),
          null,
          -1,
          reference,
          summary);
    }
    if (reference.matches("\\[\\d+]")) {
      return ApiTypes.step(
          className,
          RetainingPath.Step.Kind.ARRAY_ELEMENT,
          null,
          null,
          Integer.parseInt(reference.substring(1, reference.length() - 1)),
          reference,
          summary);
    }
    return ApiTypes.step(
        className, RetainingPath.Step.Kind.ROOT, null, null, -1, reference, summary);
  }
}
