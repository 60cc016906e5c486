/**
 * Knowledge items: {@link io.zhiku.core.item.KnowledgeItem} with its open set of {@link
 * io.zhiku.core.item.ItemKind kinds}, lifecycle {@link io.zhiku.core.item.ItemStatus status}, typed
 * {@link io.zhiku.core.item.AttributeValue attributes}, {@link io.zhiku.core.item.ItemLink links} and
 * size {@link io.zhiku.core.item.ItemLimits limits}.
 */
package io.zhiku.core.item;
