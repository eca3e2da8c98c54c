package org.leakcheck.internal.heap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indexed HotSpot heap dump ({@code JAVA PROFILE 1.0.2}, also 1.0.1).
 *
 * <p>{@link #open} maps the file and reads it once: strings, classes, stack traces and GC roots are
 * kept in small maps (there are few of them); every object record (class, instance, object array,
 * primitive array) is indexed by two parallel primitive arrays sorted by object id (ids and file
 * positions, 16 bytes per object), with a bucket table to find an id in a few probes. The content
 * of an object is parsed on demand from the mapping.
 *
 * <p>Objects are addressed by their <em>index</em> in that order ({@code 0 .. objectCount()-1}),
 * which the analysis uses for its own per-object arrays; a dump with more objects than an {@code
 * int} index can number is refused with a one-line reason.
 *
 * <p>What the dump cannot show: HotSpot truncates an array whose record would pass its 4 GiB record
 * limit and only prints a warning; such arrays are listed in {@link #possiblyTruncatedArrays()}.
 *
 * <p>Reads after {@code open} are safe from one thread only (the analysis is single-threaded):
 * names are decoded, and cached, when first asked for.
 */
public final class HprofHeap {

  // Top-level record tags.
  private static final int UTF8 = 0x01;
  private static final int LOAD_CLASS = 0x02;
  private static final int STACK_FRAME = 0x04;
  private static final int STACK_TRACE = 0x05;
  private static final int HEAP_DUMP = 0x0C;
  private static final int HEAP_DUMP_SEGMENT = 0x1C;
  private static final int HEAP_DUMP_END = 0x2C;

  /** Root sub-record tags. */
  public static final int ROOT_UNKNOWN = 0xFF;

  public static final int ROOT_JNI_GLOBAL = 0x01;
  public static final int ROOT_JNI_LOCAL = 0x02;
  public static final int ROOT_JAVA_FRAME = 0x03;
  public static final int ROOT_NATIVE_STACK = 0x04;
  public static final int ROOT_STICKY_CLASS = 0x05;
  public static final int ROOT_THREAD_BLOCK = 0x06;
  public static final int ROOT_MONITOR_USED = 0x07;
  public static final int ROOT_THREAD_OBJECT = 0x08;

  /** Object record tags, as returned by {@link #objectKind(int)}. */
  public static final int CLASS_DUMP = 0x20;

  public static final int INSTANCE_DUMP = 0x21;
  public static final int OBJECT_ARRAY_DUMP = 0x22;
  public static final int PRIMITIVE_ARRAY_DUMP = 0x23;

  private final HprofFile file;
  private final int idSize;
  private final HprofLimits limits;
  private final SymbolTable symbols;
  private final StackTraces stackTraces;
  private final ClassTable classes = new ClassTable();
  private final List<HprofRoot> roots = new ArrayList<>();
  private final Map<String, long[]> collected = new HashMap<>();
  private final List<long[]> truncatedRecords = new ArrayList<>(0); // {id, class id or -type, n}
  private List<TruncatedArray> truncatedArrays = List.of();

  private final ObjectIndex.Builder indexBuilder;
  private ObjectIndex objects;

  private HprofHeap(HprofFile file, HprofLimits limits) {
    this.file = file;
    this.idSize = file.idSize();
    this.limits = limits;
    this.indexBuilder = new ObjectIndex.Builder(limits.objects());
    this.symbols = new SymbolTable(file);
    this.stackTraces = new StackTraces(file, symbols);
  }

  /**
   * Maps and indexes a heap dump.
   *
   * @param dump the file
   * @param collectInstancesOf names ({@link Class#getName()} form) of classes whose instances
   *     should be listed while reading, for {@link #instancesOf}
   * @throws HprofFormatException if the file is not a heap dump, or is truncated or corrupted, or
   *     has more objects than the index can number
   */
  public static HprofHeap open(Path dump, Set<String> collectInstancesOf) throws IOException {
    return open(dump, collectInstancesOf, HprofLimits.HOTSPOT);
  }

  /**
   * As {@link #open(Path, Set)}, against other limits than HotSpot's (tests).
   *
   * @param dump the file
   * @param collectInstancesOf as for {@link #open(Path, Set)}
   * @param limits the record length of a possibly truncated array, the most objects to index
   * @return the indexed dump
   * @throws IOException as {@link #open(Path, Set)}
   */
  public static HprofHeap open(Path dump, Set<String> collectInstancesOf, HprofLimits limits)
      throws IOException {
    return open(dump, collectInstancesOf, MappedFile.DEFAULT_CHUNK_BITS, limits);
  }

  static HprofHeap open(Path dump, Set<String> collectInstancesOf, int chunkBits)
      throws IOException {
    return open(dump, collectInstancesOf, chunkBits, HprofLimits.HOTSPOT);
  }

  private static HprofHeap open(
      Path dump, Set<String> collectInstancesOf, int chunkBits, HprofLimits limits)
      throws IOException {
    HprofFile file = HprofFile.open(dump, chunkBits);
    HprofHeap heap = new HprofHeap(file, limits);
    try {
      heap.read(file.firstRecord(), collectInstancesOf);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new HprofFormatException("corrupted record (" + e.getClass().getSimpleName() + ")");
    }
    return heap;
  }

  // ---------------------------------------------------------------- reading

  private LongLongMap wantedClasses; // class id -> index in wantedNames
  private List<String> wantedNames;
  private List<GrowableLongs> wantedInstances;

  private void read(long start, Set<String> collectInstancesOf) throws HprofFormatException {
    wantedNames = new ArrayList<>(collectInstancesOf);
    wantedClasses = new LongLongMap();
    wantedInstances = new ArrayList<>();
    for (int i = 0; i < wantedNames.size(); i++) {
      wantedInstances.add(new GrowableLongs());
    }
    long size = file.size();
    long pos = start;
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
          symbols.addUtf8(readId(body), pos);
          break;
        case LOAD_CLASS:
          {
            int serial = file.getInt(body);
            long classId = readId(body + 4);
            long nameId = readId(body + 4 + idSize + 4);
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
          stackTraces.addFrame(readId(body), body);
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
    finish();
  }

  private void readHeapDump(long start, long end) throws HprofFormatException {
    long p = start;
    while (p < end) {
      long recordStart = p;
      int tag = file.getUnsignedByte(p++);
      switch (tag) {
        case ROOT_UNKNOWN:
          roots.add(new HprofRoot(tag, readId(p), 0, -1, 0));
          p += idSize;
          break;
        case ROOT_JNI_GLOBAL:
          roots.add(new HprofRoot(tag, readId(p), 0, -1, 0));
          p += 2L * idSize;
          break;
        case ROOT_JNI_LOCAL:
        case ROOT_JAVA_FRAME:
          roots.add(
              new HprofRoot(
                  tag, readId(p), file.getInt(p + idSize), file.getInt(p + idSize + 4), 0));
          p += idSize + 8;
          break;
        case ROOT_NATIVE_STACK:
        case ROOT_THREAD_BLOCK:
          roots.add(new HprofRoot(tag, readId(p), file.getInt(p + idSize), -1, 0));
          p += idSize + 4;
          break;
        case ROOT_STICKY_CLASS:
        case ROOT_MONITOR_USED:
          roots.add(new HprofRoot(tag, readId(p), 0, -1, 0));
          p += idSize;
          break;
        case ROOT_THREAD_OBJECT:
          {
            long thread = readId(p);
            int threadSerial = file.getInt(p + idSize);
            int traceSerial = file.getInt(p + idSize + 4);
            roots.add(new HprofRoot(tag, thread, threadSerial, -1, traceSerial));
            stackTraces.addThread(threadSerial, thread, traceSerial);
            p += idSize + 8;
            break;
          }
        case CLASS_DUMP:
          p = readClassDump(recordStart);
          break;
        case INSTANCE_DUMP:
          {
            long id = readId(p);
            long classId = readId(p + idSize + 4);
            long n = Integer.toUnsignedLong(file.getInt(p + 2L * idSize + 4));
            add(id, recordStart);
            if (wantedClasses.size() > 0) {
              int w = (int) wantedClasses.get(classId, -1);
              if (w >= 0) {
                wantedInstances.get(w).add(id);
              }
            }
            p += 2L * idSize + 8 + n;
            break;
          }
        case OBJECT_ARRAY_DUMP:
          {
            long id = readId(p);
            long n = Integer.toUnsignedLong(file.getInt(p + idSize + 4));
            add(id, recordStart);
            if (n >= maxArrayLength(limits.recordBytes(), 1 + 2L * idSize + 8, idSize)) {
              truncatedRecords.add(new long[] {id, readId(p + idSize + 8), n});
            }
            p += 2L * idSize + 8 + n * idSize;
            break;
          }
        case PRIMITIVE_ARRAY_DUMP:
          {
            long id = readId(p);
            long n = Integer.toUnsignedLong(file.getInt(p + idSize + 4));
            int type = file.getUnsignedByte(p + idSize + 8);
            int elementSize = HprofTypes.sizeInDump(type, idSize);
            if (elementSize <= 0 || type == HprofTypes.OBJECT) {
              throw new HprofFormatException(
                  "bad primitive array type " + type + " at byte " + recordStart);
            }
            add(id, recordStart);
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
    long id = readId(p);
    p += idSize + 4;
    long superId = readId(p);
    long loaderId = readId(p + idSize);
    long signersId = readId(p + 2L * idSize);
    long protectionDomainId = readId(p + 3L * idSize);
    p += 6L * idSize;
    int instanceSize = file.getInt(p);
    p += 4;
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
      staticNames[i] = readId(p);
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
      fieldNames[i] = readId(p);
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
            instanceSize,
            fieldNames,
            fieldTypes,
            staticNames,
            staticTypes,
            staticValues,
            ordinal,
            idSize));
    add(id, recordStart);
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

  private void add(long id, long position) throws HprofFormatException {
    indexBuilder.add(id, position);
  }

  private void finish() throws HprofFormatException {
    objects = indexBuilder.build();
    classes.link(symbols);
    for (int i = 0; i < wantedNames.size(); i++) {
      collected.put(wantedNames.get(i), wantedInstances.get(i).toArray());
    }
    wantedInstances = null;
    List<TruncatedArray> truncated = new ArrayList<>(truncatedRecords.size());
    for (long[] r : truncatedRecords) {
      String type;
      if (r[1] < 0) {
        type = HprofTypes.javaName((int) -r[1]) + "[]";
      } else {
        ClassInfo c = classById(r[1]);
        type = c == null ? "java.lang.Object[]" : c.name();
      }
      truncated.add(new TruncatedArray(r[0], type, (int) r[2], r[1] >= 0));
    }
    truncatedArrays = Collections.unmodifiableList(truncated);
  }

  // ---------------------------------------------------------------- primitives

  /** Reads an identifier at a file position. */
  public long readId(long pos) {
    return file.readId(pos);
  }

  /** Copies bytes from the file. */
  public void readBytes(long pos, byte[] dst, int offset, int length) {
    file.read(pos, dst, offset, length);
  }

  public int idSize() {
    return idSize;
  }

  // ---------------------------------------------------------------- objects

  /** Number of object records (classes, instances, arrays). */
  public int objectCount() {
    return objects.count();
  }

  /** The index of the object with this id, or -1 if the dump has no such object. */
  public int indexOf(long id) {
    return objects.indexOf(id);
  }

  public long objectId(int index) {
    return objects.id(index);
  }

  /** The largest object id in the dump (object ids are addresses in HotSpot dumps). */
  public long maxObjectId() {
    return objects.maxId();
  }

  /**
   * One of {@link #CLASS_DUMP}, {@link #INSTANCE_DUMP}, {@link #OBJECT_ARRAY_DUMP}, {@link
   * #PRIMITIVE_ARRAY_DUMP}.
   */
  public int objectKind(int index) {
    return file.getUnsignedByte(objects.position(index));
  }

  /** The class of an instance, or the array class of an object array. */
  public long instanceClassId(int index) {
    long p = objects.position(index);
    int kind = file.getUnsignedByte(p);
    if (kind == INSTANCE_DUMP) {
      return readId(p + 1 + idSize + 4);
    }
    if (kind == OBJECT_ARRAY_DUMP) {
      return readId(p + 1 + idSize + 8);
    }
    return 0;
  }

  /** The position of the first field value of an instance. */
  public long instanceValuesPosition(int index) {
    return objects.position(index) + 1 + 2L * idSize + 8;
  }

  /** The element count of an array. */
  public int arrayLength(int index) {
    return file.getInt(objects.position(index) + 1 + idSize + 4);
  }

  /** The position of the first element of an object array. */
  public long objectArrayElementsPosition(int index) {
    return objects.position(index) + 1 + 2L * idSize + 8;
  }

  /** The HPROF type of the elements of a primitive array. */
  public int primitiveArrayType(int index) {
    return file.getUnsignedByte(objects.position(index) + 1 + idSize + 8);
  }

  /** The position of the first element of a primitive array. */
  public long primitiveArrayElementsPosition(int index) {
    return objects.position(index) + 1 + idSize + 9;
  }

  /** The class whose CLASS DUMP is at this index, or the class of an instance/object array. */
  public ClassInfo classOf(int index) {
    int kind = objectKind(index);
    if (kind == CLASS_DUMP) {
      return classById(objects.id(index));
    }
    return classById(instanceClassId(index));
  }

  /** The value of an instance field, read from the dump. */
  public long fieldValue(int index, FieldInfo field) {
    return file.readValue(instanceValuesPosition(index) + field.offset(), field.type());
  }

  // ---------------------------------------------------------------- classes, roots, threads

  /** The class with this class object id, or {@code null}. */
  public ClassInfo classById(long classId) {
    return classes.byId(classId);
  }

  /** All classes, by ordinal. */
  public List<ClassInfo> classes() {
    return classes.all();
  }

  /** All classes with this name (several loaders may define one). */
  public List<ClassInfo> classesNamed(String name) {
    return classes.named(name);
  }

  /** The ids of the instances of a class named in {@code open}'s {@code collectInstancesOf}. */
  public long[] instancesOf(String className) {
    long[] found = collected.get(className);
    return found == null ? new long[0] : found.clone();
  }

  /** The GC root records, in file order. */
  public List<HprofRoot> roots() {
    return Collections.unmodifiableList(roots);
  }

  /** The thread object of a thread serial, or 0. */
  public long threadObject(int threadSerial) {
    return stackTraces.threadObject(threadSerial);
  }

  /** The stack trace of a thread, innermost frame first; frame numbers of roots index into it. */
  public List<StackFrameInfo> threadStackTrace(int threadSerial) {
    return stackTraces.threadStackTrace(threadSerial);
  }

  /** A STACK TRACE record's frames, innermost first. */
  public List<StackFrameInfo> stackTrace(int serial) {
    return stackTraces.stackTrace(serial);
  }

  /**
   * The arrays whose record has the largest length the dumping JVM writes (see {@link
   * HprofLimits#recordBytes()}): each may have been cut down by HotSpot, which drops the elements
   * past that length, references included. Usually empty.
   */
  public List<TruncatedArray> possiblyTruncatedArrays() {
    return truncatedArrays;
  }
}
