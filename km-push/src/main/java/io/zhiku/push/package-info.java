/**
 * Push: {@link io.zhiku.push.KnowledgePush} answers "what helps this person now" from the usage, the
 * items and the rules of a knowledge base, hands workflow pushes to {@link io.zhiku.push.PushListener}s
 * and subscriptions to {@link io.zhiku.push.ItemListener}s; {@link io.zhiku.push.PushSettings} chooses
 * and weighs the {@link io.zhiku.push.Recommender}s.
 */
package io.zhiku.push;
