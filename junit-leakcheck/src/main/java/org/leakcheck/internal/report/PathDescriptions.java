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
    String root;
    int from;
    // HotSpot's pseudo statics (<resolved_references>, <init_lock>) are no field to cut.
    if (raw.size() > 1
        && raw.get(0).isClassObject()
        && raw.get(1).edgeKind() == EdgeKind.STATIC_FIELD
        && !raw.get(1).edgeName().startsWith("<")) {
      PathStep field = raw.get(1);
      String owner = field.declaringClass() != null ? field.declaringClass() : raw.get(0).summary();
      root = "static field " + owner + "." + field.edgeName();
      from = 1;
    } else {
      GcRoot gcRoot = path.root();
      if (gcRoot.kind() == GcRoot.Kind.THREAD_OBJECT
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
        root =
            ("inheritableThreadLocals".equals(raw.get(1).edgeName())
                    ? "inheritable thread-local"
                    : "thread-local")
                + threadLocal
                + " of thread "
                + quote(gcRoot.threadName());
        from = 1;
      } else {
        root = describe(gcRoot);
        from = 0;
      }
    }
    List<RetainingPath.Step> steps = new ArrayList<>();
    for (int i = from; i < raw.size(); i++) {
      PathStep step = raw.get(i);
      // A class object's summary is its name, already in the display name.
      String reference =
          i == from && step.edgeKind() == EdgeKind.ROOT
              ? heldBy(path.root())
              : reference(step, i == from);
      steps.add(
          ApiTypes.step(
              displayClass(step), reference, step.isClassObject() ? null : step.summary()));
    }
    return ApiTypes.retainingPath(root, steps);
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
