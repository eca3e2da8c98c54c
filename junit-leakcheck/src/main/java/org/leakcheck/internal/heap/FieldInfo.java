package org.leakcheck.internal.heap;

/**
 * An instance field in the layout of a class in the dump.
 *
 * @param name the field name
 * @param type the HPROF type code ({@link HprofTypes})
 * @param offset the offset of the value from the start of the instance's field values in the dump
 * @param declaringClass the class that declares the field
 */
public record FieldInfo(String name, int type, int offset, ClassInfo declaringClass) {

  public boolean isReference() {
    return type == HprofTypes.OBJECT;
  }
}
