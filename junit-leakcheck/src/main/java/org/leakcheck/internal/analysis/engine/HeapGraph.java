package org.leakcheck.internal.analysis.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.FieldInfo;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofTypes;
import org.leakcheck.internal.heap.StaticField;

/**
 * The strong-reference graph of a dump: which references count, in which order they are followed,
 * which objects belong to the test framework, and what an object looks like to a person (class
 * name, size estimate, summary).
 *
 * <p>Strong edges: instance fields of object type (whole hierarchy) except {@code referent} and
 * {@code discovered} of {@code java.lang.ref.Reference}; object array elements; a class's static
 * fields, loader, super class, signers and protection domain; an object's class; a class loader's
 * defined classes (a live loader keeps its classes). Which of them a search follows is the search's
 * business ({@link HeapAnalyzer}); this class says what an object is: infrastructure (its class
 * name starts with one of the framework prefixes), a thread, a thread-local entry.
 */
final class HeapGraph {

  /** Receives the outgoing strong references of an object. */
  interface EdgeVisitor {
    /**
     * @param target the referenced object's id (never 0)
     * @param kind the kind of reference
     * @param name the field name, or {@code null}
     * @param declaringClass the declaring class of the field, or {@code null}
     * @param index the array index, or -1
     */
    void edge(long target, EdgeKind kind, String name, String declaringClass, int index);
  }

  private static final String REFERENCE = "java.lang.ref.Reference";
  private static final Set<String> NEVER_COLLECTED_LOADERS =
      Set.of(
          "jdk.internal.loader.ClassLoaders$AppClassLoader",
          "jdk.internal.loader.ClassLoaders$PlatformClassLoader");
  private static final Set<String> BOXES =
      Set.of(
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Short",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Boolean",
          "java.lang.Float",
          "java.lang.Double");
  static final int SUMMARY_LENGTH = 80;

  private final HprofHeap heap;
  private final int idSize;
  private final boolean compressedReferences;
  private final FieldInfo[][] strongFields;
  private final boolean[] infraClass;
  private final boolean[] threadClass;
  private final boolean[] threadLocalEntryClass;
  private final Set<Long> permanentLoaders;
  private final boolean[] loaderClass;
  private final boolean[] referenceClass;
  private final long[] instanceSize;
  private final Map<Long, long[]> definedClasses = new HashMap<>();

  HeapGraph(HprofHeap heap, List<String> infraPrefixes) {
    this.heap = heap;
    this.idSize = heap.idSize();
    // Compressed references put the heap below 32 GiB; ids are addresses.
    this.compressedReferences = idSize == 4 || heap.maxObjectId() < (32L << 30);
    List<ClassInfo> classes = heap.classes();
    int n = classes.size();
    strongFields = new FieldInfo[n][];
    infraClass = new boolean[n];
    threadClass = new boolean[n];
    threadLocalEntryClass = new boolean[n];
    loaderClass = new boolean[n];
    referenceClass = new boolean[n];
    instanceSize = new long[n];
    Map<Long, List<Long>> defined = new HashMap<>();
    for (ClassInfo c : classes) {
      int o = c.ordinal();
      boolean isReference = c.isSubclassOf(REFERENCE);
      referenceClass[o] = isReference;
      loaderClass[o] = c.isSubclassOf("java.lang.ClassLoader");
      threadClass[o] = c.isSubclassOf("java.lang.Thread");
      threadLocalEntryClass[o] = c.name().equals(THREAD_LOCAL_ENTRY);
      infraClass[o] = isInfrastructure(c.name(), infraPrefixes);
      List<FieldInfo> strong = new ArrayList<>();
      long bytes = 0;
      for (FieldInfo f : c.fields()) {
        bytes += HprofTypes.sizeInHeap(f.type(), compressedReferences);
        if (!f.isReference()) {
          continue;
        }
        if (isReference
            && f.declaringClass().name().equals(REFERENCE)
            && (f.name().equals("referent") || f.name().equals("discovered"))) {
          continue;
        }
        strong.add(f);
      }
      strongFields[o] = strong.toArray(new FieldInfo[0]);
      instanceSize[o] = align8(16 + bytes);
      if (c.loaderId() != 0) {
        defined.computeIfAbsent(c.loaderId(), k -> new ArrayList<>()).add(c.id());
      }
    }
    defined.forEach(
        (loader, list) ->
            definedClasses.put(loader, list.stream().mapToLong(Long::longValue).toArray()));
    permanentLoaders = permanentLoaders();
  }

  static final String THREAD_LOCAL_ENTRY = "java.lang.ThreadLocal$ThreadLocalMap$Entry";

  /** Whether a class name (or a frame's class) belongs to the test infrastructure. */
  static boolean isInfrastructure(String className, List<String> prefixes) {
    if (className == null) {
      return false;
    }
    for (String prefix : prefixes) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The loaders that are never collected, read from the dump: the system class loader ({@code
   * ClassLoader.scl}) and its parents, and {@code jdk.internal.loader.ClassLoaders}' app and
   * platform loaders. Only when the dump has none of them (another JVM's layout), the JDK's loader
   * class names decide.
   */
  private Set<Long> permanentLoaders() {
    Set<Long> loaders = new HashSet<>();
    for (ClassInfo c : heap.classesNamed("java.lang.ClassLoader")) {
      if (c.loaderId() == 0) {
        addWithParents(loaders, staticValue(c, "scl"));
      }
    }
    for (ClassInfo c : heap.classesNamed("jdk.internal.loader.ClassLoaders")) {
      if (c.loaderId() == 0) {
        addWithParents(loaders, staticValue(c, "APP_LOADER"));
        addWithParents(loaders, staticValue(c, "PLATFORM_LOADER"));
      }
    }
    return loaders;
  }

  private static long staticValue(ClassInfo c, String name) {
    for (StaticField s : c.statics()) {
      if (s.isReference() && s.name().equals(name)) {
        return s.value();
      }
    }
    return 0;
  }

  private void addWithParents(Set<Long> loaders, long loader) {
    for (int depth = 0; loader != 0 && depth < 32 && loaders.add(loader); depth++) {
      int index = heap.indexOf(loader);
      if (index < 0 || heap.objectKind(index) != HprofHeap.INSTANCE_DUMP) {
        return;
      }
      ClassInfo type = heap.classOf(index);
      FieldInfo parent = type == null ? null : type.field("parent", "java.lang.ClassLoader");
      if (parent == null || !parent.isReference()) {
        return;
      }
      loader = heap.fieldValue(index, parent);
    }
  }

  HprofHeap heap() {
    return heap;
  }

  boolean compressedReferences() {
    return compressedReferences;
  }

  /**
   * Whether a class is never collected: defined by the boot loader, the system class loader or its
   * parents (found from the dump, see {@link #permanentLoaders()}).
   */
  boolean isPermanentClass(ClassInfo c) {
    if (c.loaderId() == 0) {
      return true;
    }
    if (!permanentLoaders.isEmpty()) {
      return permanentLoaders.contains(c.loaderId());
    }
    int loader = heap.indexOf(c.loaderId());
    if (loader < 0 || heap.objectKind(loader) != HprofHeap.INSTANCE_DUMP) {
      return false;
    }
    ClassInfo loaderType = heap.classById(heap.instanceClassId(loader));
    return loaderType != null && NEVER_COLLECTED_LOADERS.contains(loaderType.name());
  }

  /**
   * Whether the object belongs to the test infrastructure: an instance or array of an
   * infrastructure class, or such a class itself.
   */
  boolean isInfrastructure(int index) {
    ClassInfo c = heap.classOf(index);
    return c != null && infraClass[c.ordinal()];
  }

  /** Whether the class is an infrastructure class. */
  boolean isInfrastructure(ClassInfo c) {
    return infraClass[c.ordinal()];
  }

  /** Whether the object is an instance of {@code java.lang.Thread} or a subclass. */
  boolean isThread(int index) {
    if (heap.objectKind(index) != HprofHeap.INSTANCE_DUMP) {
      return false;
    }
    ClassInfo c = heap.classById(heap.instanceClassId(index));
    return c != null && threadClass[c.ordinal()];
  }

  /**
   * The {@code ThreadLocal} key of a {@code ThreadLocalMap} entry (its weak referent), 0 for any
   * other object or a cleared entry.
   */
  long threadLocalKey(int index) {
    if (heap.objectKind(index) != HprofHeap.INSTANCE_DUMP) {
      return 0;
    }
    ClassInfo c = heap.classById(heap.instanceClassId(index));
    if (c == null || !threadLocalEntryClass[c.ordinal()]) {
      return 0;
    }
    FieldInfo referent = c.field("referent", REFERENCE);
    return referent == null ? 0 : heap.fieldValue(index, referent);
  }

  /** Calls the visitor for each strong reference of the object, in a fixed order. */
  boolean forEachEdge(int index, EdgeVisitor visitor) {
    return forEachEdge(index, visitor, true);
  }

  /**
   * Calls the visitor for each strong reference of the object, in a fixed order.
   *
   * @param userStatics whether static fields of classes that are not infrastructure are edges
   * @return true
   */
  boolean forEachEdge(int index, EdgeVisitor visitor, boolean userStatics) {
    int kind = heap.objectKind(index);
    switch (kind) {
      case HprofHeap.INSTANCE_DUMP:
        {
          long classId = heap.instanceClassId(index);
          ClassInfo c = heap.classById(classId);
          if (c == null) {
            return true;
          }
          int o = c.ordinal();
          long values = heap.instanceValuesPosition(index);
          for (FieldInfo f : strongFields[o]) {
            long target = heap.readId(values + f.offset());
            if (target != 0) {
              visitor.edge(target, EdgeKind.FIELD, f.name(), f.declaringClass().name(), -1);
            }
          }
          if (loaderClass[o]) {
            long[] classes = definedClasses.get(heap.objectId(index));
            if (classes != null) {
              for (long defined : classes) {
                visitor.edge(defined, EdgeKind.DEFINED_CLASS, null, null, -1);
              }
            }
          }
          visitor.edge(classId, EdgeKind.CLASS_OF_INSTANCE, null, null, -1);
          return true;
        }
      case HprofHeap.OBJECT_ARRAY_DUMP:
        {
          long classId = heap.instanceClassId(index);
          int length = heap.arrayLength(index);
          long elements = heap.objectArrayElementsPosition(index);
          for (int i = 0; i < length; i++) {
            long target = heap.readId(elements + (long) i * idSize);
            if (target != 0) {
              visitor.edge(target, EdgeKind.ARRAY_ELEMENT, null, null, i);
            }
          }
          if (classId != 0) {
            visitor.edge(classId, EdgeKind.CLASS_OF_INSTANCE, null, null, -1);
          }
          return true;
        }
      case HprofHeap.CLASS_DUMP:
        {
          ClassInfo c = heap.classById(heap.objectId(index));
          if (c == null) {
            return true;
          }
          if (userStatics || infraClass[c.ordinal()]) {
            for (StaticField s : c.statics()) {
              if (s.isReference() && s.value() != 0) {
                visitor.edge(s.value(), EdgeKind.STATIC_FIELD, s.name(), c.name(), -1);
              }
            }
          }
          if (c.loaderId() != 0) {
            visitor.edge(c.loaderId(), EdgeKind.CLASS_LOADER, null, null, -1);
          }
          if (c.superId() != 0) {
            visitor.edge(c.superId(), EdgeKind.SUPER_CLASS, null, null, -1);
          }
          if (c.protectionDomainId() != 0) {
            visitor.edge(
                c.protectionDomainId(),
                EdgeKind.FIELD,
                "<protection_domain>",
                "java.lang.Class",
                -1);
          }
          if (c.signersId() != 0) {
            visitor.edge(c.signersId(), EdgeKind.FIELD, "<signers>", "java.lang.Class", -1);
          }
          return true;
        }
      default:
        return true;
    }
  }

  /**
   * The class name shown for an object: {@code java.lang.Class} for classes, arrays as {@code
   * byte[]}.
   */
  String className(int index) {
    switch (heap.objectKind(index)) {
      case HprofHeap.CLASS_DUMP:
        return "java.lang.Class";
      case HprofHeap.PRIMITIVE_ARRAY_DUMP:
        return HprofTypes.javaName(heap.primitiveArrayType(index)) + "[]";
      default:
        {
          ClassInfo c = heap.classById(heap.instanceClassId(index));
          return c == null ? "unknown" : c.name();
        }
    }
  }

  /** Estimated shallow size in bytes (16-byte header, 8-byte alignment). */
  long shallowSize(int index) {
    switch (heap.objectKind(index)) {
      case HprofHeap.INSTANCE_DUMP:
        {
          ClassInfo c = heap.classById(heap.instanceClassId(index));
          return c == null ? 16 : instanceSize[c.ordinal()];
        }
      case HprofHeap.OBJECT_ARRAY_DUMP:
        return align8(16 + (long) heap.arrayLength(index) * (compressedReferences ? 4 : 8));
      case HprofHeap.PRIMITIVE_ARRAY_DUMP:
        return align8(
            16
                + (long) heap.arrayLength(index)
                    * HprofTypes.sizeInHeap(heap.primitiveArrayType(index), compressedReferences));
      case HprofHeap.CLASS_DUMP:
        {
          ClassInfo c = heap.classById(heap.objectId(index));
          long bytes = 0;
          if (c != null) {
            for (StaticField s : c.statics()) {
              bytes += HprofTypes.sizeInHeap(s.type(), compressedReferences);
            }
          }
          return align8(16 + bytes);
        }
      default:
        return 0;
    }
  }

  private static long align8(long size) {
    return (size + 7) & ~7L;
  }

  // ---------------------------------------------------------------- summaries

  /** A short description of an object, or {@code null} when none is cheap and useful. */
  String summary(int index) {
    return summary(index, true);
  }

  private String summary(int index, boolean withKey) {
    int kind = heap.objectKind(index);
    if (kind == HprofHeap.CLASS_DUMP) {
      ClassInfo c = heap.classById(heap.objectId(index));
      return c == null ? null : c.name();
    }
    if (kind != HprofHeap.INSTANCE_DUMP) {
      return null;
    }
    ClassInfo c = heap.classById(heap.instanceClassId(index));
    if (c == null) {
      return null;
    }
    String name = c.name();
    if (name.equals("java.lang.String")) {
      return quote(string(index));
    }
    if (BOXES.contains(name)) {
      return box(index, c);
    }
    if (c.isSubclassOf("java.lang.Thread")) {
      String threadName = stringField(index, c, "name");
      return threadName == null ? null : quote(threadName);
    }
    if (c.isSubclassOf("java.lang.Enum")) {
      return stringField(index, c, "name");
    }
    if (!withKey) {
      return null;
    }
    if (referenceClass[c.ordinal()] && (name.endsWith("Entry") || c.field("value") != null)) {
      FieldInfo referent = c.field("referent", REFERENCE);
      if (referent != null) {
        return "key=" + describeValue(heap.fieldValue(index, referent));
      }
    }
    FieldInfo key = c.field("key");
    if (key != null && key.isReference()) {
      return "key=" + describeValue(heap.fieldValue(index, key));
    }
    return null;
  }

  private String describeValue(long id) {
    if (id == 0) {
      return "null";
    }
    int index = heap.indexOf(id);
    if (index < 0) {
      return "?";
    }
    String s = summary(index, false);
    if (s != null) {
      return s;
    }
    // An address means nothing to a reader; the static field holding the object (the usual home
    // of a ThreadLocal or a map key constant) says where it is in the code.
    String holder = staticHolders().get(id);
    if (holder != null) {
      return holder;
    }
    String name = className(index);
    return "a " + name.substring(name.lastIndexOf('.') + 1);
  }

  private Map<Long, String> staticHolders;

  /** Object id → {@code Class.FIELD} of a static field holding it (the first one found). */
  private synchronized Map<Long, String> staticHolders() {
    if (staticHolders == null) {
      Map<Long, String> holders = new HashMap<>();
      for (ClassInfo c : heap.classes()) {
        for (StaticField f : c.statics()) {
          if (f.isReference() && f.value() != 0 && !f.name().startsWith("<")) {
            holders.putIfAbsent(f.value(), c.name() + "." + f.name());
          }
        }
      }
      staticHolders = holders;
    }
    return staticHolders;
  }

  private String box(int index, ClassInfo c) {
    FieldInfo value = c.field("value");
    if (value == null) {
      return null;
    }
    long bits = heap.fieldValue(index, value);
    switch (value.type()) {
      case HprofTypes.BOOLEAN:
        return Boolean.toString(bits != 0);
      case HprofTypes.CHAR:
        return quote(String.valueOf((char) bits)).replace('"', '\'');
      case HprofTypes.FLOAT:
        return Float.toString(Float.intBitsToFloat((int) bits));
      case HprofTypes.DOUBLE:
        return Double.toString(Double.longBitsToDouble(bits));
      default:
        return Long.toString(bits);
    }
  }

  private String stringField(int index, ClassInfo c, String field) {
    FieldInfo f = c.field(field);
    if (f == null || !f.isReference()) {
      return null;
    }
    int target = heap.indexOf(heap.fieldValue(index, f));
    if (target < 0 || !"java.lang.String".equals(className(target))) {
      return null;
    }
    return string(target);
  }

  /**
   * The text of a {@code java.lang.String}, at most {@link #SUMMARY_LENGTH} + 1 characters. Compact
   * strings (JDK 9+): a {@code byte[] value} with {@code coder} 0 (Latin-1) or 1 (UTF-16,
   * little-endian as on x86 and AArch64); older layouts: a {@code char[] value}.
   */
  String string(int index) {
    ClassInfo c = heap.classById(heap.instanceClassId(index));
    FieldInfo value = c == null ? null : c.field("value");
    if (value == null || !value.isReference()) {
      return null;
    }
    int array = heap.indexOf(heap.fieldValue(index, value));
    if (array < 0 || heap.objectKind(array) != HprofHeap.PRIMITIVE_ARRAY_DUMP) {
      return null;
    }
    int length = heap.arrayLength(array);
    int type = heap.primitiveArrayType(array);
    long data = heap.primitiveArrayElementsPosition(array);
    int max = SUMMARY_LENGTH + 1;
    if (type == HprofTypes.CHAR) {
      int n = Math.min(length, max);
      byte[] bytes = new byte[n * 2];
      heap.readBytes(data, bytes, 0, bytes.length);
      return new String(bytes, StandardCharsets.UTF_16BE);
    }
    if (type != HprofTypes.BYTE) {
      return null;
    }
    FieldInfo coder = c.field("coder");
    boolean utf16 = coder != null && heap.fieldValue(index, coder) == 1;
    int n = Math.min(length, utf16 ? 2 * max : max);
    byte[] bytes = new byte[n & (utf16 ? ~1 : ~0)];
    heap.readBytes(data, bytes, 0, bytes.length);
    return new String(bytes, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
  }

  /**
   * Quotes and escapes a text, truncated to {@link #SUMMARY_LENGTH} characters with an ellipsis.
   */
  static String quote(String text) {
    if (text == null) {
      return null;
    }
    boolean truncated = text.length() > SUMMARY_LENGTH;
    String shown = truncated ? text.substring(0, SUMMARY_LENGTH) : text;
    StringBuilder sb = new StringBuilder(shown.length() + 8).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char ch = shown.charAt(i);
      switch (ch) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (ch < 0x20 || ch == 0x7F) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
      }
    }
    sb.append('"');
    if (truncated) {
      sb.append('\u2026');
    }
    return sb.toString();
  }
}
