package org.leakcheck.internal.heap;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names a dump gives: the text of its UTF8 records (names of classes, fields, methods, files),
 * decoded from the file when first asked for, and the class names its LOAD CLASS records give class
 * objects and class serials.
 */
final class SymbolTable {

  private final HprofFile file;
  private final LongLongMap utf8Positions = new LongLongMap(1 << 14); // symbol id -> record
  private final Map<Long, String> symbols = new HashMap<>();
  private final LongLongMap classNameIds = new LongLongMap(); // class id -> name id
  private final LongLongMap classSerialToId = new LongLongMap(); // class serial -> class id

  SymbolTable(HprofFile file) {
    this.file = file;
  }

  /** Notes a UTF8 record, at {@code recordPosition} (its tag byte), for {@link #symbol}. */
  void addUtf8(long id, long recordPosition) {
    utf8Positions.put(id, recordPosition);
  }

  /** Notes a LOAD CLASS record: the class object {@code classId} is named by {@code nameId}. */
  void addClass(long serial, long classId, long nameId) {
    classNameIds.put(classId, nameId);
    classSerialToId.put(serial, classId);
  }

  /** The text of a UTF8 record, or {@code <unknown symbol 0x...>}. */
  String symbol(long id) {
    String s = symbols.get(id);
    if (s == null) {
      long pos = utf8Positions.get(id, -1);
      if (pos < 0) {
        return "<unknown symbol 0x" + Long.toHexString(id) + ">";
      }
      int idSize = file.idSize();
      int length = (int) (Integer.toUnsignedLong(file.getInt(pos + 5)) - idSize);
      byte[] bytes = new byte[Math.max(0, length)];
      file.read(pos + 9 + idSize, bytes, 0, bytes.length);
      s = new String(bytes, StandardCharsets.UTF_8);
      symbols.put(id, s);
    }
    return s;
  }

  /**
   * The name of a class object in {@link Class#getName()} form ({@link HprofTypes#javaClassName}),
   * or {@code null} when no LOAD CLASS record names it.
   */
  String className(long classId) {
    long nameId = classNameIds.get(classId, 0);
    return nameId == 0 ? null : HprofTypes.javaClassName(symbol(nameId));
  }

  /** The class object a LOAD CLASS record gave this serial, or 0. */
  long classIdOfSerial(long serial) {
    return classSerialToId.get(serial, 0);
  }
}
