/**
 * Zhiku in a host's Micrometer registry: {@link io.zhiku.micrometer.KnowledgeBaseMetrics} binds a knowledge
 * base's {@link io.zhiku.core.kb.KnowledgeBase#stats()} as timers, gauges and counters.
 */
package io.zhiku.micrometer;
