package io.zhiku.core.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zhiku.testkit.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The body's byte limit counts UTF-8 bytes exactly as the JDK's encoder would write them. */
@Seeded
class Utf8LengthTest {
  @Test
  void utf8Length_equalsTheEncodedLength(Random random) {
    char[] pool = {'a', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '中', '\uffff', '\ud83d', '\ude00'};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        if (random.nextInt(4) == 0) {
          b.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
        } else {
          b.append(pool[random.nextInt(pool.length)]); // lone surrogates included
        }
      }
      String s = b.toString();
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ItemLimits.utf8Length(s), () -> s.codePoints()
          .mapToObj(Integer::toHexString).toList().toString());
    }
  }
}
