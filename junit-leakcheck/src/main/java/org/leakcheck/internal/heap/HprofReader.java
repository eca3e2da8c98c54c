package org.leakcheck.internal.heap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one pass over the records of a dump. It notes where the strings, stack frames and stack
 * traces are ({@link SymbolTable}, {@link StackTraces}), parses the classes ({@link ClassTable})
 * and the GC roots, and adds every object record to the {@link ObjectIndex}, listing on the way the
 * instances of the classes asked for and the arrays at the record limit ({@link HprofLimits}); at
 * the end it sorts the index, links the classes and hands it all to an {@link HprofHeap}.
 */
final class HprofReader {

  // Top-level record tags.
  private static final int UTF8 = 0x01;
  private static final int LOAD_CLASS = 0x02;
  private static final int STACK_FRAME = 0x04;
  private static final int STACK_TRACE = 0x05;
  private static final int HEAP_DUMP = 0x0C;
  private static final int HEAP_DUMP_SEGMENT = 0x1C;
  private static final int HEAP_DUMP_END = 0x2C;

  private final HprofFile file;
  private final int idSize;
  private final HprofLimits limits;
  private final SymbolTable symbols;
  private final StackTraces stackTraces;
  private final ClassTable classes = new ClassTable();
  private final List<HprofRoot> roots = new ArrayList<>();
  private final ObjectIndex.Builder objects;
  private final List<String> wantedNames;
  private final LongLongMap wantedClasses = new LongLongMap(); // class id -> index in wantedNames
  private final List<GrowableLongs> wantedInstances = new ArrayList<>();
  private final List<long[]> truncatedRecords = new ArrayList<>(0); // {id, class id or -type, n}

  private HprofReader(HprofFile file, Set<String> collectInstancesOf, HprofLimits limits) {
    this.file = file;
    this.idSize = file.idSize();
    this.limits = limits;
    this.symbols = new SymbolTable(file);
    this.stackTraces = new StackTraces(file, symbols);
    this.objects = new ObjectIndex.Builder(limits.objects());
    this.wantedNames = new ArrayList<>(collectInstancesOf);
    for (int i = 0; i < wantedNames.size(); i++) {
      wantedInstances.add(new GrowableLongs());
    }
  }

  /**
   * Reads and indexes the records of a mapped dump.
   *
   * @param file the dump, its header checked
   * @param collectInstancesOf names ({@link Class#getName()} form) of classes whose instances to
   *     list, for {@link HprofHeap#instancesOf}
   * @param limits the record length of a possibly truncated array, the most objects to index
   * @return the indexed dump
   * @throws HprofFormatException if the file is truncated or corrupted, or has more objects than
   *     the index can number
   */
  static HprofHeap read(HprofFile file, Set<String> collectInstancesOf, HprofLimits limits)
      throws HprofFormatException {
    try {
      return new HprofReader(file, collectInstancesOf, limits).read();
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new HprofFormatException("corrupted record (" + e.getClass().getSimpleName() + ")");
    }
  }

  private HprofHeap read() throws HprofFormatException {
    long size = file.size();
    long pos = file.firstRecord();
    boolean dumps = false;
    boolean segmented = false;
    boolean ended = false;
    while (pos < size) {
      if (pos + 9 > size) {
        throw new HprofFormatException("truncated at byte " + size);
      }
      int tag = file.getUnsignedByte(pos);
      long length = Integer.toUnsignedLong(file.getInt(pos + 5));
      long body = pos + 9;
      long end = body + length;
      if (end > size) {
        throw new HprofFormatException("truncated at byte " + size);
      }
      switch (tag) {
        case UTF8:
          symbols.addUtf8(file.readId(body), pos);
          break;
        case LOAD_CLASS:
          {
            int serial = file.getInt(body);
            long classId = file.readId(body + 4);
            long nameId = file.readId(body + 4 + idSize + 4);
            symbols.addClass(serial, classId, nameId);
            if (!wantedNames.isEmpty()) {
              int w = wantedNames.indexOf(HprofTypes.javaClassName(symbols.symbol(nameId)));
              if (w >= 0) {
                wantedClasses.put(classId, w);
              }
            }
            break;
          }
        case STACK_FRAME:
          stackTraces.addFrame(file.readId(body), body);
          break;
        case STACK_TRACE:
          stackTraces.addTrace(file.getInt(body), body);
          break;
        case HEAP_DUMP:
        case HEAP_DUMP_SEGMENT:
          dumps = true;
          segmented |= tag == HEAP_DUMP_SEGMENT;
          ended = false;
          readHeapDump(body, end);
          break;
        case HEAP_DUMP_END:
          ended = true;
          break;
        default:
          break;
      }
      pos = end;
    }
    if (segmented && !ended) {
      throw new HprofFormatException("truncated at byte " + size + " (no end of heap dump record)");
    }
    if (!dumps) {
      throw new HprofFormatException("the file holds no heap dump records");
    }
    return finish();
  }

  private void readHeapDump(long start, long end) throws HprofFormatException {
    long p = start;
    while (p < end) {
      long recordStart = p;
      int tag = file.getUnsignedByte(p++);
      switch (tag) {
        case HprofHeap.ROOT_UNKNOWN:
          roots.add(new HprofRoot(tag, file.readId(p), 0, -1, 0));
          p += idSize;
          break;
        case HprofHeap.ROOT_JNI_GLOBAL:
          roots.add(new HprofRoot(tag, file.readId(p), 0, -1, 0));
          p += 2L * idSize;
          break;
        case HprofHeap.ROOT_JNI_LOCAL:
        case HprofHeap.ROOT_JAVA_FRAME:
          roots.add(
              new HprofRoot(
                  tag, file.readId(p), file.getInt(p + idSize), file.getInt(p + idSize + 4), 0));
          p += idSize + 8;
          break;
        case HprofHeap.ROOT_NATIVE_STACK:
        case HprofHeap.ROOT_THREAD_BLOCK:
          roots.add(new HprofRoot(tag, file.readId(p), file.getInt(p + idSize), -1, 0));
          p += idSize + 4;
          break;
        case HprofHeap.ROOT_STICKY_CLASS:
        case HprofHeap.ROOT_MONITOR_USED:
          roots.add(new HprofRoot(tag, file.readId(p), 0, -1, 0));
          p += idSize;
          break;
        case HprofHeap.ROOT_THREAD_OBJECT:
          {
            long thread = file.readId(p);
            int threadSerial = file.getInt(p + idSize);
            int traceSerial = file.getInt(p + idSize + 4);
            roots.add(new HprofRoot(tag, thread, threadSerial, -1, traceSerial));
            stackTraces.addThread(threadSerial, thread, traceSerial);
            p += idSize + 8;
            break;
          }
        case HprofHeap.CLASS_DUMP:
          p = readClassDump(recordStart);
          break;
        case HprofHeap.INSTANCE_DUMP:
          {
            long id = file.readId(p);
            long classId = file.readId(p + idSize + 4);
            long n = Integer.toUnsignedLong(file.getInt(p + 2L * idSize + 4));
            objects.add(id, recordStart);
            if (wantedClasses.size() > 0) {
              int w = (int) wantedClasses.get(classId, -1);
              if (w >= 0) {
                wantedInstances.get(w).add(id);
              }
            }
            p += 2L * idSize + 8 + n;
            break;
          }
        case HprofHeap.OBJECT_ARRAY_DUMP:
          {
            long id = file.readId(p);
            long n = Integer.toUnsignedLong(file.getInt(p + idSize + 4));
            objects.add(id, recordStart);
            if (n >= maxArrayLength(limits.recordBytes(), 1 + 2L * idSize + 8, idSize)) {
              truncatedRecords.add(new long[] {id, file.readId(p + idSize + 8), n});
            }
            p += 2L * idSize + 8 + n * idSize;
            break;
          }
        case HprofHeap.PRIMITIVE_ARRAY_DUMP:
          {
            long id = file.readId(p);
            long n = Integer.toUnsignedLong(file.getInt(p + idSize + 4));
            int type = file.getUnsignedByte(p + idSize + 8);
            int elementSize = HprofTypes.sizeInDump(type, idSize);
            if (elementSize <= 0 || type == HprofTypes.OBJECT) {
              throw new HprofFormatException(
                  "bad primitive array type " + type + " at byte " + recordStart);
            }
            objects.add(id, recordStart);
            if (n >= maxArrayLength(limits.recordBytes(), 1 + idSize + 9, elementSize)) {
              truncatedRecords.add(new long[] {id, -type, n});
            }
            p += idSize + 9 + n * elementSize;
            break;
          }
        default:
          throw new HprofFormatException(
              "unknown heap dump record 0x" + Integer.toHexString(tag) + " at byte " + recordStart);
      }
      if (p > end) {
        throw new HprofFormatException(
            "heap dump record at byte " + recordStart + " runs past the end of its segment");
      }
    }
  }

  private long readClassDump(long recordStart) throws HprofFormatException {
    long p = recordStart + 1;
    long id = file.readId(p);
    p += idSize + 4;
    long superId = file.readId(p);
    long loaderId = file.readId(p + idSize);
    long signersId = file.readId(p + 2L * idSize);
    long protectionDomainId = file.readId(p + 3L * idSize);
    p += 6L * idSize;
    p += 4; // the instance size: the layout comes from the fields
    int constants = file.getShort(p) & 0xFFFF;
    p += 2;
    for (int i = 0; i < constants; i++) {
      int type = file.getUnsignedByte(p + 2);
      p += 3 + valueSize(type, recordStart);
    }
    int staticCount = file.getShort(p) & 0xFFFF;
    p += 2;
    long[] staticNames = new long[staticCount];
    byte[] staticTypes = new byte[staticCount];
    long[] staticValues = new long[staticCount];
    for (int i = 0; i < staticCount; i++) {
      staticNames[i] = file.readId(p);
      int type = file.getUnsignedByte(p + idSize);
      staticTypes[i] = (byte) type;
      staticValues[i] = file.readValue(p + idSize + 1, type);
      p += idSize + 1 + valueSize(type, recordStart);
    }
    int fieldCount = file.getShort(p) & 0xFFFF;
    p += 2;
    long[] fieldNames = new long[fieldCount];
    byte[] fieldTypes = new byte[fieldCount];
    for (int i = 0; i < fieldCount; i++) {
      fieldNames[i] = file.readId(p);
      int type = file.getUnsignedByte(p + idSize);
      valueSize(type, recordStart);
      fieldTypes[i] = (byte) type;
      p += idSize + 1;
    }
    int ordinal = classes.nextOrdinal();
    classes.add(
        new ClassInfo(
            id,
            superId,
            loaderId,
            signersId,
            protectionDomainId,
            fieldNames,
            fieldTypes,
            staticNames,
            staticTypes,
            staticValues,
            ordinal,
            idSize));
    objects.add(id, recordStart);
    return p;
  }

  private int valueSize(int type, long recordStart) throws HprofFormatException {
    int size = HprofTypes.sizeInDump(type, idSize);
    if (size < 0) {
      throw new HprofFormatException(
          "bad value type " + type + " in record at byte " + recordStart);
    }
    return size;
  }

  /**
   * The longest array HotSpot writes whole: {@code DumperSupport::calculate_array_max_length} cuts
   * an array whose sub-record ({@code header} bytes, tag included, and the elements) would pass the
   * u4 limit down to exactly this many elements. An array of this length may have been longer.
   */
  static long maxArrayLength(long recordBytes, long header, int elementSize) {
    return (recordBytes - header) / elementSize;
  }

  /** Sorts the index, links the classes and names the truncated arrays' types. */
  private HprofHeap finish() throws HprofFormatException {
    ObjectIndex index = objects.build();
    classes.link(symbols);
    Map<String, long[]> collected = new HashMap<>();
    for (int i = 0; i < wantedNames.size(); i++) {
      collected.put(wantedNames.get(i), wantedInstances.get(i).toArray());
    }
    List<TruncatedArray> truncated = new ArrayList<>(truncatedRecords.size());
    for (long[] r : truncatedRecords) {
      String type;
      if (r[1] < 0) {
        type = HprofTypes.javaName((int) -r[1]) + "[]";
      } else {
        ClassInfo c = classes.byId(r[1]);
        type = c == null ? "java.lang.Object[]" : c.name();
      }
      truncated.add(new TruncatedArray(r[0], type, (int) r[2], r[1] >= 0));
    }
    return new HprofHeap(
        file,
        index,
        classes,
        Collections.unmodifiableList(roots),
        stackTraces,
        collected,
        Collections.unmodifiableList(truncated));
  }
}
