/**
 * junit-leakcheck: a JUnit Jupiter extension that fails a test when an object it expected to become
 * garbage is still strongly reachable, and shows the retaining path.
 *
 * <p>Only {@code org.leakcheck} (and {@code org.leakcheck.assertj}) are API.
 */
module org.leakcheck {
  requires transitive org.junit.jupiter.api;
  requires transitive org.opentest4j;
  requires org.junit.platform.commons;
  requires static org.junit.platform.launcher; // LauncherKeys, registered on the class path only
  requires static transitive org.assertj.core;
  requires java.management;
  requires jdk.management;

  exports org.leakcheck;
  exports org.leakcheck.assertj;

  provides org.junit.jupiter.api.extension.Extension with
      org.leakcheck.LeakCheckExtension;
}
