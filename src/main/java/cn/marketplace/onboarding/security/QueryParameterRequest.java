package cn.marketplace.onboarding.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request with one query parameter set, as the engine's resource will read it. */
final class QueryParameterRequest extends HttpServletRequestWrapper {

  private final String name;
  private final String value;

  QueryParameterRequest(HttpServletRequest request, String name, String value) {
    super(request);
    this.name = name;
    this.value = value;
  }

  @Override
  public String getQueryString() {
    String added = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    String query = super.getQueryString();
    if (query == null || query.isEmpty()) {
      return added;
    }
    List<String> kept = Arrays.stream(query.split("&")).filter(pair -> !pair.startsWith(name + "=")
        && !pair.equals(name)).toList();
    return kept.isEmpty() ? added : String.join("&", kept) + "&" + added;
  }

  @Override
  public String getParameter(String parameter) {
    return name.equals(parameter) ? value : super.getParameter(parameter);
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
    parameters.put(name, new String[] {value});
    return Collections.unmodifiableMap(parameters);
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(getParameterMap().keySet());
  }

  @Override
  public String[] getParameterValues(String parameter) {
    return name.equals(parameter) ? new String[] {value} : super.getParameterValues(parameter);
  }
}
