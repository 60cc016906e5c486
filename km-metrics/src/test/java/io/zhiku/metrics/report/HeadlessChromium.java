package io.zhiku.metrics.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket from the JDK's HTTP client, JSON
 * from Jackson): open a page, hear its console and log, evaluate expressions, ask which fonts drew a node,
 * take a screenshot. For tests only; one page at a time, closed with the browser.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final String session;

  private HeadlessChromium(Process process, WebSocket socket, Listener listener) throws Exception {
    this.process = process;
    this.socket = socket;
    listener.owner = this;
    ObjectNode target = JSON.createObjectNode().put("url", "about:blank");
    String targetId = send(null, "Target.createTarget", target).get("targetId").asText();
    this.session = send(null, "Target.attachToTarget", JSON.createObjectNode().put("targetId", targetId).put("flatten", true))
        .get("sessionId").asText();
    for (String domain : List.of("Page", "Runtime", "Log", "DOM", "CSS")) {
      send(domain + ".enable", JSON.createObjectNode());
    }
  }

  /**
   * The browser to use: {@code $ZHIKU_CHROMIUM}, else {@code chromium} or {@code chromium-browser} on the path.
   *
   * @return its path, if there is one
   */
  static Optional<Path> find() {
    String configured = System.getenv("ZHIKU_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts the browser with a fresh profile in {@code profile} and a window of the given size. */
  static HeadlessChromium start(Path binary, Path profile, int width, int height) throws Exception {
    Process p = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = err.readLine()) != null) {
          int at = line.indexOf("ws://");
          if (line.startsWith("DevTools listening on") && at >= 0) {
            address.complete(line.substring(at).strip());
          }
        }
        address.completeExceptionally(new IOException("the browser ended without a DevTools address"));
      } catch (IOException e) {
        address.completeExceptionally(e);
      }
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      Listener listener = new Listener();
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
          .buildAsync(URI.create(address.get(WAIT.toSeconds(), TimeUnit.SECONDS)), listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return new HeadlessChromium(p, ws, listener);
    } catch (Exception e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** Opens a page and waits for its load event. */
  void open(URI page) throws Exception {
    int before = events.size();
    send("Page.navigate", JSON.createObjectNode().put("url", page.toString()));
    await(e -> "Page.loadEventFired".equals(e.path("method").asText()), before);
  }

  /** @return every event the page sent so far (console calls, exceptions, log entries...) */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** The console errors, uncaught exceptions and error log entries (failed loads, blocked content) so far. */
  List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : events) {
      JsonNode params = e.path("params");
      switch (e.path("method").asText()) {
        case "Runtime.consoleAPICalled" -> {
          if (List.of("error", "assert").contains(params.path("type").asText())) {
            out.add("console: " + params.path("args"));
          }
        }
        case "Runtime.exceptionThrown" -> out.add("exception: " + params.path("exceptionDetails"));
        case "Log.entryAdded" -> {
          if ("error".equals(params.path("entry").path("level").asText())) {
            out.add("log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }
    return out;
  }

  /** Evaluates an expression in the page; its value as JSON (objects by value). */
  JsonNode evaluate(String expression) throws Exception {
    JsonNode r = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("the page threw: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /** The platform fonts that drew the text of the first node matching a CSS selector, by family name. */
  List<String> fontsOf(String selector) throws Exception {
    int root = send("DOM.getDocument", JSON.createObjectNode()).get("root").get("nodeId").asInt();
    int node = send("DOM.querySelector", JSON.createObjectNode().put("nodeId", root).put("selector", selector)).get("nodeId").asInt();
    List<String> out = new ArrayList<>();
    for (JsonNode f : send("CSS.getPlatformFontsForNode", JSON.createObjectNode().put("nodeId", node)).get("fonts")) {
      out.add(f.get("familyName").asText());
    }
    return out;
  }

  /** A PNG of the whole page, beyond the window. */
  byte[] screenshot() throws Exception {
    JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
    return java.util.Base64.getDecoder().decode(r.get("data").asText());
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    return send(session, method, params);
  }

  private JsonNode send(String sessionId, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  private void await(Predicate<JsonNode> event, int from) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = from; i < events.size(); i++) {
        if (event.test(events.get(i))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no such event within " + WAIT + "; events: " + events);
  }

  private void received(String text) {
    try {
      JsonNode m = JSON.readTree(text);
      if (m.has("id")) {
        CompletableFuture<JsonNode> reply = pending.remove(m.get("id").asInt());
        if (reply != null) {
          reply.complete(m);
        }
      } else {
        events.add(m);
      }
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from the browser: " + text, e);
    }
  }

  /** Asks the browser to close, then ends it and every process it started, so its profile can be deleted. */
  @Override
  public void close() throws Exception {
    List<ProcessHandle> children = process.descendants().toList();
    try {
      int id = ids.incrementAndGet();
      socket.sendText(JSON.writeValueAsString(JSON.createObjectNode().put("id", id).put("method", "Browser.close")), true)
          .get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // ended below either way
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
      child.onExit().get(10, TimeUnit.SECONDS);
    }
  }

  /** Gathers a message's fragments; hands whole messages to the browser object. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile HeadlessChromium owner;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (owner != null) {
          owner.received(text);
        }
      }
      ws.request(1);
      return null;
    }
  }
}
