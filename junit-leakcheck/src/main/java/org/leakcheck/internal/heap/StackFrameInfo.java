package org.leakcheck.internal.heap;

/**
 * A frame of a thread's stack trace, from the STACK FRAME record.
 *
 * @param className the declaring class (Java form), or {@code null} when unknown
 * @param methodName the method name
 * @param sourceFile the source file name, or {@code null}
 * @param line the line number; 0 or negative when unknown (-1 unknown, -2 compiled, -3 native)
 */
public record StackFrameInfo(String className, String methodName, String sourceFile, int line) {}
