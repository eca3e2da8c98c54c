package org.leakcheck.internal.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HprofHeapTests {

  /** A class with one field of each kind, found back in the dump. */
  static final class Sample {
    final int number;
    final long big;
    final String text;
    final Object[] array;

    Sample(int number, long big, String text, Object[] array) {
      this.number = number;
      this.big = big;
      this.text = text;
      this.array = array;
    }
  }

  /** Opens a dump as the engine does, against HotSpot's limits. */
  static HprofHeap open(Path dump, Set<String> collectInstancesOf) throws IOException {
    return HprofHeap.open(dump, collectInstancesOf, HprofLimits.HOTSPOT);
  }

  /** Opens a dump mapped in chunks of {@code 2^chunkBits} bytes, so that values straddle them. */
  static HprofHeap open(Path dump, Set<String> collectInstancesOf, int chunkBits)
      throws IOException {
    HprofFile file = HprofFile.open(dump, chunkBits);
    return HprofReader.read(file, collectInstancesOf, HprofLimits.HOTSPOT);
  }

  static Path dump(Path dir) throws IOException {
    Path file = dir.resolve("heap.hprof");
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpHeap(file.toString(), true);
    return file;
  }

  @Test
  void readsClassesFieldsStringsAndArrays(@TempDir Path dir) throws IOException {
    Sample sample = new Sample(42, nonce(), "caf\u00e9 \u2603", new Object[] {"a", null, 7});
    Path file = dump(dir);
    try {
      HprofHeap heap = open(file, Set.of(Sample.class.getName()));
      assertReadsSample(heap, sample.big);
    } finally {
      Reference.reachabilityFence(sample);
    }
  }

  @Test
  void valuesStraddlingMappingChunksReadTheSame(@TempDir Path dir) throws IOException {
    Sample sample = new Sample(42, nonce(), "caf\u00e9 \u2603", new Object[] {"a", null, 7});
    Path file = dump(dir);
    try {
      HprofHeap small = open(file, Set.of(Sample.class.getName()), 12);
      HprofHeap big = open(file, Set.of(Sample.class.getName()));
      assertThat(small.objectCount()).isEqualTo(big.objectCount());
      assertThat(small.classes()).hasSameSizeAs(big.classes());
      assertReadsSample(small, sample.big);
      for (int i = 0; i < big.objectCount(); i += 97) {
        assertThat(small.objectId(i)).isEqualTo(big.objectId(i));
        assertThat(small.indexOf(big.objectId(i))).isEqualTo(i);
      }
    } finally {
      Reference.reachabilityFence(sample);
    }
  }

  private static long nonce() {
    return ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE);
  }

  /** Tests run in parallel: other tests' samples may be in the dump too. */
  private static void assertReadsSample(HprofHeap heap, long nonce) {
    long[] samples = heap.instancesOf(Sample.class.getName());
    int index = -1;
    for (long id : samples) {
      int i = heap.indexOf(id);
      if (heap.fieldValue(i, heap.classOf(i).field("big")) == nonce) {
        index = i;
      }
    }
    assertThat(index).isNotNegative();
    assertThat(heap.objectKind(index)).isEqualTo(HprofHeap.INSTANCE_DUMP);
    ClassInfo type = heap.classOf(index);
    assertThat(type.name()).isEqualTo(Sample.class.getName());
    assertThat(type.isSubclassOf("java.lang.Object")).isTrue();
    assertThat(heap.fieldValue(index, type.field("number"))).isEqualTo(42);

    int text = heap.indexOf(heap.fieldValue(index, type.field("text")));
    assertThat(heap.classOf(text).name()).isEqualTo("java.lang.String");
    int value = heap.indexOf(heap.fieldValue(text, heap.classOf(text).field("value")));
    assertThat(heap.objectKind(value)).isEqualTo(HprofHeap.PRIMITIVE_ARRAY_DUMP);
    assertThat(heap.primitiveArrayType(value)).isEqualTo(HprofTypes.BYTE);

    int array = heap.indexOf(heap.fieldValue(index, type.field("array")));
    assertThat(heap.objectKind(array)).isEqualTo(HprofHeap.OBJECT_ARRAY_DUMP);
    assertThat(heap.arrayLength(array)).isEqualTo(3);
    assertThat(heap.classOf(array).name()).isEqualTo("java.lang.Object[]");
    long second = heap.readId(heap.objectArrayElementsPosition(array) + heap.idSize());
    assertThat(second).isZero();
  }

  @Test
  void readsThreadStackTraces(@TempDir Path dir) throws IOException {
    Path file = dump(dir);
    HprofHeap heap = open(file, Set.of());
    boolean found = false;
    for (HprofRoot root : heap.roots()) {
      if (root.tag() == HprofHeap.ROOT_THREAD_OBJECT) {
        List<StackFrameInfo> trace = heap.threadStackTrace(root.threadSerial());
        found |=
            trace.stream()
                .anyMatch(
                    f ->
                        HprofHeapTests.class.getName().equals(f.className())
                            && f.methodName().equals("readsThreadStackTraces")
                            && "HprofHeapTests.java".equals(f.sourceFile())
                            && f.line() > 0);
      }
    }
    assertThat(found).isTrue();
  }

  @Test
  void convertsClassNames() {
    assertThat(HprofTypes.javaClassName("java/lang/String")).isEqualTo("java.lang.String");
    assertThat(HprofTypes.javaClassName("[Ljava/lang/Object;")).isEqualTo("java.lang.Object[]");
    assertThat(HprofTypes.javaClassName("[[B")).isEqualTo("byte[][]");
    assertThat(HprofTypes.javaClassName("com/x/Foo$$Lambda/0x0000000800c03000"))
        .isEqualTo("com.x.Foo$$Lambda/0x0000000800c03000");
    assertThat(HprofTypes.javaClassName("com/x/Foo$$Lambda+0x0000000800c03000"))
        .isEqualTo("com.x.Foo$$Lambda+0x0000000800c03000");
  }

  @Test
  void truncatedDumpIsReported(@TempDir Path dir) throws IOException {
    Path file = dump(dir);
    long cut = Files.size(file) / 2;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(cut);
    }
    assertThatThrownBy(() -> open(file, Set.of()))
        .isInstanceOf(HprofFormatException.class)
        .hasMessage("the heap dump could not be read: truncated at byte " + cut);
  }

  @Test
  void otherFilesAreRejected(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not.hprof"), "hello, world\n".repeat(100));
    assertThatThrownBy(() -> open(file, Set.of()))
        .isInstanceOf(HprofFormatException.class)
        .hasMessageContaining("not an HPROF heap dump");
    Path empty = Files.createFile(dir.resolve("empty.hprof"));
    assertThatThrownBy(() -> open(empty, Set.of())).isInstanceOf(HprofFormatException.class);
  }

  // ---------------------------------------------------------------- dumps not to trust

  @Test
  void hotSpotsArrayLimitIsTheLengthItTruncatesTo() {
    // heapDumper.cpp: (0xFFFFFFFF - header) / element size, header with the tag byte
    long u4 = HprofLimits.HOTSPOT.recordBytes();
    assertThat(HprofReader.maxArrayLength(u4, 1 + 2 * 4 + 2 * 8, 8)).isEqualTo(536_870_908L);
    assertThat(HprofReader.maxArrayLength(u4, 2 + 2 * 4 + 8, 8)).isEqualTo(536_870_909L);
    assertThat(HprofReader.maxArrayLength(u4, 2 + 2 * 4 + 8, 4)).isEqualTo(1_073_741_819L);
    assertThat(HprofReader.maxArrayLength(u4, 2 + 2 * 4 + 8, 2)).isEqualTo(2_147_483_638L);
    assertThat(HprofReader.maxArrayLength(u4, 2 + 2 * 4 + 8, 1))
        .as("a byte[] is never truncated")
        .isGreaterThan(Integer.MAX_VALUE);
  }

  /** Object[] records of 10 elements and long[] records of 11 reach this limit. */
  static final HprofLimits SMALL_RECORDS = new HprofLimits(25 + 10 * 8 + 7, 1000);

  @Test
  void anArrayAtTheRecordLimitIsListedAsPossiblyTruncated(@TempDir Path dir) throws IOException {
    HprofWriter w = new HprofWriter();
    long object = w.defineClass("java/lang/Object", 0, new HprofWriter.Field[0]);
    long objectArray = w.defineClass("[Ljava/lang/Object;", object, new HprofWriter.Field[0]);
    long atLimit = w.objectArray(objectArray, new long[10]);
    w.objectArray(objectArray, new long[9]);
    w.longArray(10);
    long longsAtLimit = w.longArray(11);
    Path file = w.write(dir.resolve("small.hprof"));

    assertThat(HprofHeap.open(file, Set.of(), SMALL_RECORDS).possiblyTruncatedArrays())
        .containsExactly(
            new TruncatedArray(atLimit, "java.lang.Object[]", 10, true),
            new TruncatedArray(longsAtLimit, "long[]", 11, false));
    assertThat(open(file, Set.of()).possiblyTruncatedArrays()).as("HotSpot's limit").isEmpty();
  }

  @Test
  void aDumpWithMoreObjectsThanTheIndexCanNumberIsRefusedInOneLine(@TempDir Path dir)
      throws IOException {
    HprofWriter w = new HprofWriter();
    long object = w.defineClass("java/lang/Object", 0, new HprofWriter.Field[0]);
    for (int i = 0; i < 5; i++) {
      w.instance(object, new byte[0]);
    }
    Path file = w.write(dir.resolve("many.hprof"));

    assertThat(HprofHeap.open(file, Set.of(), new HprofLimits(0xFFFF_FFFFL, 6)).objectCount())
        .isEqualTo(6);
    assertThatThrownBy(() -> HprofHeap.open(file, Set.of(), new HprofLimits(0xFFFF_FFFFL, 5)))
        .isInstanceOf(HprofFormatException.class)
        .hasMessage(
            "the heap dump has more than 5 objects; the analysis can index at most 5"
                + " (it numbers objects with int indices)");
    assertThat(HprofLimits.HOTSPOT.objects()).isEqualTo(Integer.MAX_VALUE - 8);
  }

  @Test
  void objectIdsOfBothSignsAreIndexed(@TempDir Path dir) throws IOException {
    // A damaged dump can hold an id with the top bit set: the index's range must not overflow.
    HprofWriter w = new HprofWriter();
    long object = w.defineClass("java/lang/Object", 0, new HprofWriter.Field[0]);
    long low = w.instance(object, new byte[0]);
    long high = w.instance(0x8000_0000_0000_1000L, object, new byte[0]);
    long top = w.instance(0xFFFF_FFFF_FFFF_FFF0L, object, new byte[0]);
    Path file = w.write(dir.resolve("signs.hprof"));

    HprofHeap heap = open(file, Set.of());

    for (long id : new long[] {object, low, high, top}) {
      assertThat(heap.indexOf(id)).as("index of 0x%x", id).isNotNegative();
      assertThat(heap.objectId(heap.indexOf(id))).isEqualTo(id);
    }
    assertThat(heap.indexOf(0x7FFF_FFFF_FFFF_FFF0L)).isEqualTo(-1);
  }
}
