package org.leakcheck.internal.heap;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads' stack traces: where the STACK TRACE and STACK FRAME records are, and each thread's
 * object and trace serial from its ROOT THREAD OBJECT record. A trace's frames are read from the
 * file when it is asked for.
 */
final class StackTraces {

  private final HprofFile file;
  private final SymbolTable symbols;
  private final LongLongMap stackFramePositions = new LongLongMap(); // frame id -> record body
  private final LongLongMap stackTracePositions = new LongLongMap(); // trace serial -> body
  private final LongLongMap threadSerialToObject = new LongLongMap();
  private final LongLongMap threadSerialToTrace = new LongLongMap();

  StackTraces(HprofFile file, SymbolTable symbols) {
    this.file = file;
    this.symbols = symbols;
  }

  /** Notes a STACK FRAME record whose body starts at {@code body}. */
  void addFrame(long frameId, long body) {
    stackFramePositions.put(frameId, body);
  }

  /** Notes a STACK TRACE record whose body starts at {@code body}. */
  void addTrace(int serial, long body) {
    stackTracePositions.put(Integer.toUnsignedLong(serial), body);
  }

  /** Notes a ROOT THREAD OBJECT record: the thread's object and its stack trace's serial. */
  void addThread(int threadSerial, long threadObject, int traceSerial) {
    threadSerialToObject.put(Integer.toUnsignedLong(threadSerial), threadObject);
    threadSerialToTrace.put(
        Integer.toUnsignedLong(threadSerial), Integer.toUnsignedLong(traceSerial));
  }

  /** The thread object of a thread serial, or 0. */
  long threadObject(int threadSerial) {
    return threadSerialToObject.get(Integer.toUnsignedLong(threadSerial), 0);
  }

  /** The stack trace of a thread, innermost frame first; frame numbers of roots index into it. */
  List<StackFrameInfo> threadStackTrace(int threadSerial) {
    long trace = threadSerialToTrace.get(Integer.toUnsignedLong(threadSerial), -1);
    return trace < 0 ? List.of() : stackTrace((int) trace);
  }

  /** A STACK TRACE record's frames, innermost first. */
  List<StackFrameInfo> stackTrace(int serial) {
    long p = stackTracePositions.get(Integer.toUnsignedLong(serial), -1);
    if (p < 0) {
      return List.of();
    }
    int idSize = file.idSize();
    int frames = file.getInt(p + 8);
    List<StackFrameInfo> result = new ArrayList<>(Math.max(0, Math.min(frames, 1024)));
    for (int i = 0; i < frames; i++) {
      long frameId = file.readId(p + 12 + (long) i * idSize);
      long f = stackFramePositions.get(frameId, -1);
      if (f < 0) {
        result.add(new StackFrameInfo(null, "<unknown frame>", null, -1));
        continue;
      }
      long methodName = file.readId(f + idSize);
      long source = file.readId(f + 3L * idSize);
      long classSerial = Integer.toUnsignedLong(file.getInt(f + 4L * idSize));
      int line = file.getInt(f + 4L * idSize + 4);
      result.add(
          new StackFrameInfo(
              symbols.className(symbols.classIdOfSerial(classSerial)),
              symbols.symbol(methodName),
              source == 0 ? null : symbols.symbol(source),
              line));
    }
    return result;
  }
}
