package org.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What users can reach from the API packages: no type of {@code org.leakcheck.internal}. */
class ApiSurfaceTests {

  @Test
  void noInternalTypeIsReachableFromThePublicApi() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : apiClasses()) {
      check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      for (Type t : type.getGenericInterfaces()) {
        check(type.getName() + " implements", t, leaks);
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())) {
          check(field.toString(), field.getGenericType(), leaks);
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic()) {
          check(method.toGenericString(), method.getGenericReturnType(), leaks);
          checkExecutable(method, leaks);
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers())) {
          checkExecutable(constructor, leaks);
        }
      }
    }
    assertThat(leaks).as("internal types reachable from the API").isEmpty();
  }

  @Test
  void resultTypesAndTheTrackerAreFinalAndBuiltByTheLibraryOnly() {
    for (Class<?> type :
        List.of(
            LeakTracker.class,
            LeakedObject.class,
            RetainingPath.class,
            RetainingPath.Step.class,
            LeakDetectedError.class,
            LeakCheckExtension.class)) {
      assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
      if (type != LeakCheckExtension.class) { // JUnit instantiates the extension
        assertThat(type.getDeclaredConstructors())
            .as("public or protected constructors of %s", type)
            .noneMatch(c -> visible(c.getModifiers()));
      }
    }
    for (Method method : LeakedObject.class.getDeclaredMethods()) {
      if (Modifier.isStatic(method.getModifiers())) {
        assertThat(visible(method.getModifiers())).as("%s is not API", method).isFalse();
      }
    }
  }

  private static void checkExecutable(Executable executable, List<String> leaks) {
    for (Type p : executable.getGenericParameterTypes()) {
      check(executable.toGenericString(), p, leaks);
    }
    for (Type e : executable.getGenericExceptionTypes()) {
      check(executable.toGenericString(), e, leaks);
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(String where, Type type, List<String> leaks) {
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      check(where, p.getRawType(), leaks);
      for (Type argument : p.getActualTypeArguments()) {
        check(where, argument, leaks);
      }
    } else if (type instanceof Class<?>) {
      Class<?> c = (Class<?>) type;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (c.getName().startsWith("org.leakcheck.internal.")) {
        leaks.add(where + " -> " + c.getName());
      }
    }
  }

  /** The public top-level and nested classes of org.leakcheck and org.leakcheck.assertj. */
  private static List<Class<?>> apiClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(LeakCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    for (String pkg : List.of("org/leakcheck", "org/leakcheck/assertj")) {
      try (Stream<Path> files = Files.list(root.resolve(pkg))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          if (!name.endsWith(".class") || name.equals("module-info.class")) {
            continue;
          }
          String className =
              pkg.replace('/', '.') + "." + name.substring(0, name.length() - ".class".length());
          try {
            Class<?> c = Class.forName(className, false, LeakCheck.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers())) {
              classes.add(c);
            }
          } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    assertThat(classes).extracting(Class::getSimpleName).contains("LeakCheckExtension");
    return classes;
  }
}
