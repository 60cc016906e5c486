/** Push's implementation: the engine, the blend, usage statistics, the notifier. Not an API. */
package io.zhiku.push.internal;
