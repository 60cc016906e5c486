/**
 * Usage: {@link io.zhiku.core.event.UsageEvent}s (what people did with knowledge) and the {@link
 * io.zhiku.core.event.WorkContext} (where they were in their work), the raw material of push and
 * measurement.
 */
package io.zhiku.core.event;
