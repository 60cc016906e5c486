/**
 * Zhiku's core: the exception family shared by every module. The model lives in feature packages
 * beside this one: {@link io.zhiku.core.item items}, {@link io.zhiku.core.access access control},
 * {@link io.zhiku.core.event usage events and work contexts}, the {@link io.zhiku.core.taxonomy
 * taxonomy} with SKOS import and export, and the hardened {@link io.zhiku.core.json JSON mapper}.
 */
package io.zhiku.core;
