package org.leakcheck.internal.analysis.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakcheck.internal.analysis.AnalysisRequest;
import org.leakcheck.internal.analysis.AnalysisResult;
import org.leakcheck.internal.analysis.EdgeKind;
import org.leakcheck.internal.analysis.GcRoot;
import org.leakcheck.internal.analysis.HeapPath;
import org.leakcheck.internal.analysis.PathStep;
import org.leakcheck.internal.analysis.RetainedTestInstance;
import org.leakcheck.internal.analysis.SurvivingInstances;
import org.leakcheck.internal.analysis.TrackedVerdict;
import org.leakcheck.internal.analysis.TypeQuery;
import org.leakcheck.internal.analysis.Verdict;

/**
 * The binary request and result files exchanged with the analyser JVM ({@link AnalyzerMain}). Both
 * sides are the same library version: a magic number and a version guard against a stale file,
 * nothing more.
 */
final class Wire {

  static final int MAGIC = 0x4C4B4348; // "LKCH"
  static final int VERSION = 3;

  static final byte OK = 0;
  static final byte FAILED = 1;
  static final byte OUT_OF_MEMORY = 2;
  static final byte UNREADABLE = 3;

  private Wire() {}

  static void writeRequest(DataOutputStream out, AnalysisRequest request) throws IOException {
    header(out);
    writeString(out, request.dump().toAbsolutePath().toString());
    out.writeInt(request.groups().size());
    for (AnalysisRequest.Group group : request.groups()) {
      out.writeInt(group.markerRequests().size());
      for (long marker : group.markerRequests()) {
        out.writeLong(marker);
      }
      out.writeInt(group.serials().size());
      for (long serial : group.serials()) {
        out.writeLong(serial);
      }
      out.writeInt(group.types().size());
      for (TypeQuery q : group.types()) {
        out.writeLong(q.id());
        writeString(out, q.typeName());
        out.writeInt(q.dimensions());
        out.writeBoolean(q.isInterface());
        out.writeBoolean(q.ownLoaderOnly());
        out.writeInt(q.implementers().size());
        for (String name : q.implementers()) {
          writeString(out, name);
        }
      }
    }
    out.writeLong(request.libraryCopy());
    out.writeInt(request.excludedClassPrefixes().size());
    for (String prefix : request.excludedClassPrefixes()) {
      writeString(out, prefix);
    }
    out.writeBoolean(request.retainedSizes());
  }

  static AnalysisRequest readRequest(DataInputStream in) throws IOException {
    checkHeader(in);
    Path dump = Path.of(readString(in));
    List<AnalysisRequest.Group> groups = new ArrayList<>();
    for (int g = in.readInt(); g > 0; g--) {
      Set<Long> markers = new LinkedHashSet<>();
      for (int i = in.readInt(); i > 0; i--) {
        markers.add(in.readLong());
      }
      Set<Long> serials = new LinkedHashSet<>();
      for (int i = in.readInt(); i > 0; i--) {
        serials.add(in.readLong());
      }
      List<TypeQuery> types = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        long id = in.readLong();
        String typeName = readString(in);
        int dimensions = in.readInt();
        boolean isInterface = in.readBoolean();
        boolean ownLoaderOnly = in.readBoolean();
        Set<String> implementers = new LinkedHashSet<>();
        for (int k = in.readInt(); k > 0; k--) {
          implementers.add(readString(in));
        }
        types.add(
            new TypeQuery(id, typeName, dimensions, isInterface, implementers, ownLoaderOnly));
      }
      groups.add(new AnalysisRequest.Group(markers, serials, types));
    }
    long libraryCopy = in.readLong();
    List<String> prefixes = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      prefixes.add(readString(in));
    }
    return new AnalysisRequest(dump, groups, libraryCopy, prefixes, in.readBoolean());
  }

  static void writeFailure(DataOutputStream out, byte status, String message) throws IOException {
    header(out);
    out.writeByte(status);
    writeString(out, message);
  }

  static void writeResult(DataOutputStream out, AnalysisResult result) throws IOException {
    header(out);
    out.writeByte(OK);
    out.writeLong(result.objectCount());
    out.writeLong(result.readTime().toNanos());
    out.writeLong(result.searchTime().toNanos());
    out.writeInt(result.bySerial().size());
    for (TrackedVerdict v : result.bySerial().values()) {
      out.writeLong(v.serial());
      out.writeByte(v.verdict().ordinal());
      writeString(out, v.className());
      out.writeLong(v.objectId());
      out.writeLong(v.retainedBytes());
      out.writeLong(v.retainedObjects());
      writeString(out, v.undecidedReason().orElse(null));
      out.writeBoolean(v.path().isPresent());
      if (v.path().isPresent()) {
        writePath(out, v.path().get());
      }
    }
    out.writeInt(result.byQuery().size());
    for (SurvivingInstances i : result.byQuery().values()) {
      out.writeLong(i.query());
      writeString(out, i.typeName());
      out.writeInt(i.inDump());
      out.writeInt(i.reachable());
      writeString(out, i.undecidedReason());
      out.writeInt(i.groups().size());
      for (SurvivingInstances.Group g : i.groups()) {
        out.writeInt(g.count());
        out.writeInt(g.classNames().size());
        for (String name : g.classNames()) {
          writeString(out, name);
        }
        writePath(out, g.path());
      }
    }
    out.writeInt(result.retainedTestInstances().size());
    for (RetainedTestInstance r : result.retainedTestInstances()) {
      out.writeLong(r.markerRequest());
      writeString(out, r.className());
      writePath(out, r.path());
    }
  }

  /** The result, or the failure: status and message. */
  record Answer(AnalysisResult result, byte status, String message) {}

  static Answer readAnswer(DataInputStream in) throws IOException {
    checkHeader(in);
    byte status = in.readByte();
    if (status != OK) {
      return new Answer(null, status, readString(in));
    }
    long objects = in.readLong();
    Duration read = Duration.ofNanos(in.readLong());
    Duration search = Duration.ofNanos(in.readLong());
    Map<Long, TrackedVerdict> verdicts = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      long serial = in.readLong();
      Verdict verdict = Verdict.values()[in.readByte()];
      String className = readString(in);
      long objectId = in.readLong();
      long bytes = in.readLong();
      long count = in.readLong();
      String undecidedReason = readString(in);
      HeapPath path = in.readBoolean() ? readPath(in) : null;
      verdicts.put(
          serial,
          verdict == Verdict.UNDECIDED
              ? TrackedVerdict.undecided(serial, className, objectId, undecidedReason)
              : new TrackedVerdict(serial, verdict, className, objectId, path, bytes, count));
    }
    Map<Long, SurvivingInstances> byQuery = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      long query = in.readLong();
      String typeName = readString(in);
      int inDump = in.readInt();
      int reachable = in.readInt();
      String undecidedReason = readString(in);
      List<SurvivingInstances.Group> groups = new ArrayList<>();
      for (int g = in.readInt(); g > 0; g--) {
        int count = in.readInt();
        List<String> names = new ArrayList<>();
        for (int k = in.readInt(); k > 0; k--) {
          names.add(readString(in));
        }
        groups.add(new SurvivingInstances.Group(count, names, readPath(in)));
      }
      byQuery.put(
          query,
          new SurvivingInstances(query, typeName, inDump, reachable, groups, undecidedReason));
    }
    List<RetainedTestInstance> instances = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      instances.add(new RetainedTestInstance(in.readLong(), readString(in), readPath(in)));
    }
    return new Answer(
        new AnalysisResult(verdicts, byQuery, instances, objects, read, search), OK, null);
  }

  private static void writePath(DataOutputStream out, HeapPath path) throws IOException {
    GcRoot root = path.root();
    out.writeByte(root.kind().ordinal());
    out.writeLong(root.objectId());
    writeString(out, root.className());
    writeString(out, root.threadName());
    out.writeBoolean(root.frame() != null);
    if (root.frame() != null) {
      writeString(out, root.frame().className());
      writeString(out, root.frame().methodName());
      writeString(out, root.frame().sourceFile());
      out.writeInt(root.frame().line());
    }
    out.writeInt(path.steps().size());
    for (PathStep s : path.steps()) {
      out.writeLong(s.objectId());
      writeString(out, s.className());
      out.writeByte(s.edgeKind().ordinal());
      writeString(out, s.edgeName());
      out.writeInt(s.arrayIndex());
      writeString(out, s.declaringClass());
      out.writeLong(s.shallowSize());
      writeString(out, s.summary());
    }
  }

  private static HeapPath readPath(DataInputStream in) throws IOException {
    GcRoot.Kind kind = GcRoot.Kind.values()[in.readByte()];
    long objectId = in.readLong();
    String className = readString(in);
    String threadName = readString(in);
    GcRoot.Frame frame = null;
    if (in.readBoolean()) {
      frame = new GcRoot.Frame(readString(in), readString(in), readString(in), in.readInt());
    }
    GcRoot root = new GcRoot(kind, objectId, className, threadName, frame);
    int count = in.readInt();
    List<PathStep> steps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      steps.add(
          new PathStep(
              in.readLong(),
              readString(in),
              EdgeKind.values()[in.readByte()],
              readString(in),
              in.readInt(),
              readString(in),
              in.readLong(),
              readString(in)));
    }
    return new HeapPath(root, steps);
  }

  private static void header(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
  }

  private static void checkHeader(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a leakcheck analysis file of this version");
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
