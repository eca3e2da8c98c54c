package org.leakcheck.benchmarks;

/**
 * A live heap of a chosen size, shaped like an application's: small objects, about 50 bytes each on
 * average (a 32-byte node and a 48..80-byte array), linked so that the collector and a heap dump
 * reader have a graph to walk, not a few big arrays.
 */
final class Ballast {

  /** Bytes per node with its payload, measured with G1 and compressed oops. */
  private static final int BYTES_PER_NODE = 96;

  private static volatile Object[] live = new Object[0];

  private Ballast() {}

  /** Replaces the live heap with about {@code megabytes} MB of nodes. */
  static void fill(int megabytes) {
    long nodes = (long) megabytes * (1 << 20) / BYTES_PER_NODE;
    int chunkSize = 4096;
    Object[] chunks = new Object[(int) ((nodes + chunkSize - 1) / chunkSize)];
    long id = 0;
    for (int c = 0; c < chunks.length; c++) {
      Node head = null;
      for (int i = 0; i < chunkSize && id < nodes; i++, id++) {
        head = new Node(id, head, new byte[32 + (int) (id % 32)]);
      }
      chunks[c] = head;
    }
    live = chunks;
  }

  /** How many chunks are held (keeps the field read). */
  static int size() {
    return live.length;
  }

  static final class Node {
    final long id;
    final Node next;
    final byte[] payload;

    Node(long id, Node next, byte[] payload) {
      this.id = id;
      this.next = next;
      this.payload = payload;
    }
  }
}
