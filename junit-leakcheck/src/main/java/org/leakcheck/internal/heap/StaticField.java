package org.leakcheck.internal.heap;

/**
 * A static field of a class with its value, as the CLASS DUMP record holds it. HotSpot adds
 * pseudo-fields such as {@code <resolved_references>} (the constant pool's resolved objects).
 *
 * @param name the field name
 * @param type the HPROF type code
 * @param value an object id for references, otherwise the raw bits of the value
 */
public record StaticField(String name, int type, long value) {

  public boolean isReference() {
    return type == HprofTypes.OBJECT;
  }
}
