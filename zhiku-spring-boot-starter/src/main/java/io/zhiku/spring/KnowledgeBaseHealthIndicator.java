package io.zhiku.spring;

import io.zhiku.core.kb.KnowledgeBase;
import io.zhiku.core.kb.KnowledgeBaseStats;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator's {@code zhiku} health: up with the item count, the last and committed sequence numbers and the
 * changes not yet committed; down with the error when the knowledge base cannot answer (closed, its engine
 * failing). Thread-safe.
 */
public class KnowledgeBaseHealthIndicator extends AbstractHealthIndicator {
  private final KnowledgeBase kb;

  /**
   * Watches a knowledge base.
   *
   * @param kb the knowledge base
   */
  public KnowledgeBaseHealthIndicator(KnowledgeBase kb) {
    super("the knowledge base cannot answer");
    this.kb = kb;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    KnowledgeBaseStats s = kb.stats();
    kb.catalog().size(); // throws once the knowledge base is closed
    builder.up().withDetail("items", s.items()).withDetail("lastSequence", s.lastSequence())
        .withDetail("committedSequence", s.committedSequence())
        .withDetail("uncommitted", s.lastSequence() - s.committedSequence());
  }
}
