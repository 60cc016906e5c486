/**
 * The service-provider interface engines implement: {@link io.zhiku.core.spi.KnowledgeIndexProvider}
 * and {@link io.zhiku.core.spi.KnowledgeIndex}. Applications use {@link io.zhiku.core.kb.KnowledgeBase}.
 */
package io.zhiku.core.spi;
