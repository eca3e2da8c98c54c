package org.leakcheck.corpus;

import static org.leakcheck.corpus.Expect.Verdict.LEAK;
import static org.leakcheck.corpus.Expect.Verdict.NO_LEAK;

import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.leakcheck.LeakTracker;

/**
 * Scenarios of {@code trackInstancesOf}: instances in a static or only in locals, a subclass, an
 * interface's implementer, a type of a child class loader, a class of the same name in another
 * loader. Each scenario has a type of its own, so that concurrent scenarios never see each other's
 * instances (a whole-heap count would: DESIGN §3 judges the heap, not the test).
 */
final class InstanceScenarios {

  private InstanceScenarios() {}

  static final List<Object> POOL = new CopyOnWriteArrayList<>();

  static {
    Scenarios.onReset(POOL::clear);
  }

  static final class LeftInAStatic {}

  abstract static class Channel {}

  static final class SocketChannel extends Channel {}

  interface Session {}

  static final class HttpSession implements Session {}

  static final class OnlyInLocals {}

  abstract static class Buffer {}

  static final class DirectBuffer extends Buffer {}

  static final class InATestField {}

  static final class ArrayElement {}

  @CorpusScenario
  static class LeakTestCase {
    @Test
    @Expect(LEAK)
    void instancesLeftInAStaticPool(LeakTracker leaks) {
      leaks.trackInstancesOf(LeftInAStatic.class);
      for (int i = 0; i < 3; i++) {
        POOL.add(new LeftInAStatic());
      }
    }

    @Test
    @Expect(LEAK)
    void aSubclassInstanceOfAnAbstractType(LeakTracker leaks) {
      leaks.trackInstancesOf(Channel.class);
      POOL.add(new SocketChannel());
    }

    @Test
    @Expect(LEAK)
    void anImplementerOfAnInterface(LeakTracker leaks) {
      leaks.trackInstancesOf(Session.class);
      POOL.add(new HttpSession());
    }

    @Test
    @Expect(LEAK)
    void anArrayOfTheTypeInAStatic(LeakTracker leaks) {
      leaks.trackInstancesOf(ArrayElement[].class);
      POOL.add(new ArrayElement[4]);
    }

    @Test
    @Expect(LEAK)
    void aTypeOfAChildClassLoader(LeakTracker leaks) throws ReflectiveOperationException {
      Object plugin = Scenarios.newPlugin(Scenarios.pluginLoader());
      leaks.trackInstancesOf(plugin.getClass());
      POOL.add(plugin);
    }
  }

  @CorpusScenario
  static class NonLeakTestCase {
    InATestField field;

    @Test
    @Expect(NO_LEAK)
    void instancesOnlyInLocals(LeakTracker leaks) {
      leaks.trackInstancesOf(OnlyInLocals.class);
      List<OnlyInLocals> local = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        local.add(new OnlyInLocals());
      }
      local.clear();
    }

    @Test
    @Expect(NO_LEAK)
    void aSubclassReleased(LeakTracker leaks) {
      leaks.trackInstancesOf(Buffer.class);
      Buffer buffer = new DirectBuffer();
      java.lang.ref.Reference.reachabilityFence(buffer);
    }

    @Test
    @Expect(NO_LEAK)
    void heldOnlyByAFieldOfTheTestInstance(LeakTracker leaks) {
      leaks.trackInstancesOf(InATestField.class);
      field = new InATestField();
    }

    @Test
    @Expect(NO_LEAK)
    void aTypeOfAChildClassLoaderReleasedWithIt(LeakTracker leaks)
        throws ReflectiveOperationException {
      URLClassLoader loader = Scenarios.pluginLoader();
      Object plugin = Scenarios.newPlugin(loader);
      leaks.trackInstancesOf(plugin.getClass());
      Scenarios.close(loader);
    }

    @Test
    @Expect(NO_LEAK)
    void aClassOfTheSameNameInAnotherLoaderIsAnotherType(LeakTracker leaks)
        throws ReflectiveOperationException {
      Object mine = Scenarios.newPlugin(Scenarios.pluginLoader());
      leaks.trackInstancesOf(mine.getClass());
      POOL.add(Scenarios.newPlugin(Scenarios.pluginLoader())); // the other loader's Plugin
    }
  }
}
