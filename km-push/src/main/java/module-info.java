/**
 * Zhiku push: knowledge that finds the person. {@code io.zhiku.push}: {@link io.zhiku.push.KnowledgePush}
 * (push for a work context, workflow pushes, subscriptions), its settings, rules and the {@link
 * io.zhiku.push.Recommender} interface; attached to a knowledge base through its public API (change
 * listeners, the item catalog). Implementation ({@code ...internal}) is not exported.
 */
module io.zhiku.push {
  requires transitive io.zhiku.core;
  requires org.slf4j;

  exports io.zhiku.push;
}
