package io.zhiku.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  void demo_showsLookupsAccessAndRoundTrip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String typed : new String[] {"\"智慧校園\"", "\"ＳＣ\"", "\"smart CAMPUS\"", "\"智能校园\""}) {
      assertTrue(out.lines().anyMatch(l -> l.contains(typed) && l.endsWith("-> 智慧校园 (ind.smart-campus)")), typed + "\n" + out);
    }
    assertTrue(out.contains("alice may read = true, guest may read = false"), out);
    assertTrue(out.contains("reads back equal = true"), out);
    assertTrue(out.contains("re-import equal = true"), out);
    assertTrue(out.contains("as alice: 2 hits [sol-1, faq-7]") || out.contains("as alice: 2 hits [faq-7, sol-1]"), out);
    assertTrue(out.contains("as guest: 1 hits [faq-7]"), "guest may read only the public FAQ:\n" + out);
    assertTrue(out.contains("industry facets, rolled up: [教育=2, 政企=2, 医疗卫生=1, 智慧校园=1]"), out);
    assertTrue(out.contains("<em>身份认证</em>"), out);
    assertTrue(out.contains("suggestions for \"智慧\" as alice: [智慧校园 (CONCEPT), 智慧校园统一身份认证方案 (TITLE)]"), out);
    assertTrue(out.contains("browse under 政企 (with descendants) as alice: [sol-1, faq-7]")
        || out.contains("browse under 政企 (with descendants) as alice: [faq-7, sol-1]"), out);
    String alicePush = out.substring(out.indexOf("push at the proposal stage, as alice:"), out.indexOf("push at the proposal stage, as guest:"));
    String guestPush = out.substring(out.indexOf("push at the proposal stage, as guest:"));
    assertTrue(alicePush.contains("sol-1 智慧校园统一身份认证方案 <- recommended for the proposal stage of a smart-campus deal"), alicePush);
    assertTrue(alicePush.contains("much used lately by people in the role account-manager (about 3 recent uses)"), alicePush);
    assertTrue(!guestPush.contains("sol-1") && guestPush.contains("faq-7"), "the guest may not read sol-1:\n" + guestPush);
  }
}
