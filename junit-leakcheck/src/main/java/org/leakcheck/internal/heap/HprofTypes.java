package org.leakcheck.internal.heap;

/** The HPROF basic type codes and their sizes in a dump. */
public final class HprofTypes {

  public static final int OBJECT = 2;
  public static final int BOOLEAN = 4;
  public static final int CHAR = 5;
  public static final int FLOAT = 6;
  public static final int DOUBLE = 7;
  public static final int BYTE = 8;
  public static final int SHORT = 9;
  public static final int INT = 10;
  public static final int LONG = 11;

  private HprofTypes() {}

  /** Size in bytes of a value of {@code type} in the dump; -1 for an unknown type code. */
  static int sizeInDump(int type, int idSize) {
    switch (type) {
      case OBJECT:
        return idSize;
      case BOOLEAN:
      case BYTE:
        return 1;
      case CHAR:
      case SHORT:
        return 2;
      case FLOAT:
      case INT:
        return 4;
      case DOUBLE:
      case LONG:
        return 8;
      default:
        return -1;
    }
  }

  /** Size in bytes of a value of {@code type} in the running heap, for size estimates. */
  public static int sizeInHeap(int type, boolean compressedReferences) {
    return type == OBJECT ? (compressedReferences ? 4 : 8) : sizeInDump(type, 8);
  }

  /** The Java name of a primitive type code ({@code "int"}), or {@code "?"}. */
  public static String javaName(int type) {
    switch (type) {
      case OBJECT:
        return "java.lang.Object";
      case BOOLEAN:
        return "boolean";
      case CHAR:
        return "char";
      case FLOAT:
        return "float";
      case DOUBLE:
        return "double";
      case BYTE:
        return "byte";
      case SHORT:
        return "short";
      case INT:
        return "int";
      case LONG:
        return "long";
      default:
        return "?";
    }
  }

  /**
   * Converts a class name as HotSpot writes it ({@code java/lang/String}, {@code
   * [Ljava/lang/Object;}, {@code [B}) to the form of {@link Class#getName()} for plain classes and
   * to the source form for arrays ({@code java.lang.Object[]}, {@code byte[]}). Hidden classes keep
   * the suffix the dump gives them: HotSpot writes {@code com/x/Foo$$Lambda+0x0000...} (shown
   * {@code com.x.Foo$$Lambda+0x0000...}) where {@link Class#getName()} has a {@code /}.
   */
  static String javaClassName(String internal) {
    int dims = 0;
    while (dims < internal.length() && internal.charAt(dims) == '[') {
      dims++;
    }
    if (dims == 0) {
      return plainName(internal);
    }
    String element = internal.substring(dims);
    String base;
    if (element.startsWith("L") && element.endsWith(";")) {
      base = plainName(element.substring(1, element.length() - 1));
    } else if (element.length() == 1) {
      base = primitiveDescriptor(element.charAt(0));
    } else {
      base = plainName(element);
    }
    StringBuilder sb = new StringBuilder(base.length() + 2 * dims).append(base);
    for (int i = 0; i < dims; i++) {
      sb.append("[]");
    }
    return sb.toString();
  }

  private static String primitiveDescriptor(char c) {
    switch (c) {
      case 'Z':
        return "boolean";
      case 'B':
        return "byte";
      case 'C':
        return "char";
      case 'S':
        return "short";
      case 'I':
        return "int";
      case 'J':
        return "long";
      case 'F':
        return "float";
      case 'D':
        return "double";
      default:
        return String.valueOf(c);
    }
  }

  private static String plainName(String internal) {
    // A hidden class keeps the "/0x..." suffix of its name, as Class.getName() shows it.
    int hidden = internal.lastIndexOf("/0x");
    if (hidden > 0) {
      return internal.substring(0, hidden).replace('/', '.') + internal.substring(hidden);
    }
    return internal.replace('/', '.');
  }
}
