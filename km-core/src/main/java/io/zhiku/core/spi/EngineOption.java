package io.zhiku.core.spi;

/**
 * A setting that one engine reads and the knowledge base only passes on: a cluster's address, a
 * collection's name, credentials, a tuning knob. Each engine defines its own options as immutable
 * values (records, validated when made), lists their types in {@link KnowledgeIndexProvider#optionTypes()},
 * and reads them from {@link IndexSettings#option(Class)}. A host sets them with {@code
 * KnowledgeBase.builder().engineOption(...)}; the knowledge base refuses an option the chosen engine does
 * not read, so a setting meant for another engine never goes silently unused.
 *
 * <p>An option that holds a secret keeps it out of {@link Object#toString()}: settings are logged.
 */
public interface EngineOption {}
