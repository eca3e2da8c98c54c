package org.leakcheck.internal.track;

import java.util.Optional;
import java.util.Set;

/** Where {@code track} was called: the first stack frame outside this library. */
public final class CallSite {

  /** Class-name prefixes of our own code, skipped when looking for the caller. */
  private static final Set<String> OWN_PACKAGES = Set.of("org.leakcheck.internal.");

  /** Exact names: a user's (or our tests') classes may share the API packages. */
  private static final Set<String> OWN_API_CLASSES =
      Set.of(
          "org.leakcheck.LeakTracker",
          "org.leakcheck.LeakChecks",
          "org.leakcheck.LeakCheckExtension",
          "org.leakcheck.assertj.LeakAssertions",
          "org.leakcheck.assertj.LeakTrackerAssert");

  private static final StackWalker WALKER = StackWalker.getInstance();

  private final String className;
  private final String methodName;
  private final String fileName;
  private final int line;

  CallSite(String className, String methodName, String fileName, int line) {
    this.className = className;
    this.methodName = methodName;
    this.fileName = fileName;
    this.line = line;
  }

  /** The caller of the library on the current thread; {@link #UNKNOWN} when there is none. */
  public static CallSite ofCaller() {
    Optional<StackWalker.StackFrame> frame =
        WALKER.walk(frames -> frames.filter(f -> !isOwn(f.getClassName())).findFirst());
    return frame
        .map(
            f ->
                new CallSite(
                    f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber()))
        .orElse(UNKNOWN);
  }

  public static final CallSite UNKNOWN = new CallSite("?", "?", null, -1);

  /** The method name of an annotation's call site: {@code @LeakCheck(instancesOf) on Class}. */
  private static final String ANNOTATION = "@LeakCheck(instancesOf)";

  /** An attribute of {@code @LeakCheck} on {@code annotated} (a class or a method's class). */
  public static CallSite annotationOn(String annotated) {
    return new CallSite(annotated, ANNOTATION, null, -1);
  }

  private static boolean isOwn(String className) {
    if (OWN_API_CLASSES.contains(className)) {
      return true;
    }
    for (String prefix : OWN_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  public String className() {
    return className;
  }

  public String methodName() {
    return methodName;
  }

  /** This call site as a stack frame ({@code ?} for an unknown class or method). */
  public StackTraceElement toStackTraceElement() {
    return new StackTraceElement(className, methodName, fileName, line);
  }

  /** {@code File.java:line}, as the messages show a frame; else {@code Class.method}. */
  public static String describe(StackTraceElement frame) {
    if (frame.getFileName() != null && frame.getLineNumber() >= 0) {
      return frame.getFileName() + ":" + frame.getLineNumber();
    }
    if ("?".equals(frame.getClassName())) {
      return "unknown location";
    }
    String name = frame.getClassName();
    if (ANNOTATION.equals(frame.getMethodName())) {
      return ANNOTATION + " on " + name.substring(name.lastIndexOf('.') + 1);
    }
    return name.substring(name.lastIndexOf('.') + 1) + "." + frame.getMethodName();
  }

  /** {@code ManagerTests.java:27}, or the class and method when the class has no debug info. */
  @Override
  public String toString() {
    return describe(toStackTraceElement());
  }
}
