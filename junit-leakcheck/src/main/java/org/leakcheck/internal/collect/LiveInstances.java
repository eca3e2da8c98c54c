package org.leakcheck.internal.collect;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Counts the live instances of types in this JVM without a heap dump, through two HotSpot
 * diagnostic commands run in process: {@code VM.class_hierarchy} names the loaded classes that are
 * a type or a subtype of it (interfaces included, with {@code -i}), and {@code GC.class_histogram}
 * forces a full collection (under {@code -XX:+DisableExplicitGC} too) and counts the instances of
 * every class.
 *
 * <p>Both commands name classes, not class loaders: the names of a type's subtypes are taken over
 * every loader that defines a class of that name, so a count may include instances of a class of
 * the same name in another loader; it is never lower than the true count. A count of zero is
 * therefore exact; a count above zero is decided by a heap dump, which knows the loaders.
 */
public final class LiveInstances {

  private static final String MBEAN = "com.sun.management:type=DiagnosticCommand";

  /** {@code 1: 12 288 com.example.Connection (module)}: instances, bytes, name. */
  private static final Pattern HISTOGRAM_ROW =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");

  /** {@code | |--com.example.Pool/0x0000… (intf)} or {@code | implements com.example.X/null …}. */
  private static final Pattern HIERARCHY_ROW =
      Pattern.compile("^([| ]*)(\\|--|implements )(\\S+)/(\\S+?)(?: \\((.*)\\))?$");

  /** Subtypes by type, with the class loading counts they were found at. */
  private static final Map<Class<?>, Cached> CACHE = new WeakHashMap<>();

  private record Cached(Subtypes subtypes, long loaded, long unloaded) {}

  private LiveInstances() {}

  /**
   * The loaded classes that are {@code type} or a subtype of it, by name.
   *
   * @param names the class names (hidden classes with their {@code /0x…} suffix); for an interface,
   *     the classes implementing it and its subinterfaces
   * @param copies how many loaded classes carry {@code type}'s name (several class loaders may
   *     define one)
   */
  public record Subtypes(Set<String> names, int copies) {
    public Subtypes {
      names = Set.copyOf(names);
    }
  }

  /**
   * The subtypes of an element type (not an array, not a primitive), by name; cached until a class
   * is loaded or unloaded. Empty when this JVM has no {@code VM.class_hierarchy} command.
   */
  public static Optional<Subtypes> subtypesOf(Class<?> type) {
    ClassLoadingMXBean loading = ManagementFactory.getClassLoadingMXBean();
    long loaded = loading.getTotalLoadedClassCount();
    long unloaded = loading.getUnloadedClassCount();
    synchronized (CACHE) {
      Cached cached = CACHE.get(type);
      if (cached != null && cached.loaded() == loaded && cached.unloaded() == unloaded) {
        return Optional.of(cached.subtypes());
      }
    }
    Optional<String> hierarchy =
        run(
            "vmClassHierarchy",
            type.isInterface() ? new String[] {"-i"} : new String[] {"-s", type.getName()});
    if (hierarchy.isEmpty()) {
      return Optional.empty();
    }
    Subtypes subtypes = parseHierarchy(hierarchy.get(), type.getName(), type.isInterface());
    synchronized (CACHE) {
      CACHE.put(type, new Cached(subtypes, loaded, unloaded));
    }
    return Optional.of(subtypes);
  }

  /**
   * Forces a full collection and counts the live instances of every class, by the name the
   * histogram gives ({@code com.example.Connection}, arrays as {@code [Lcom.example.Connection;},
   * hidden classes with their {@code /0x…} suffix); several classes of one name are summed. Empty
   * when this JVM has no {@code GC.class_histogram} command.
   */
  public static Optional<Map<String, Long>> histogram() {
    return run("gcClassHistogram", new String[0]).map(LiveInstances::parseHistogram);
  }

  /**
   * How many live instances the histogram counts of the classes named {@code elementNames}, or of
   * their arrays of {@code dimensions}.
   */
  public static long count(Map<String, Long> histogram, Set<String> elementNames, int dimensions) {
    long count = 0;
    for (String name : elementNames) {
      String key = dimensions == 0 ? name : "[".repeat(dimensions) + "L" + name + ";";
      count += histogram.getOrDefault(key, 0L);
    }
    return count;
  }

  static Map<String, Long> parseHistogram(String text) {
    Map<String, Long> counts = new HashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = HISTOGRAM_ROW.matcher(line);
      if (m.find()) {
        counts.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
      }
    }
    return counts;
  }

  /**
   * The subtypes of {@code typeName} in {@code VM.class_hierarchy} output: for a class ({@code -s}
   * output) the class and every class below it; for an interface ({@code -i} output) every class
   * whose {@code implements} lines name it, declared or inherited.
   */
  static Subtypes parseHierarchy(String text, String typeName, boolean isInterface) {
    Set<String> names = new LinkedHashSet<>();
    Set<String> copies = new LinkedHashSet<>();
    int subtreeDepth = -1; // depth of the type's row while in its subtree (classes only)
    String currentClass = null;
    for (String line : text.split("\n")) {
      Matcher m = HIERARCHY_ROW.matcher(line);
      if (!m.matches()) {
        continue;
      }
      int depth = m.group(1).length();
      String name = m.group(3);
      String loader = m.group(4);
      boolean implementsRow = m.group(2).startsWith("implements");
      if (!implementsRow) {
        // a hidden class's name carries /0x…: the loader is the last segment
        currentClass = name;
        if (name.equals(typeName)) {
          copies.add(loader);
        }
        if (!isInterface) {
          if (subtreeDepth >= 0 && depth <= subtreeDepth) {
            subtreeDepth = -1;
          }
          if (name.equals(typeName) && subtreeDepth < 0) {
            subtreeDepth = depth;
          }
          if (subtreeDepth >= 0) {
            names.add(name);
          }
        }
      } else if (isInterface && name.equals(typeName) && currentClass != null) {
        names.add(currentClass);
      }
    }
    return new Subtypes(names, Math.max(1, copies.size()));
  }

  private static Optional<String> run(String operation, String[] arguments) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object out =
          server.invoke(
              new ObjectName(MBEAN),
              operation,
              new Object[] {arguments},
              new String[] {String[].class.getName()});
      return out instanceof String ? Optional.of((String) out) : Optional.empty();
    } catch (JMException | RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }
}
