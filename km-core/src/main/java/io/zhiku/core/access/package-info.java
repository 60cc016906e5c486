/**
 * Access control: a {@link io.zhiku.core.access.Principal} asks, an {@link io.zhiku.core.access.Acl}
 * answers. {@link io.zhiku.core.access.Acl#permits(io.zhiku.core.access.Principal)} is the single
 * visibility rule every engine enforces.
 */
package io.zhiku.core.access;
