package org.leakcheck.internal.report;

import java.util.ArrayList;
import java.util.List;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;

/**
 * Turns the analysis's path into the public {@link RetainingPath}: the GC root named the way a
 * person finds it in code, and the raw chain from there, one object per step.
 *
 * <p>When the chain starts at a class (a class that is never unloaded: it is a GC root) and its
 * first reference is a static field, the root is that field ({@code static field
 * com.example.Manager.REGISTRY}) and the steps start at the object it holds. A static field further
 * down the chain belongs to a class that is itself only reachable (a plugin's class, through its
 * class loader): that is no root, and the chain is shown from the real one, since what keeps the
 * class loader alive is usually the leak. For a thread's thread-locals the root is {@code
 * thread-local of thread "main"}.
 */
public final class PathDescriptions {

  private PathDescriptions() {}

  public static RetainingPath toPublic(HeapPath path) {
    List<PathStep> raw = path.steps();
    RetainingPath.Root root;
    int from;
    GcRoot gcRoot = path.root();
    // HotSpot's pseudo statics (<resolved_references>, <init_lock>) are no field to cut.
    if (raw.size() > 1
        && raw.get(0).isClassObject()
        && raw.get(1).edgeKind() == EdgeKind.STATIC_FIELD
        && !raw.get(1).edgeName().startsWith("<")) {
      PathStep field = raw.get(1);
      String owner = field.declaringClass() != null ? field.declaringClass() : raw.get(0).summary();
      root =
          ApiTypes.root(
              RetainingPath.Root.Kind.STATIC_FIELD,
              "static field " + owner + "." + field.edgeName(),
              owner,
              field.edgeName(),
              null,
              null);
      from = 1;
    } else if (gcRoot.kind() == GcRoot.Kind.THREAD_OBJECT
        && raw.size() > 1
        && raw.get(1).edgeKind() == EdgeKind.FIELD
        && ("threadLocals".equals(raw.get(1).edgeName())
            || "inheritableThreadLocals".equals(raw.get(1).edgeName()))) {
      String threadLocal = "";
      for (PathStep step : raw) {
        if (step.className().endsWith("ThreadLocalMap$Entry")
            && step.summary() != null
            && step.summary().startsWith("key=")) {
          threadLocal = " " + step.summary().substring(4);
          break;
        }
      }
      boolean inheritable = "inheritableThreadLocals".equals(raw.get(1).edgeName());
      root =
          ApiTypes.root(
              inheritable
                  ? RetainingPath.Root.Kind.INHERITABLE_THREAD_LOCAL
                  : RetainingPath.Root.Kind.THREAD_LOCAL,
              (inheritable ? "inheritable thread-local" : "thread-local")
                  + threadLocal
                  + " of thread "
                  + quote(gcRoot.threadName()),
              null,
              null,
              gcRoot.threadName(),
              null);
      from = 1;
    } else {
      root =
          ApiTypes.root(
              kind(gcRoot.kind()),
              describe(gcRoot),
              gcRoot.kind() == GcRoot.Kind.SYSTEM_CLASS || gcRoot.kind() == GcRoot.Kind.CLASS
                  ? gcRoot.className()
                  : null,
              null,
              gcRoot.threadName(),
              stackTraceElement(gcRoot.frame()));
      from = 0;
    }
    List<RetainingPath.Step> steps = new ArrayList<>();
    for (int i = from; i < raw.size(); i++) {
      PathStep step = raw.get(i);
      boolean first = i == from;
      // A class object's summary is its name, already in the display name.
      String reference =
          first && step.edgeKind() == EdgeKind.ROOT ? heldBy(gcRoot) : reference(step, first);
      boolean field = step.edgeKind() == EdgeKind.FIELD || step.edgeKind() == EdgeKind.STATIC_FIELD;
      steps.add(
          ApiTypes.step(
              displayClass(step),
              first ? RetainingPath.Step.Kind.ROOT : kind(step.edgeKind()),
              field ? step.edgeName() : null,
              field ? step.declaringClass() : null,
              step.edgeKind() == EdgeKind.ARRAY_ELEMENT ? step.arrayIndex() : -1,
              reference,
              step.isClassObject() ? null : step.summary()));
    }
    return ApiTypes.retainingPath(root, steps);
  }

  private static RetainingPath.Root.Kind kind(GcRoot.Kind kind) {
    switch (kind) {
      case SYSTEM_CLASS:
        return RetainingPath.Root.Kind.SYSTEM_CLASS;
      case CLASS:
        return RetainingPath.Root.Kind.CLASS;
      case THREAD_OBJECT:
        return RetainingPath.Root.Kind.THREAD;
      case JAVA_FRAME:
        return RetainingPath.Root.Kind.LOCAL_VARIABLE;
      case JNI_GLOBAL:
        return RetainingPath.Root.Kind.JNI_GLOBAL;
      case JNI_LOCAL:
        return RetainingPath.Root.Kind.JNI_LOCAL;
      case NATIVE_STACK:
        return RetainingPath.Root.Kind.NATIVE_STACK;
      case THREAD_BLOCK:
        return RetainingPath.Root.Kind.THREAD_BLOCK;
      case MONITOR:
        return RetainingPath.Root.Kind.MONITOR;
      default:
        return RetainingPath.Root.Kind.OTHER;
    }
  }

  private static RetainingPath.Step.Kind kind(EdgeKind kind) {
    switch (kind) {
      case FIELD:
        return RetainingPath.Step.Kind.FIELD;
      case STATIC_FIELD:
        return RetainingPath.Step.Kind.STATIC_FIELD;
      case ARRAY_ELEMENT:
        return RetainingPath.Step.Kind.ARRAY_ELEMENT;
      case CLASS_LOADER:
        return RetainingPath.Step.Kind.CLASS_LOADER;
      case CLASS_OF_INSTANCE:
        return RetainingPath.Step.Kind.CLASS;
      case DEFINED_CLASS:
        return RetainingPath.Step.Kind.DEFINED_CLASS;
      case SUPER_CLASS:
        return RetainingPath.Step.Kind.SUPERCLASS;
      default:
        return RetainingPath.Step.Kind.ROOT;
    }
  }

  private static StackTraceElement stackTraceElement(GcRoot.Frame frame) {
    if (frame == null) {
      return null;
    }
    return new StackTraceElement(
        frame.className() == null ? "?" : frame.className(),
        frame.methodName() == null ? "?" : frame.methodName(),
        frame.sourceFile(),
        frame.line() == -3 ? -2 : Math.max(frame.line(), -1));
  }

  static String describe(GcRoot root) {
    switch (root.kind()) {
      case SYSTEM_CLASS:
        return "system class " + root.className();
      case CLASS:
        return "class " + root.className();
      case THREAD_OBJECT:
        return "thread " + quote(root.threadName());
      case JAVA_FRAME:
        return "local variable in thread " + quote(root.threadName()) + frame(root.frame());
      case JNI_LOCAL:
        return "JNI local reference in thread " + quote(root.threadName()) + frame(root.frame());
      case JNI_GLOBAL:
        return "JNI global reference";
      case NATIVE_STACK:
        return "native stack of thread " + quote(root.threadName());
      case THREAD_BLOCK:
        return "object blocking thread " + quote(root.threadName());
      case MONITOR:
        return "monitor held by a synchronized block or method";
      default:
        return "unknown GC root (" + root.className() + ")";
    }
  }

  /** How the root holds the first object, for its line in the path. */
  private static String heldBy(GcRoot root) {
    switch (root.kind()) {
      case JAVA_FRAME:
      case JNI_LOCAL:
        return "(local variable)";
      case THREAD_OBJECT:
        return "(the thread)";
      case SYSTEM_CLASS:
      case CLASS:
        return "(the class)";
      case JNI_GLOBAL:
        return "(JNI global)";
      case MONITOR:
        return "(locked monitor)";
      default:
        return "(root)";
    }
  }

  private static String frame(GcRoot.Frame frame) {
    if (frame == null) {
      return "";
    }
    String where;
    if (frame.sourceFile() != null && frame.line() > 0) {
      where = frame.sourceFile() + ":" + frame.line();
    } else if (frame.line() == -3) {
      where = "native method";
    } else {
      where = frame.sourceFile() != null ? frame.sourceFile() : "unknown source";
    }
    String owner = frame.className() == null ? "" : frame.className() + ".";
    return ", frame " + owner + frame.methodName() + "(" + where + ")";
  }

  private static String quote(String threadName) {
    return threadName == null ? "(unnamed)" : "\"" + threadName + "\"";
  }

  private static String displayClass(PathStep step) {
    if (step.isClassObject() && step.summary() != null) {
      return "class " + step.summary();
    }
    return step.className();
  }

  private static String reference(PathStep step, boolean first) {
    switch (step.edgeKind()) {
      case FIELD:
      case STATIC_FIELD:
        return "." + step.edgeName();
      case ARRAY_ELEMENT:
        return "[" + step.arrayIndex() + "]";
      case CLASS_LOADER:
        return "<class loader>";
      case CLASS_OF_INSTANCE:
        return "<class>";
      case DEFINED_CLASS:
        return "<defined class>";
      case SUPER_CLASS:
        return "<superclass>";
      default:
        return first ? "<root>" : "<reference>";
    }
  }
}
