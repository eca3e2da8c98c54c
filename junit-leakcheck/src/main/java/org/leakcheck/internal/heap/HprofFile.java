package org.leakcheck.internal.heap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A mapped HPROF file whose header has been checked: the identifier size the header gives, where
 * the first record starts, and the reads of ids and typed values that the identifier size decides.
 * The byte reads pass through to the {@link MappedFile}.
 */
final class HprofFile {

  private final MappedFile mapped;
  private final int idSize;
  private final long firstRecord;

  private HprofFile(MappedFile mapped, int idSize, long firstRecord) {
    this.mapped = mapped;
    this.idSize = idSize;
    this.firstRecord = firstRecord;
  }

  /**
   * Maps a file and checks its header ({@code JAVA PROFILE 1.0.x}, a NUL, the u4 identifier size, a
   * u8 time stamp).
   *
   * @param dump the file
   * @param chunkBits the size of a mapping, as for {@link MappedFile}
   * @return the file, ready to read its records from {@link #firstRecord()}
   * @throws HprofFormatException if the header is not an HPROF one or gives an identifier size
   *     other than 4 or 8
   */
  static HprofFile open(Path dump, int chunkBits) throws IOException {
    MappedFile file = new MappedFile(dump, chunkBits);
    long size = file.size();
    int headerEnd = -1;
    for (int i = 0; i < Math.min(size, 64); i++) {
      if (file.get(i) == 0) {
        headerEnd = i;
        break;
      }
    }
    if (headerEnd < 0 || headerEnd + 13 > size) {
      throw new HprofFormatException("not an HPROF heap dump (no \"JAVA PROFILE\" header)");
    }
    byte[] header = new byte[headerEnd];
    file.read(0, header, 0, headerEnd);
    String magic = new String(header, StandardCharsets.ISO_8859_1);
    if (!magic.startsWith("JAVA PROFILE 1.0.")) {
      throw new HprofFormatException("not an HPROF heap dump (no \"JAVA PROFILE\" header)");
    }
    int idSize = file.getInt(headerEnd + 1);
    if (idSize != 4 && idSize != 8) {
      throw new HprofFormatException("unsupported identifier size " + idSize);
    }
    return new HprofFile(file, idSize, headerEnd + 1 + 4 + 8);
  }

  int idSize() {
    return idSize;
  }

  /** The position of the first top-level record, just past the header. */
  long firstRecord() {
    return firstRecord;
  }

  long size() {
    return mapped.size();
  }

  /** Reads an identifier at a file position. */
  long readId(long pos) {
    return idSize == 8 ? mapped.getLong(pos) : Integer.toUnsignedLong(mapped.getInt(pos));
  }

  /** Reads a value of an HPROF type at a file position: an id, or the raw bits of a primitive. */
  long readValue(long pos, int type) {
    switch (type) {
      case HprofTypes.OBJECT:
        return readId(pos);
      case HprofTypes.BOOLEAN:
      case HprofTypes.BYTE:
        return mapped.get(pos);
      case HprofTypes.CHAR:
        return mapped.getShort(pos) & 0xFFFF;
      case HprofTypes.SHORT:
        return mapped.getShort(pos);
      case HprofTypes.FLOAT:
      case HprofTypes.INT:
        return mapped.getInt(pos);
      case HprofTypes.DOUBLE:
      case HprofTypes.LONG:
        return mapped.getLong(pos);
      default:
        throw new IllegalArgumentException("type " + type);
    }
  }

  int getUnsignedByte(long pos) {
    return mapped.getUnsignedByte(pos);
  }

  short getShort(long pos) {
    return mapped.getShort(pos);
  }

  int getInt(long pos) {
    return mapped.getInt(pos);
  }

  /** Copies {@code length} bytes from {@code pos}. */
  void read(long pos, byte[] dst, int offset, int length) {
    mapped.read(pos, dst, offset, length);
  }
}
