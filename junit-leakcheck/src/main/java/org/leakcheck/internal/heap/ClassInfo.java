package org.leakcheck.internal.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A class of the dump (its CLASS DUMP record): name, super class, loader, static field values and
 * instance field layout. Instances hold their field values class first, then its super class, and
 * so on up the hierarchy, which is the order of {@link #fields()}.
 */
public final class ClassInfo {

  private final long id;
  private final long superId;
  private final long loaderId;
  private final long signersId;
  private final long protectionDomainId;
  private final long[] declaredFieldNameIds;
  private final byte[] declaredFieldTypes;
  private final long[] staticNameIds;
  private final byte[] staticTypes;
  private final long[] staticValues;
  private final int ordinal;
  private final int idSize;

  private String name;
  private ClassInfo superclass;
  private List<StaticField> statics;
  private String[] declaredFieldNames;
  private List<FieldInfo> fields;

  ClassInfo(
      long id,
      long superId,
      long loaderId,
      long signersId,
      long protectionDomainId,
      long[] declaredFieldNameIds,
      byte[] declaredFieldTypes,
      long[] staticNameIds,
      byte[] staticTypes,
      long[] staticValues,
      int ordinal,
      int idSize) {
    this.id = id;
    this.superId = superId;
    this.loaderId = loaderId;
    this.signersId = signersId;
    this.protectionDomainId = protectionDomainId;
    this.declaredFieldNameIds = declaredFieldNameIds;
    this.declaredFieldTypes = declaredFieldTypes;
    this.staticNameIds = staticNameIds;
    this.staticTypes = staticTypes;
    this.staticValues = staticValues;
    this.ordinal = ordinal;
    this.idSize = idSize;
  }

  /** Resolves names and the super class once the whole file has been read. */
  void link(ClassTable classes, SymbolTable symbols, String className) {
    this.name = className;
    this.superclass = superId == 0 ? null : classes.byId(superId);
    declaredFieldNames = new String[declaredFieldNameIds.length];
    for (int i = 0; i < declaredFieldNameIds.length; i++) {
      declaredFieldNames[i] = symbols.symbol(declaredFieldNameIds[i]);
    }
    List<StaticField> list = new ArrayList<>(staticNameIds.length);
    for (int i = 0; i < staticNameIds.length; i++) {
      list.add(new StaticField(symbols.symbol(staticNameIds[i]), staticTypes[i], staticValues[i]));
    }
    statics = Collections.unmodifiableList(list);
  }

  /** The class object's id. */
  public long id() {
    return id;
  }

  /** Dense number of this class among the classes of the dump, from 0: for per-class arrays. */
  public int ordinal() {
    return ordinal;
  }

  /** The name in {@link Class#getName()} form, arrays in source form ({@code byte[]}). */
  public String name() {
    return name;
  }

  public long superId() {
    return superId;
  }

  /** The defining loader's object id, 0 for the boot loader. */
  public long loaderId() {
    return loaderId;
  }

  public long signersId() {
    return signersId;
  }

  public long protectionDomainId() {
    return protectionDomainId;
  }

  public List<StaticField> statics() {
    return statics;
  }

  /** Whether this class is {@code className} or a subclass of it. */
  public boolean isSubclassOf(String className) {
    for (ClassInfo c = this; c != null; c = c.superclass) {
      if (c.name.equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** All instance fields, inherited ones included, in the order of the values in an instance. */
  public synchronized List<FieldInfo> fields() {
    if (fields == null) {
      List<FieldInfo> list = new ArrayList<>();
      int offset = 0;
      int depth = 0;
      for (ClassInfo c = this; c != null && depth < 10_000; c = c.superclass, depth++) {
        for (int i = 0; i < c.declaredFieldTypes.length; i++) {
          int type = c.declaredFieldTypes[i];
          list.add(new FieldInfo(c.declaredFieldNames[i], type, offset, c));
          offset += HprofTypes.sizeInDump(type, idSize);
        }
      }
      fields = Collections.unmodifiableList(list);
    }
    return fields;
  }

  /** The most derived field with this name, or {@code null}. */
  public FieldInfo field(String fieldName) {
    for (FieldInfo f : fields()) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The field with this name declared in the class named {@code declaringClass}, or {@code null}.
   */
  public FieldInfo field(String fieldName, String declaringClass) {
    for (FieldInfo f : fields()) {
      if (f.name().equals(fieldName) && f.declaringClass().name().equals(declaringClass)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return name + "@0x" + Long.toHexString(id) + Arrays.toString(declaredFieldNames);
  }
}
