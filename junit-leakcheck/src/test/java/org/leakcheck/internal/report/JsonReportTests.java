package org.leakcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakedObject;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.ApiTypes;
import org.leakcheck.internal.TestPaths;

class JsonReportTests {

  @Test
  void rendersEachLeakWithItsRootAndRawPath() {
    RetainingPath path =
        TestPaths.retainingPath(
            "static field com.example.Manager.REGISTRY",
            List.of(
                TestPaths.step("java.util.HashMap", ".REGISTRY", null),
                TestPaths.step("com.example.Worker", ".value", "name=\"A\\\\li\nce\"")));
    LeakedObject withPath =
        ApiTypes.leakedObject(
            "Al\"ice", "com.example.Worker", 10, TestPaths.at("T.java:3"), path, null, 48, 2);
    LeakedObject withoutPath =
        TestPaths.leakedObject(
            null, "com.example.Worker", 11, TestPaths.at("T.java:4"), null, "disk full");

    String json =
        JsonReport.render(
            "com.example.T", "leaks", List.of(withPath, withoutPath), Optional.empty());

    assertThat(json)
        .isEqualTo(
            "{\n"
                + "  \"testClass\": \"com.example.T\",\n"
                + "  \"test\": \"leaks\",\n"
                + "  \"heapDump\": null,\n"
                + "  \"leaks\": [\n"
                + "    {\n"
                + "      \"label\": \"Al\\\"ice\",\n"
                + "      \"className\": \"com.example.Worker\",\n"
                + "      \"identityHashCode\": 10,\n"
                + "      \"trackedAt\": \"T.java:3\",\n"
                + "      \"retainedBytes\": 48,\n"
                + "      \"retainedObjects\": 2,\n"
                + "      \"gcRoot\": \"static field com.example.Manager.REGISTRY\",\n"
                + "      \"gcRootKind\": \"STATIC_FIELD\",\n"
                + "      \"path\": [\n"
                + "        {\"className\": \"java.util.HashMap\", \"kind\": \"FIELD\", \"reference\": \".REGISTRY\", \"summary\": null},\n"
                + "        {\"className\": \"com.example.Worker\", \"kind\": \"FIELD\", \"reference\": \".value\", \"summary\": \"name=\\\"A\\\\\\\\li\\nce\\\"\"}\n"
                + "      ]\n"
                + "    },\n"
                + "    {\n"
                + "      \"label\": null,\n"
                + "      \"className\": \"com.example.Worker\",\n"
                + "      \"identityHashCode\": 11,\n"
                + "      \"trackedAt\": \"T.java:4\",\n"
                + "      \"retainedBytes\": null,\n"
                + "      \"retainedObjects\": null,\n"
                + "      \"gcRoot\": null,\n"
                + "      \"gcRootKind\": null,\n"
                + "      \"noPathReason\": \"disk full\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"undecided\": []\n"
                + "}\n");
  }

  @Test
  void listsUndecidedSurvivorsApartFromTheLeaksWithTheReason() {
    // GIVEN a survivor that could not be decided, and no leak
    LeakedObject survivor =
        ApiTypes.undecidedObject(
            "in a field",
            "java.lang.StringBuilder",
            12,
            TestPaths.at("T.java:5"),
            "the heap dump could not be written to /r/t.hprof: No space left on device");

    // WHEN
    String json =
        JsonReport.render(
            "com.example.T", "keeps", List.of(), List.of(survivor), 3, Optional.empty());

    // THEN
    assertThat(json)
        .isEqualTo(
            "{\n"
                + "  \"testClass\": \"com.example.T\",\n"
                + "  \"test\": \"keeps\",\n"
                + "  \"heapDump\": null,\n"
                + "  \"leaks\": [],\n"
                + "  \"undecided\": [\n"
                + "    {\n"
                + "      \"label\": \"in a field\",\n"
                + "      \"className\": \"java.lang.StringBuilder\",\n"
                + "      \"identityHashCode\": 12,\n"
                + "      \"trackedAt\": \"T.java:5\",\n"
                + "      \"survivedCollections\": 3,\n"
                + "      \"reason\": \"the heap dump could not be written to /r/t.hprof: No space left"
                + " on device\"\n"
                + "    }\n"
                + "  ]\n"
                + "}\n");
  }

  @Test
  void escapesControlCharacters() {
    assertThat(JsonReport.str("a\u0001b\tc")).isEqualTo("\"a\\u0001b\\tc\"");
  }
}
