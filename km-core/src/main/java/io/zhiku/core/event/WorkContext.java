package io.zhiku.core.event;

import io.zhiku.core.access.Principal;
import io.zhiku.core.internal.Checks;
import io.zhiku.core.internal.Immutables;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where someone is in their work when knowledge is sought or pushed: who they are, in which role, at
 * which step of which business process, for which industry, customer, product or project, and the text
 * of the task at hand. Push uses it to choose what helps now; usage events carry it so that metrics can
 * be cut by role, stage or industry.
 *
 * <p>A value: immutable and thread-safe. Build one with {@link #builder(Principal, Instant)}.
 *
 * @param principal who is working
 * @param role the role they act in now (an id, e.g. {@code "account-manager"}), or {@code null}
 * @param process the business process (an id, e.g. {@code "sales-project"}), or {@code null}
 * @param stage the step of that process (an id, e.g. {@code "proposal"}), or {@code null}
 * @param concepts the concepts the work is about (concept ids, e.g. the product line of a project), at
 *     most {@value #MAX_CONCEPTS}
 * @param attributes further context by key, such as {@link #INDUSTRY} or {@link #CUSTOMER}; keys are 1 to
 *     64 characters of {@code a-z 0-9 _ . -}, values single-line text of at most 256 characters (stripped)
 * @param text the free text of the task at hand (a requirement, a ticket, a question), with control
 *     characters other than tab and line breaks stripped; at most {@value #MAX_TEXT_CHARS} characters;
 *     {@code null} is read as empty
 * @param time when, from the host's clock
 */
public record WorkContext(
    Principal principal,
    String role,
    String process,
    String stage,
    Set<String> concepts,
    Map<String, String> attributes,
    String text,
    Instant time) {
  /** Attribute key: the customer's industry. */
  public static final String INDUSTRY = "industry";
  /** Attribute key: the customer. */
  public static final String CUSTOMER = "customer";
  /** Attribute key: the product concerned. */
  public static final String PRODUCT = "product";
  /** Attribute key: the project. */
  public static final String PROJECT = "project";
  /** The longest context text, in characters. */
  public static final int MAX_TEXT_CHARS = 65_536;
  /** The most concepts. */
  public static final int MAX_CONCEPTS = 256;
  /** The most attributes. */
  public static final int MAX_ATTRIBUTES = 64;
  /** The longest attribute value, in characters. */
  public static final int MAX_ATTRIBUTE_CHARS = 256;

  /**
   * Validates and copies.
   *
   * @param principal who is working
   * @param role the role they act in now (an id, e.g. {@code "account-manager"}), or {@code null}
   * @param process the business process (an id, e.g. {@code "sales-project"}), or {@code null}
   * @param stage the step of that process (an id, e.g. {@code "proposal"}), or {@code null}
   * @param concepts the concepts the work is about (concept ids, e.g. the product line of a project), at
   *     most {@value #MAX_CONCEPTS}
   * @param attributes further context by key, such as {@link #INDUSTRY} or {@link #CUSTOMER}; keys are 1 to
   *     64 characters of {@code a-z 0-9 _ . -}, values single-line text of at most 256 characters (stripped)
   * @param text the free text of the task at hand (a requirement, a ticket, a question), with control
   *     characters other than tab and line breaks stripped; at most {@value #MAX_TEXT_CHARS} characters;
   *     {@code null} is read as empty
   * @param time when, from the host's clock
   * @throws io.zhiku.core.ValidationException if a part is missing or malformed
   */
  public WorkContext {
    Checks.present("WorkContext.principal", principal);
    role = Checks.optionalId("WorkContext.role", role);
    process = Checks.optionalId("WorkContext.process", process);
    stage = Checks.optionalId("WorkContext.stage", stage);
    concepts = Checks.ids("WorkContext.concepts", concepts, MAX_CONCEPTS);
    LinkedHashMap<String, String> cleaned = new LinkedHashMap<>();
    Checks.map("WorkContext.attributes", attributes, MAX_ATTRIBUTES).forEach((k, v) -> cleaned.put(
        Checks.key("WorkContext.attributes", k), Checks.line("WorkContext.attributes[" + k + "]", v, MAX_ATTRIBUTE_CHARS)));
    attributes = Immutables.own(cleaned);
    text = Checks.text("WorkContext.text", text, MAX_TEXT_CHARS);
    Checks.instant("WorkContext.time", time);
  }

  /**
   * Starts building a context.
   *
   * @param principal who is working
   * @param time when, from the host's clock
   * @return a builder
   */
  public static Builder builder(Principal principal, Instant time) {
    return new Builder(principal, time);
  }

  /**
   * An attribute's value.
   *
   * @param key the key, e.g. {@link #INDUSTRY}
   * @return the value, or {@code null} if absent
   */
  public String attribute(String key) {
    return attributes.get(key);
  }

  /** Builds {@link WorkContext}s. Not thread-safe. */
  public static final class Builder {
    private final Principal principal;
    private final Instant time;
    private String role;
    private String process;
    private String stage;
    private final Set<String> concepts = new LinkedHashSet<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private String text = "";

    private Builder(Principal principal, Instant time) {
      this.principal = principal;
      this.time = time;
    }

    /**
     * @param role the role acted in
     * @return this builder
     */
    public Builder role(String role) {
      this.role = role;
      return this;
    }

    /**
     * @param process the business process id
     * @return this builder
     */
    public Builder process(String process) {
      this.process = process;
      return this;
    }

    /**
     * @param stage the process step id
     * @return this builder
     */
    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    /**
     * Adds concepts the work is about.
     *
     * @param conceptIds concept ids
     * @return this builder
     */
    public Builder concepts(String... conceptIds) {
      concepts.addAll(Arrays.asList(conceptIds));
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param key the key, e.g. {@link WorkContext#INDUSTRY}
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String key, String value) {
      attributes.put(key, value);
      return this;
    }

    /**
     * @param text the free text of the task at hand
     * @return this builder
     */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the context
     * @throws io.zhiku.core.ValidationException if a part is missing or malformed
     */
    public WorkContext build() {
      return new WorkContext(principal, role, process, stage, concepts, attributes, text, time);
    }
  }
}
