package org.leakcheck.internal.analysis.engine;

import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.heap.HprofHeap;
import org.leakcheck.internal.heap.HprofRoot;

/** A GC root of the search: its kind, object and (for the dump's root records) its record. */
record Root(GcRoot.Kind kind, long objectId, HprofRoot record) {

  static GcRoot.Kind kindOf(int tag) {
    switch (tag) {
      case HprofHeap.ROOT_JNI_GLOBAL:
        return GcRoot.Kind.JNI_GLOBAL;
      case HprofHeap.ROOT_JNI_LOCAL:
        return GcRoot.Kind.JNI_LOCAL;
      case HprofHeap.ROOT_JAVA_FRAME:
        return GcRoot.Kind.JAVA_FRAME;
      case HprofHeap.ROOT_NATIVE_STACK:
        return GcRoot.Kind.NATIVE_STACK;
      case HprofHeap.ROOT_STICKY_CLASS:
        return GcRoot.Kind.SYSTEM_CLASS;
      case HprofHeap.ROOT_THREAD_BLOCK:
        return GcRoot.Kind.THREAD_BLOCK;
      case HprofHeap.ROOT_MONITOR_USED:
        return GcRoot.Kind.MONITOR;
      case HprofHeap.ROOT_THREAD_OBJECT:
        return GcRoot.Kind.THREAD_OBJECT;
      default:
        return GcRoot.Kind.UNKNOWN;
    }
  }

  /** Whether a root of this kind is a slot of a thread's stack. */
  static boolean isThreadStack(GcRoot.Kind kind) {
    return kind == GcRoot.Kind.JAVA_FRAME
        || kind == GcRoot.Kind.JNI_LOCAL
        || kind == GcRoot.Kind.NATIVE_STACK
        || kind == GcRoot.Kind.THREAD_BLOCK;
  }
}
