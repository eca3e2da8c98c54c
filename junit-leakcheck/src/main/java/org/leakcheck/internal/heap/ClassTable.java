package org.leakcheck.internal.heap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The classes of a dump (its CLASS DUMP records) by ordinal and by class object id. Once the whole
 * file has been read, {@link #link} gives them their names and super classes.
 */
final class ClassTable {

  private final LongLongMap ordinals = new LongLongMap(); // class id -> ordinal
  private final List<ClassInfo> classes = new ArrayList<>();
  private final List<ClassInfo> view = Collections.unmodifiableList(classes);

  /** The ordinal the next class added gets. */
  int nextOrdinal() {
    return classes.size();
  }

  /** Adds a class, whose ordinal must be {@link #nextOrdinal()}. */
  void add(ClassInfo c) {
    classes.add(c);
    ordinals.put(c.id(), c.ordinal());
  }

  /** Names the classes (from the LOAD CLASS records) and resolves their super classes. */
  void link(SymbolTable symbols) {
    for (ClassInfo c : classes) {
      String name = symbols.className(c.id());
      c.link(this, symbols, name == null ? "unknown class 0x" + Long.toHexString(c.id()) : name);
    }
  }

  /** The class with this class object id, or {@code null}. */
  ClassInfo byId(long classId) {
    int ordinal = (int) ordinals.get(classId, -1);
    return ordinal < 0 ? null : classes.get(ordinal);
  }

  /** All classes, by ordinal. */
  List<ClassInfo> all() {
    return view;
  }

  /** All classes with this name (several loaders may define one). */
  List<ClassInfo> named(String name) {
    List<ClassInfo> result = new ArrayList<>(1);
    for (ClassInfo c : classes) {
      if (c.name().equals(name)) {
        result.add(c);
      }
    }
    return result;
  }

  int size() {
    return classes.size();
  }
}
