package org.leakcheck.benchmarks;

/** What a passing test tracks: a small object graph that is garbage when the check runs. */
final class Garbage {
  final byte[] state = new byte[64];
  final Object[] children = {new Object(), new StringBuilder("child")};
}
