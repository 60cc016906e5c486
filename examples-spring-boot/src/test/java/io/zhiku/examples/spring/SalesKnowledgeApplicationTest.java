package io.zhiku.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sales-project service over HTTP, on a random port, with its knowledge base in a temporary directory:
 * search, push for a stage, record usage and the KPI report, each as the person asking sees them.
 */
@SpringBootTest(classes = SalesKnowledgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // closed (and so committed) after the class, before the temporary directory is deleted
class SalesKnowledgeApplicationTest {
  private static final String[] WANG = {"X-User", "wang", "X-Groups", "sales-east", "X-Roles", "customer-manager"};
  private static final String[] LI = {"X-User", "li", "X-Groups", "education-team", "X-Roles", "industry-manager"};
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  @DynamicPropertySource
  static void knowledgeBaseDirectory(DynamicPropertyRegistry properties) {
    properties.add("zhiku.directory", () -> dir.resolve("sales-kb").toString());
  }

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).headers(headers)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  @Test
  void search_findsWhatTheAskerMayRead_only() throws Exception {
    HttpResponse<String> wang = get("/api/search?q=" + q("5G专网 智慧校园"), WANG);
    assertEquals(200, wang.statusCode(), wang.body());
    assertTrue(ids(JSON.readTree(wang.body()).get("hits")).contains("sol-campus-5g"), wang.body());

    String bid = "/api/search?q=" + q("省教育厅 投标");
    assertFalse(get(bid, WANG).body().contains("sol-edu-bid-confidential"), "Wang may not read the confidential bid");
    assertTrue(ids(JSON.readTree(get(bid, LI).body()).get("hits")).contains("sol-edu-bid-confidential"), "the education team may");
  }

  @Test
  void push_atTheProposalStage_bringsTheCuratedSolution_withItsReason() throws Exception {
    HttpResponse<String> r = get("/api/projects/proj-1/push?stage=stage.proposal&industry=ind.smart-campus", WANG);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode pushed = JSON.readTree(r.body());
    List<String> ids = ids(pushed);
    assertEquals("sol-campus-5g", ids.get(0), "the curated rule's solution first: " + ids);
    assertTrue(pushed.get(0).get("reasons").toString().contains("the proposal stage of a smart-campus deal"), pushed.toString());
    assertFalse(ids.contains("sol-edu-bid-confidential"), "never what Wang may not read");
  }

  @Test
  void usageAndReport_theReportIsTheCallersInTheirLanguage() throws Exception {
    HttpResponse<String> used = post("/api/projects/proj-1/usage", "{\"type\": \"reuse\", \"itemId\": \"tpl-proposal\", "
        + "\"stage\": \"stage.proposal\"}", WANG);
    assertEquals(204, used.statusCode(), used.body());
    HttpResponse<String> hidden = post("/api/projects/proj-1/usage", "{\"type\": \"view\", \"itemId\": "
        + "\"sol-edu-bid-confidential\"}", WANG);
    assertEquals(404, hidden.statusCode(), "not Wang's to read, answered as if missing: " + hidden.body());

    String path = "/api/report?baseline=2025-01&current=2026-01";
    HttpResponse<String> english = get(path, WANG);
    assertEquals(200, english.statusCode(), english.body());
    assertTrue(english.body().contains("Before and after") && english.body().contains("for wang"), english.body());
    assertFalse(english.body().contains("省教育厅"), "nothing Wang may not read");
    List<String> chineseHeaders = new ArrayList<>(List.of(WANG));
    chineseHeaders.addAll(List.of("Accept-Language", "zh-CN,zh;q=0.9"));
    HttpResponse<String> chinese = get(path, chineseHeaders.toArray(String[]::new));
    assertTrue(chinese.body().contains("<html lang=\"zh-CN\">") && chinese.body().contains("前后对比"), chinese.body());
  }

  @Test
  void badInput_isA400NamingTheField_andHealthShowsTheKnowledgeBase() throws Exception {
    HttpResponse<String> r = get("/api/report?baseline=last-year&current=2026-01", WANG);
    assertEquals(400, r.statusCode());
    assertTrue(JSON.readTree(r.body()).get("error").asText().startsWith("baseline"), r.body());
    HttpResponse<String> tooMany = get("/api/projects/proj-1/push?stage=stage.proposal&limit=1000", WANG);
    assertEquals(400, tooMany.statusCode(), tooMany.body());
    assertTrue(JSON.readTree(tooMany.body()).get("error").asText().startsWith("limit"), tooMany.body());

    HttpResponse<String> health = get("/actuator/health");
    assertEquals(200, health.statusCode(), health.body());
    JsonNode zhiku = JSON.readTree(health.body()).get("components").get("zhiku");
    assertEquals("UP", zhiku.get("status").asText(), health.body());
    assertTrue(zhiku.get("details").get("items").asLong() > 10, health.body());
  }

  /** The starter binds the knowledge base's and push's meters to the application's registry. */
  @Test
  void metrics_countTheCallsTheServiceMade() throws Exception {
    assertEquals(200, get("/api/search?q=proposal", WANG).statusCode());
    assertEquals(200, get("/api/projects/proj-1/push?stage=stage.proposal", WANG).statusCode());
    Thread.sleep(150); // the meters read a snapshot at most 100 ms old
    for (String operation : List.of("search", "push")) {
      HttpResponse<String> m = get("/actuator/metrics/zhiku.operations?tag=operation:" + operation);
      assertEquals(200, m.statusCode(), m.body());
      JsonNode count = JSON.readTree(m.body()).get("measurements").get(0);
      assertEquals("COUNT", count.get("statistic").asText(), m.body());
      assertTrue(count.get("value").asDouble() >= 1, m.body());
    }
    HttpResponse<String> queue = get("/actuator/metrics/zhiku.notifications.queued");
    assertEquals(200, queue.statusCode(), queue.body());
  }
}
