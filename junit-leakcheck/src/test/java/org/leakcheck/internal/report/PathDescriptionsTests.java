package org.leakcheck.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakcheck.RetainingPath;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.PathStep;

/** How the analysis's raw path becomes the root line and steps a person reads. */
class PathDescriptionsTests {

  private static PathStep step(String className, EdgeKind kind, String name, String summary) {
    return new PathStep(1, className, kind, name, -1, null, 16, summary);
  }

  private static PathStep classObject(String name, EdgeKind kind, String edgeName) {
    return new PathStep(1, "java.lang.Class", kind, edgeName, -1, null, 16, name);
  }

  private static org.leakcheck.internal.analysis.HeapPath path(GcRoot root, PathStep... steps) {
    return new org.leakcheck.internal.analysis.HeapPath(root, List.of(steps));
  }

  private static GcRoot root(GcRoot.Kind kind, String className, String thread) {
    return new GcRoot(kind, 1, className, thread, null);
  }

  @Test
  void aStaticFieldOfARootClassIsTheRoot() {
    // GIVEN a class (never unloaded) whose static field holds the chain
    org.leakcheck.internal.analysis.HeapPath raw =
        path(
            root(GcRoot.Kind.CLASS, "com.example.Manager", null),
            classObject("com.example.Manager", EdgeKind.ROOT, null),
            step("java.util.ArrayList", EdgeKind.STATIC_FIELD, "REGISTRY", null),
            step("com.example.Worker", EdgeKind.ARRAY_ELEMENT, null, null));

    // WHEN
    RetainingPath path = PathDescriptions.toPublic(raw);

    // THEN
    assertThat(path.root().description()).isEqualTo("static field com.example.Manager.REGISTRY");
    assertThat(path.steps())
        .extracting(RetainingPath.Step::className)
        .containsExactly("java.util.ArrayList", "com.example.Worker");
  }

  @Test
  void aStaticFieldOfAClassReachedThroughItsLoaderIsNoRoot() {
    // GIVEN a plugin class reached from a live thread through its class loader
    org.leakcheck.internal.analysis.HeapPath raw =
        path(
            root(GcRoot.Kind.THREAD_OBJECT, "java.lang.Thread", "main"),
            step("java.lang.Thread", EdgeKind.ROOT, null, "main"),
            step("java.net.URLClassLoader", EdgeKind.FIELD, "contextClassLoader", null),
            classObject("com.example.plugin.Plugin", EdgeKind.DEFINED_CLASS, null),
            step("com.example.plugin.Plugin", EdgeKind.STATIC_FIELD, "INSTANCE", null));

    // WHEN
    RetainingPath path = PathDescriptions.toPublic(raw);

    // THEN the real root, and the loader that keeps the class, stay on the path
    assertThat(path.root().description()).isEqualTo("thread \"main\"");
    assertThat(path.steps())
        .extracting(RetainingPath.Step::reference)
        .containsExactly("(the thread)", ".contextClassLoader", "<defined class>", ".INSTANCE");
    assertThat(path.steps().get(2).className()).isEqualTo("class com.example.plugin.Plugin");
  }

  @Test
  void aPseudoStaticOfHotSpotIsNoFieldToCut() {
    org.leakcheck.internal.analysis.HeapPath raw =
        path(
            root(GcRoot.Kind.SYSTEM_CLASS, "java.lang.String", null),
            classObject("java.lang.String", EdgeKind.ROOT, null),
            step("java.lang.Object[]", EdgeKind.STATIC_FIELD, "<resolved_references>", null),
            step("com.example.Worker", EdgeKind.ARRAY_ELEMENT, null, null));

    assertThat(PathDescriptions.toPublic(raw).root().description())
        .isEqualTo("system class java.lang.String");
  }

  @Test
  void namesEveryKindOfRootAsAPersonFindsIt() {
    GcRoot.Frame frame = new GcRoot.Frame("com.example.Poller", "poll", "Poller.java", 42);
    assertThat(
            PathDescriptions.describe(
                new GcRoot(GcRoot.Kind.JAVA_FRAME, 1, "java.lang.Object", "poller-1", frame)))
        .isEqualTo(
            "local variable in thread \"poller-1\", frame com.example.Poller.poll(Poller.java:42)");
    assertThat(PathDescriptions.describe(root(GcRoot.Kind.JNI_GLOBAL, "java.lang.Object", null)))
        .isEqualTo("JNI global reference");
    assertThat(PathDescriptions.describe(root(GcRoot.Kind.SYSTEM_CLASS, "java.lang.System", null)))
        .isEqualTo("system class java.lang.System");
    assertThat(PathDescriptions.describe(root(GcRoot.Kind.MONITOR, "java.lang.Object", null)))
        .isEqualTo("monitor held by a synchronized block or method");
    assertThat(
            PathDescriptions.describe(root(GcRoot.Kind.THREAD_BLOCK, "java.lang.Object", "main")))
        .isEqualTo("object blocking thread \"main\"");
    assertThat(PathDescriptions.describe(root(GcRoot.Kind.THREAD_OBJECT, "java.lang.Thread", null)))
        .isEqualTo("thread (unnamed)");
  }
}
