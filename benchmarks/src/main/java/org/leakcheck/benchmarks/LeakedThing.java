package org.leakcheck.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The object a leak scenario leaks: held by {@link #REGISTRY}, found by class name by Shark. */
final class LeakedThing {

  /** The GC root of the leak: a static field, the most common real-world root. */
  static final List<Object> REGISTRY = new ArrayList<>();

  final byte[] state = new byte[256];
}
