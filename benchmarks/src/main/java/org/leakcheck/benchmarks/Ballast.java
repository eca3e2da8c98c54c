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

  /**
   * Replaces the live heap with about {@code megabytes} MB shaped like an application's data:
   * records in hash maps keyed by strings, each record a map of attributes (unique strings, boxed
   * numbers) and a list, so that a dump has the strings, collections and object arrays of a real
   * test JVM instead of one uniform linked list.
   */
  static void fillApplicationShaped(int megabytes) {
    long records = (long) megabytes * (1 << 20) / BYTES_PER_RECORD;
    int shards = 64;
    java.util.List<java.util.Map<String, Record>> maps = new java.util.ArrayList<>();
    for (int i = 0; i < shards; i++) {
      maps.add(new java.util.HashMap<>());
    }
    for (long id = 0; id < records; id++) {
      java.util.Map<String, Object> attributes = new java.util.HashMap<>();
      attributes.put("name", "customer-" + id);
      attributes.put("email", "c" + id + "@example.com");
      attributes.put("balance", Long.valueOf(100_000 + id));
      java.util.List<Integer> orders = new java.util.ArrayList<>();
      for (int o = 0; o < 3; o++) {
        orders.add(Integer.valueOf(1_000 + (int) (id * 3 + o)));
      }
      maps.get((int) (id % shards)).put("id-" + id, new Record(id, attributes, orders));
    }
    live = maps.toArray();
  }

  /** Bytes per record of {@link #fillApplicationShaped}, measured with G1 and compressed oops. */
  private static final int BYTES_PER_RECORD = 700;

  static final class Record {
    final long id;
    final java.util.Map<String, Object> attributes;
    final java.util.List<Integer> orders;

    Record(long id, java.util.Map<String, Object> attributes, java.util.List<Integer> orders) {
      this.id = id;
      this.attributes = attributes;
      this.orders = orders;
    }
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
