package org.leakcheck.internal.heap;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, big-endian view of a whole file through memory mappings of at most {@code
 * 2^chunkBits} bytes each (1 GiB by default).
 *
 * <p>Consecutive mappings overlap by {@link #OVERLAP} bytes, so a primitive value that starts in
 * one chunk is always read whole from that chunk; only bulk reads ({@link #read(long, byte[], int,
 * int)}) may need to cross mappings, which they do byte range by byte range.
 */
final class MappedFile {

  static final int DEFAULT_CHUNK_BITS = 30;
  static final int OVERLAP = 16;

  private final MappedByteBuffer[] chunks;
  private final int chunkBits;
  private final long chunkMask;
  private final long size;

  MappedFile(Path file, int chunkBits) throws IOException {
    if (chunkBits < 4 || chunkBits > 30) {
      throw new IllegalArgumentException("chunkBits " + chunkBits);
    }
    this.chunkBits = chunkBits;
    this.chunkMask = (1L << chunkBits) - 1;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      this.size = channel.size();
      int count = (int) ((size + chunkMask) >>> chunkBits);
      chunks = new MappedByteBuffer[count];
      for (int i = 0; i < count; i++) {
        long start = (long) i << chunkBits;
        long length = Math.min(size - start, (1L << chunkBits) + OVERLAP);
        chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
      }
    }
  }

  long size() {
    return size;
  }

  byte get(long pos) {
    return chunks[(int) (pos >>> chunkBits)].get((int) (pos & chunkMask));
  }

  int getUnsignedByte(long pos) {
    return get(pos) & 0xFF;
  }

  short getShort(long pos) {
    return chunks[(int) (pos >>> chunkBits)].getShort((int) (pos & chunkMask));
  }

  int getInt(long pos) {
    return chunks[(int) (pos >>> chunkBits)].getInt((int) (pos & chunkMask));
  }

  long getLong(long pos) {
    return chunks[(int) (pos >>> chunkBits)].getLong((int) (pos & chunkMask));
  }

  /** Copies {@code length} bytes from {@code pos}, across mappings if needed. */
  void read(long pos, byte[] dst, int offset, int length) {
    while (length > 0) {
      MappedByteBuffer chunk = chunks[(int) (pos >>> chunkBits)];
      int local = (int) (pos & chunkMask);
      int n = Math.min(length, (int) Math.min(Integer.MAX_VALUE, (1L << chunkBits) - local));
      chunk.get(local, dst, offset, n);
      pos += n;
      offset += n;
      length -= n;
    }
  }
}
