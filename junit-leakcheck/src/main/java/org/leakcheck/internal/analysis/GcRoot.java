package org.leakcheck.internal.analysis;

/**
 * The GC root a {@link HeapPath} starts from.
 *
 * @param kind what kind of root
 * @param objectId the root object's id
 * @param className for class roots ({@code SYSTEM_CLASS}, {@code CLASS}) the class's name, else the
 *     root object's class name
 * @param threadName for thread roots ({@code THREAD_OBJECT}, {@code JAVA_FRAME}, {@code JNI_LOCAL},
 *     {@code NATIVE_STACK}, {@code THREAD_BLOCK}) the thread's name when known, else {@code null}
 * @param frame for {@code JAVA_FRAME} and {@code JNI_LOCAL} the stack frame holding the reference,
 *     when known, else {@code null}
 */
public record GcRoot(Kind kind, long objectId, String className, String threadName, Frame frame) {

  /** Kinds of GC roots. */
  public enum Kind {
    /** A class the JVM keeps alive (HPROF "sticky class": boot loader classes). */
    SYSTEM_CLASS,
    /** A class of the boot, platform or application class loader, which are never collected. */
    CLASS,
    /** A live thread (its fields, thread-locals included). */
    THREAD_OBJECT,
    /** A local variable or operand of a Java stack frame. */
    JAVA_FRAME,
    /** A JNI global reference. */
    JNI_GLOBAL,
    /** A JNI local reference of a native frame. */
    JNI_LOCAL,
    /** A reference from a thread's native stack. */
    NATIVE_STACK,
    /** An object a blocked thread refers to. */
    THREAD_BLOCK,
    /** An object whose monitor is held. */
    MONITOR,
    /** Any other root. */
    UNKNOWN
  }

  /**
   * A stack frame, from the dump's stack traces.
   *
   * @param className the class declaring the method, or {@code null}
   * @param methodName the method
   * @param sourceFile the source file name, or {@code null}
   * @param line the line, or 0 or less when unknown (-2: compiled, -3: native)
   */
  public record Frame(String className, String methodName, String sourceFile, int line) {}
}
