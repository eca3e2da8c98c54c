package org.leakcheck.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.config.ReportLocations;
import org.leakcheck.internal.track.CallSite;

/**
 * The machine-readable leak report, one JSON file per test with leaks or undecided survivors,
 * written next to where its heap dump goes ({@code <reportsDir>/<test class>/<test>.json}), for CI
 * tooling. Leaks are under {@code "leaks"}; survivors that could not be decided leaked or not are
 * apart, under {@code "undecided"}, each with the confirmed collections it survived and why no
 * verdict was possible.
 */
public final class JsonReport {

  private JsonReport() {}

  /** Writes the report; a failure to write it never hides the leak itself, so it is ignored. */
  public static Optional<Path> writeQuietly(
      Path reportsDir,
      String testClass,
      String testName,
      List<LeakedObject> leaks,
      List<LeakedObject> undecided,
      int collections,
      Optional<Path> keptDump) {
    try {
      // Owner-only like the dumps: the report quotes map keys and other text from the heap.
      Path dir = ReportLocations.ownerOnlyClassDirectory(reportsDir, testClass);
      Path file = dir.resolve(ReportLocations.fileName(testName) + ".json");
      Files.write(
          file,
          render(testClass, testName, leaks, undecided, collections, keptDump)
              .getBytes(StandardCharsets.UTF_8));
      ReportLocations.restrictToOwner(file, "rw-------");
      return Optional.of(file);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The JSON text of a report with leaks only. */
  public static String render(
      String testClass, String testName, List<LeakedObject> leaks, Optional<Path> keptDump) {
    return render(testClass, testName, leaks, List.of(), 0, keptDump);
  }

  /** The JSON text. */
  public static String render(
      String testClass,
      String testName,
      List<LeakedObject> leaks,
      List<LeakedObject> undecided,
      int collections,
      Optional<Path> keptDump) {
    StringBuilder out = new StringBuilder();
    out.append("{\n");
    out.append("  \"testClass\": ").append(str(testClass)).append(",\n");
    out.append("  \"test\": ").append(str(testName)).append(",\n");
    out.append("  \"heapDump\": ")
        .append(keptDump.map(p -> str(p.toString())).orElse("null"))
        .append(",\n");
    out.append("  \"leaks\": [");
    for (int i = 0; i < leaks.size(); i++) {
      LeakedObject leak = leaks.get(i);
      out.append(i == 0 ? "\n" : ",\n");
      out.append("    {\n");
      out.append("      \"label\": ")
          .append(leak.label().map(JsonReport::str).orElse("null"))
          .append(",\n");
      out.append("      \"className\": ").append(str(leak.className())).append(",\n");
      out.append("      \"identityHashCode\": ").append(leak.identityHashCode()).append(",\n");
      out.append("      \"trackedAt\": ")
          .append(str(CallSite.describe(leak.trackedAt())))
          .append(",\n");
      out.append("      \"retainedBytes\": ")
          .append(
              leak.retainedBytes().isPresent()
                  ? String.valueOf(leak.retainedBytes().getAsLong())
                  : "null")
          .append(",\n");
      out.append("      \"retainedObjects\": ")
          .append(
              leak.retainedObjects().isPresent()
                  ? String.valueOf(leak.retainedObjects().getAsLong())
                  : "null")
          .append(",\n");
      if (leak.retainingPath().isPresent()) {
        RetainingPath path = leak.retainingPath().get();
        out.append("      \"gcRoot\": ").append(str(path.root().description())).append(",\n");
        out.append("      \"gcRootKind\": ").append(str(path.root().kind().name())).append(",\n");
        out.append("      \"path\": [");
        List<RetainingPath.Step> steps = path.steps();
        for (int j = 0; j < steps.size(); j++) {
          RetainingPath.Step step = steps.get(j);
          out.append(j == 0 ? "\n" : ",\n");
          out.append("        {\"className\": ")
              .append(str(step.className()))
              .append(", \"kind\": ")
              .append(str(step.kind().name()))
              .append(", \"reference\": ")
              .append(str(step.reference()))
              .append(", \"summary\": ")
              .append(step.summary().map(JsonReport::str).orElse("null"))
              .append("}");
        }
        out.append("\n      ]\n");
      } else {
        out.append("      \"gcRoot\": null,\n");
        out.append("      \"gcRootKind\": null,\n");
        out.append("      \"noPathReason\": ")
            .append(str(leak.noPathReason().orElse("")))
            .append("\n");
      }
      out.append("    }");
    }
    out.append(leaks.isEmpty() ? "],\n" : "\n  ],\n");
    out.append("  \"undecided\": [");
    for (int i = 0; i < undecided.size(); i++) {
      LeakedObject u = undecided.get(i);
      out.append(i == 0 ? "\n" : ",\n");
      out.append("    {\n");
      out.append("      \"label\": ")
          .append(u.label().map(JsonReport::str).orElse("null"))
          .append(",\n");
      out.append("      \"className\": ").append(str(u.className())).append(",\n");
      out.append("      \"identityHashCode\": ").append(u.identityHashCode()).append(",\n");
      out.append("      \"trackedAt\": ")
          .append(str(CallSite.describe(u.trackedAt())))
          .append(",\n");
      out.append("      \"survivedCollections\": ").append(collections).append(",\n");
      out.append("      \"reason\": ").append(str(u.undecidedReason().orElse(""))).append("\n");
      out.append("    }");
    }
    out.append(undecided.isEmpty() ? "]\n" : "\n  ]\n");
    out.append("}\n");
    return out.toString();
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
