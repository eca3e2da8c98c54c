package org.leakcheck.internal.heap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An indexed HotSpot heap dump ({@code JAVA PROFILE 1.0.2}, also 1.0.1): what the analysis engine
 * reads of a dump, and nothing else.
 *
 * <p>{@link #open} maps the file ({@link HprofFile}) and reads it once ({@link HprofReader}):
 * strings, classes, stack traces and GC roots are kept in small maps (there are few of them); every
 * object record (class, instance, object array, primitive array) is indexed by two parallel
 * primitive arrays sorted by object id ({@link ObjectIndex}: ids and file positions, 16 bytes per
 * object), with a bucket table to find an id in a few probes. The content of an object is parsed on
 * demand from the mapping.
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

  /** Root sub-record tags, as in {@link HprofRoot#tag()}. */
  public static final int ROOT_JNI_GLOBAL = 0x01;

  public static final int ROOT_JNI_LOCAL = 0x02;
  public static final int ROOT_JAVA_FRAME = 0x03;
  public static final int ROOT_NATIVE_STACK = 0x04;
  public static final int ROOT_STICKY_CLASS = 0x05;
  public static final int ROOT_THREAD_BLOCK = 0x06;
  public static final int ROOT_MONITOR_USED = 0x07;
  public static final int ROOT_THREAD_OBJECT = 0x08;

  /** A root of unknown kind; the engine needs no name for it (any tag it does not name is one). */
  static final int ROOT_UNKNOWN = 0xFF;

  /** Object record tags, as returned by {@link #objectKind(int)}. */
  public static final int CLASS_DUMP = 0x20;

  public static final int INSTANCE_DUMP = 0x21;
  public static final int OBJECT_ARRAY_DUMP = 0x22;
  public static final int PRIMITIVE_ARRAY_DUMP = 0x23;

  private final HprofFile file;
  private final int idSize;
  private final ObjectIndex objects;
  private final ClassTable classes;
  private final List<HprofRoot> roots;
  private final StackTraces stackTraces;
  private final Map<String, long[]> collected;
  private final List<TruncatedArray> truncatedArrays;

  HprofHeap(
      HprofFile file,
      ObjectIndex objects,
      ClassTable classes,
      List<HprofRoot> roots,
      StackTraces stackTraces,
      Map<String, long[]> collected,
      List<TruncatedArray> truncatedArrays) {
    this.file = file;
    this.idSize = file.idSize();
    this.objects = objects;
    this.classes = classes;
    this.roots = roots;
    this.stackTraces = stackTraces;
    this.collected = collected;
    this.truncatedArrays = truncatedArrays;
  }

  /**
   * Maps and indexes a heap dump.
   *
   * @param dump the file
   * @param collectInstancesOf names ({@link Class#getName()} form) of classes whose instances
   *     should be listed while reading, for {@link #instancesOf}
   * @param limits the record length of a possibly truncated array, the most objects to index
   *     ({@link HprofLimits#HOTSPOT} for a dump of a HotSpot JVM)
   * @return the indexed dump
   * @throws HprofFormatException if the file is not a heap dump, or is truncated or corrupted, or
   *     has more objects than the index can number
   */
  public static HprofHeap open(Path dump, Set<String> collectInstancesOf, HprofLimits limits)
      throws IOException {
    HprofFile file = HprofFile.open(dump, MappedFile.DEFAULT_CHUNK_BITS);
    return HprofReader.read(file, collectInstancesOf, limits);
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
      return file.readId(p + 1 + idSize + 4);
    }
    if (kind == OBJECT_ARRAY_DUMP) {
      return file.readId(p + 1 + idSize + 8);
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
    return roots;
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
