package org.leakcheck.internal.heap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes small synthetic HPROF files (8-byte ids, one heap dump segment), for dumps a test cannot
 * get from a real JVM: a truncated array, a dump with many objects. Classes are defined by the boot
 * loader (loader id 0), so the analysis takes them as roots.
 *
 * <p>Instance field values are given in dump order: the class's own fields first, then its super
 * class's, as HotSpot writes them.
 */
public final class HprofWriter {

  private static final int ID_SIZE = 8;

  private final ByteArrayOutputStream records = new ByteArrayOutputStream();
  private final DataOutputStream top = new DataOutputStream(records);
  private final ByteArrayOutputStream segmentBytes = new ByteArrayOutputStream();
  private final DataOutputStream segment = new DataOutputStream(segmentBytes);
  private final Map<String, Long> names = new HashMap<>();
  private long nextName = 0x10;
  private long nextObject = 0x1000;
  private int nextClassSerial = 1;

  /** A field of a class: its name and HPROF type ({@link HprofTypes}). */
  public record Field(String name, int type) {}

  /** A static field and its value (an id, or the raw bits of a primitive). */
  public record Static(String name, int type, long value) {}

  /** A fresh object id, for an object written later (to refer to it first). */
  public long reserveId() {
    long id = nextObject;
    nextObject += 0x10;
    return id;
  }

  /**
   * Defines a class (LOAD CLASS and CLASS DUMP records).
   *
   * @param name the JVM name: {@code java/lang/Object}, {@code [Ljava/lang/Object;}
   * @return the class id
   */
  public long defineClass(String name, long superId, Field[] fields, Static... statics) {
    long id = reserveId();
    long nameId = name(name);
    try {
      topRecord(0x02, 4 + ID_SIZE + 4 + ID_SIZE);
      top.writeInt(nextClassSerial++);
      top.writeLong(id);
      top.writeInt(0);
      top.writeLong(nameId);

      segment.writeByte(HprofHeap.CLASS_DUMP);
      segment.writeLong(id);
      segment.writeInt(0);
      segment.writeLong(superId);
      for (int i = 0; i < 5; i++) {
        segment.writeLong(0); // loader, signers, protection domain, reserved x2
      }
      int instanceSize = 0;
      for (Field f : fields) {
        instanceSize += HprofTypes.sizeInDump(f.type(), ID_SIZE);
      }
      segment.writeInt(instanceSize);
      segment.writeShort(0); // constant pool
      segment.writeShort(statics.length);
      for (Static s : statics) {
        segment.writeLong(name(s.name()));
        segment.writeByte(s.type());
        writeValue(s.type(), s.value());
      }
      segment.writeShort(fields.length);
      for (Field f : fields) {
        segment.writeLong(name(f.name()));
        segment.writeByte(f.type());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** An instance; {@code values} as {@link #values()} builds them. */
  public long instance(long classId, byte[] values) {
    return instance(reserveId(), classId, values);
  }

  /** An instance with an id from {@link #reserveId()}. */
  public long instance(long id, long classId, byte[] values) {
    try {
      segment.writeByte(HprofHeap.INSTANCE_DUMP);
      segment.writeLong(id);
      segment.writeInt(0);
      segment.writeLong(classId);
      segment.writeInt(values.length);
      segment.write(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** An object array of class {@code arrayClassId} with these elements (ids, 0 for null). */
  public long objectArray(long arrayClassId, long... elements) {
    return objectArray(reserveId(), arrayClassId, elements);
  }

  /** An object array with an id from {@link #reserveId()}. */
  public long objectArray(long id, long arrayClassId, long... elements) {
    try {
      segment.writeByte(HprofHeap.OBJECT_ARRAY_DUMP);
      segment.writeLong(id);
      segment.writeInt(0);
      segment.writeInt(elements.length);
      segment.writeLong(arrayClassId);
      for (long e : elements) {
        segment.writeLong(e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** A {@code long[]} of this length (zeros). */
  public long longArray(int length) {
    long id = reserveId();
    try {
      segment.writeByte(HprofHeap.PRIMITIVE_ARRAY_DUMP);
      segment.writeLong(id);
      segment.writeInt(0);
      segment.writeInt(length);
      segment.writeByte(HprofTypes.LONG);
      segment.write(new byte[length * 8]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return id;
  }

  /** Field values of an instance, in dump order. */
  public static Values values() {
    return new Values();
  }

  /** Builds the field values of an instance. */
  public static final class Values {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public Values id(long id) {
      return write(() -> out.writeLong(id));
    }

    public Values longValue(long value) {
      return write(() -> out.writeLong(value));
    }

    public Values intValue(int value) {
      return write(() -> out.writeInt(value));
    }

    public byte[] bytes() {
      return bytes.toByteArray();
    }

    private interface Write {
      void run() throws IOException;
    }

    private Values write(Write w) {
      try {
        w.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }

  /** Writes the file: header, names and classes, one heap dump segment, the end record. */
  public Path write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.ISO_8859_1));
      out.writeByte(0);
      out.writeInt(ID_SIZE);
      out.writeLong(0);
      top.flush();
      out.write(records.toByteArray());
      segment.flush();
      out.writeByte(0x1C);
      out.writeInt(0);
      out.writeInt(segmentBytes.size());
      out.write(segmentBytes.toByteArray());
      out.writeByte(0x2C);
      out.writeInt(0);
      out.writeInt(0);
    }
    return file;
  }

  private long name(String text) {
    Long id = names.get(text);
    if (id != null) {
      return id;
    }
    long nameId = nextName++;
    names.put(text, nameId);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      topRecord(0x01, ID_SIZE + bytes.length);
      top.writeLong(nameId);
      top.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return nameId;
  }

  private void topRecord(int tag, int length) throws IOException {
    top.writeByte(tag);
    top.writeInt(0);
    top.writeInt(length);
  }

  private void writeValue(int type, long value) throws IOException {
    switch (HprofTypes.sizeInDump(type, ID_SIZE)) {
      case 1:
        segment.writeByte((int) value);
        break;
      case 2:
        segment.writeShort((int) value);
        break;
      case 4:
        segment.writeInt((int) value);
        break;
      default:
        segment.writeLong(value);
    }
  }
}
