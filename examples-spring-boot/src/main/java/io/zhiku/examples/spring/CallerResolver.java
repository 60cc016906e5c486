package io.zhiku.examples.spring;

import io.zhiku.core.access.Principal;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler's {@link Principal} parameter the caller, from the {@code X-User}, {@code X-Groups} and
 * {@code X-Roles} headers (groups and roles comma-separated). A sample's shortcut: a real service builds the
 * principal from its authentication (Spring Security's {@code Authentication}), never from what the client
 * says. A request without {@code X-User} is a 400.
 */
final class CallerResolver implements HandlerMethodArgumentResolver {
  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Principal.class;
  }

  @Override
  public Principal resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) throws MissingRequestHeaderException {
    String user = request.getHeader("X-User");
    if (user == null) {
      throw new MissingRequestHeaderException("X-User", parameter);
    }
    return Principal.of(user, list(request.getHeader("X-Groups")), list(request.getHeader("X-Roles")));
  }

  private static List<String> list(String header) {
    return header == null ? List.of()
        : Arrays.stream(header.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
