package io.zhiku.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Seeded randomness for tests, Lucene-style: a test method declaring a {@link Random} parameter gets
 * one seeded from {@code -Dzhiku.seed=...} (decimal or {@code 0x} hex) when given, else from a fresh
 * random seed. The seed is printed when the test fails, with the flag that replays it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Seeded.Extension.class)
public @interface Seeded {
  /** The system property that fixes the seed. */
  String PROPERTY = "zhiku.seed";

  /** Resolves {@link Random} parameters and reports their seed on failure. */
  final class Extension implements ParameterResolver, TestWatcher {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Seeded.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      return p.getParameter().getType() == Random.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      long seed = seed();
      c.getStore(NS).put("seed", seed);
      return new Random(seed);
    }

    @Override
    public void testFailed(ExtensionContext c, Throwable cause) {
      Long seed = c.getStore(NS).get("seed", Long.class);
      if (seed != null) {
        System.err.printf(Locale.ROOT, "%s failed; replay with -D%s=0x%x%n", c.getDisplayName(), PROPERTY, seed);
      }
    }

    private static long seed() {
      String fixed = System.getProperty(PROPERTY);
      if (fixed == null || fixed.isBlank()) {
        return new Random().nextLong();
      }
      return fixed.startsWith("0x") ? Long.parseUnsignedLong(fixed.substring(2), 16) : Long.parseLong(fixed);
    }
  }
}
