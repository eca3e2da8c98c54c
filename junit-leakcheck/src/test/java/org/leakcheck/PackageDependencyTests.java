package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The internal packages read as the data flow: they depend on each other without a cycle, and each
 * step only on the steps before it. Read from the compiled classes (their constant pools name every
 * class they use), so Javadoc and string literals do not count and nothing used is missed.
 *
 * <p>The API package {@code org.leakcheck} is left out of the graph: its entry points call the
 * internals and the internals build its result types (through {@code internal.ApiTypes}) and read
 * its keys, so it sits above and below them by design.
 */
class PackageDependencyTests {

  private static final String ROOT = "org.leakcheck";
  private static final Pattern CLASS_NAME = Pattern.compile("org/leakcheck((?:/[a-z]\\w*)*)/[A-Z]");

  /** Internal package (without {@code org.leakcheck.internal}) -> the internal packages it uses. */
  private static Map<String, Set<String>> graph;

  @BeforeAll
  static void readClasses() throws Exception {
    Path classes =
        Path.of(LeakCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes.resolve("org/leakcheck/internal"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (!file.toString().endsWith(".class")) {
          continue;
        }
        String pkg = internalName(classes.relativize(file.getParent()).toString());
        Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        for (String utf8 : utf8Constants(file)) {
          Matcher m = CLASS_NAME.matcher(utf8);
          while (m.find()) {
            String used = m.group(1).replace('/', '.');
            if (used.startsWith(".internal")) {
              String name = internalName("org/leakcheck" + m.group(1));
              if (!name.equals(pkg)) {
                uses.add(name);
              }
            }
          }
        }
      }
    }
    assertThat(graph).containsKeys("analysis.engine", "heap", "check");
  }

  @Test
  void theInternalPackagesHaveNoCycle() {
    List<String> cycles = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
      for (String used : e.getValue()) {
        if (reachable(used).contains(e.getKey())) {
          cycles.add(e.getKey() + " -> " + used + " -> ... -> " + e.getKey());
        }
      }
    }
    assertThat(cycles).as("package cycles among %s", graph).isEmpty();
  }

  @Test
  void eachStepDependsOnlyOnTheStepsBeforeIt() {
    assertThat(graph.get("planted")).as("planted").isEmpty();
    assertThat(graph.get("heap")).as("heap").isEmpty();
    assertThat(graph.get("analysis")).as("the model").doesNotContain("analysis.engine", "heap");
    assertThat(graph.get("analysis.engine"))
        .as("the engine")
        .isSubsetOf("analysis", "heap", "planted");
    assertThat(graph.get("analysis.process"))
        .as("the child process")
        .doesNotContain("dump", "check", "report", "track", "collect");
    assertThat(graph.get("dump")).as("the dump").doesNotContain("check", "report", "track");
    assertThat(graph.get("track")).as("tracking").doesNotContain("check", "dump", "report");
    assertThat(graph.get("report")).as("the report").doesNotContain("check", "dump");
  }

  private static Set<String> reachable(String from) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      for (String next : graph.getOrDefault(todo.pop(), Set.of())) {
        if (seen.add(next)) {
          todo.push(next);
        }
      }
    }
    return seen;
  }

  /** {@code org/leakcheck/internal/analysis/engine} -> {@code analysis.engine}; the root: "". */
  private static String internalName(String path) {
    String name = path.replace('/', '.').replace('\\', '.');
    String prefix = ROOT + ".internal";
    return name.equals(prefix) ? "" : name.substring(prefix.length() + 1);
  }

  /** The UTF-8 constants of a class file: class names, descriptors, signatures (and strings). */
  private static List<String> utf8Constants(Path classFile) throws IOException {
    List<String> result = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(classFile);
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1: // Utf8
            result.add(in.readUTF());
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            in.readInt();
            break;
          case 5: // Long
          case 6: // Double
            in.readLong();
            i++; // takes two entries
            break;
          case 7: // Class
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            in.readUnsignedShort();
            break;
          case 15: // MethodHandle
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          default:
            throw new IOException(classFile + ": unknown constant pool tag " + tag);
        }
      }
    }
    return result;
  }
}
