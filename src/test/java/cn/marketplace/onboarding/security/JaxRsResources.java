package cn.marketplace.onboarding.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every resource method of a set of JAX-RS classes, as {@code METHOD /path/{template}}: the root
 * resources' {@code @Path}, their methods', and the sub-resources that locators return, followed by
 * their declared return types. Annotations are looked up as JAX-RS inherits them, on the class, its
 * superclasses and interfaces.
 */
final class JaxRsResources {

  /** One resource method: an HTTP method and its path template. */
  record Endpoint(String method, String path) implements Comparable<Endpoint> {

    @Override
    public int compareTo(Endpoint other) {
      return (path + " " + method).compareTo(other.path + " " + other.method);
    }
  }

  private JaxRsResources() {}

  static Set<Endpoint> of(Collection<Class<?>> classes) {
    Set<Endpoint> endpoints = new TreeSet<>();
    for (Class<?> type : classes) {
      Path root = pathOf(type);
      if (root != null) {
        walk(type, join("", root.value()), endpoints, new LinkedHashSet<>());
      }
    }
    return endpoints;
  }

  private static void walk(Class<?> type, String prefix, Set<Endpoint> endpoints, Set<Class<?>> visiting) {
    if (!visiting.add(type) || visiting.size() > 8) {
      return;
    }
    for (Method method : type.getMethods()) {
      if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
        continue;
      }
      Path path = annotation(method, Path.class);
      String httpMethod = httpMethodOf(method);
      String full = path == null ? prefix : join(prefix, path.value());
      if (httpMethod != null) {
        endpoints.add(new Endpoint(httpMethod, full));
      } else if (path != null) {
        walk(method.getReturnType(), full, endpoints, visiting);
      }
    }
    visiting.remove(type);
  }

  private static String httpMethodOf(Method method) {
    for (Method declaration : declarations(method)) {
      for (Annotation annotation : declaration.getAnnotations()) {
        HttpMethod httpMethod = annotation.annotationType().getAnnotation(HttpMethod.class);
        if (httpMethod != null) {
          return httpMethod.value();
        }
      }
    }
    return null;
  }

  private static <A extends Annotation> A annotation(Method method, Class<A> kind) {
    for (Method declaration : declarations(method)) {
      A found = declaration.getAnnotation(kind);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The method and every method it overrides or implements. */
  private static List<Method> declarations(Method method) {
    List<Method> declarations = new ArrayList<>();
    List<Class<?>> types = new ArrayList<>(List.of(method.getDeclaringClass()));
    for (int i = 0; i < types.size(); i++) {
      Class<?> type = types.get(i);
      try {
        declarations.add(type.getDeclaredMethod(method.getName(), method.getParameterTypes()));
      } catch (NoSuchMethodException notHere) {
        // declared further up
      }
      if (type.getSuperclass() != null) {
        types.add(type.getSuperclass());
      }
      types.addAll(List.of(type.getInterfaces()));
    }
    return declarations;
  }

  private static Path pathOf(Class<?> type) {
    for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
      if (candidate.getAnnotation(Path.class) != null) {
        return candidate.getAnnotation(Path.class);
      }
      for (Class<?> contract : candidate.getInterfaces()) {
        if (contract.getAnnotation(Path.class) != null) {
          return contract.getAnnotation(Path.class);
        }
      }
    }
    return null;
  }

  private static String join(String prefix, String path) {
    String joined = prefix + "/" + path;
    joined = joined.replaceAll("/+", "/");
    // regular expressions in templates ({id: .+}) are reduced to the name
    joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_-]+)\\s*:[^}]*}", "{$1}");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }
}
