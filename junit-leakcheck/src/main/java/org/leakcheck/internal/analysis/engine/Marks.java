package org.leakcheck.internal.analysis.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The markers of one or more marker requests, as object indices: what a group's search reaches but
 * does not enter (excluded objects, test instances), and whose stacks are not roots (the checking
 * threads).
 */
final class Marks {
  final BitSet blocked = new BitSet();
  final List<Integer> testInstances = new ArrayList<>();
  final Set<Integer> checkingSerials = new HashSet<>();
  final BitSet checkingThreads = new BitSet();

  void addAll(Marks other) {
    blocked.or(other.blocked);
    testInstances.addAll(other.testInstances);
    checkingSerials.addAll(other.checkingSerials);
    checkingThreads.or(other.checkingThreads);
  }
}
