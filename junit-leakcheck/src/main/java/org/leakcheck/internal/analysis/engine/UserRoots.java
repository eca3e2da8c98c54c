package org.leakcheck.internal.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.heap.ClassInfo;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofRoot;

/**
 * The roots a group's search starts from: every root of the dump but the stacks of the
 * infrastructure's and the group's checking threads; the classes of the boot loader; and any other
 * class alive whoever holds it (of a permanent loader, or held by the infrastructure), whose
 * statics are then roots.
 */
final class UserRoots {

  private UserRoots() {}

  /** The user roots in the order the search takes them: on equal distance, the first one wins. */
  static List<Root> of(HprofHeap heap, HeapGraph graph, Infrastructure infra, Marks marks) {
    List<Root> list = new ArrayList<>();
    Set<Long> sticky = new HashSet<>();
    for (HprofRoot root : heap.roots()) {
      GcRoot.Kind kind = Root.kindOf(root.tag());
      if (Root.isThreadStack(kind)
          && (infra.runsThread(root.threadSerial())
              || marks.checkingSerials.contains(root.threadSerial()))) {
        continue;
      }
      if (kind == GcRoot.Kind.SYSTEM_CLASS) {
        sticky.add(root.objectId());
      }
      list.add(new Root(kind, root.objectId(), root));
    }
    for (ClassInfo c : heap.classes()) {
      if (sticky.contains(c.id()) || graph.isInfrastructure(c)) {
        continue;
      }
      // A user class is alive as long as anything holds it, whoever holds its loader (Surefire's
      // isolated class loader holds the test classes): its statics are roots then.
      int index = heap.indexOf(c.id());
      if (graph.isPermanentClass(c) || (index >= 0 && infra.owns(index))) {
        list.add(new Root(GcRoot.Kind.CLASS, c.id(), null));
      }
    }
    list.sort(Comparator.comparingInt(r -> priority(r.kind())));
    return list;
  }

  private static int priority(GcRoot.Kind kind) {
    switch (kind) {
      case SYSTEM_CLASS:
        return 0;
      case CLASS:
        return 1;
      case THREAD_OBJECT:
        return 2;
      case JAVA_FRAME:
        return 3;
      case JNI_LOCAL:
        return 4;
      case NATIVE_STACK:
        return 5;
      case THREAD_BLOCK:
        return 6;
      case MONITOR:
        return 7;
      case JNI_GLOBAL:
        return 8;
      default:
        return 9;
    }
  }
}
