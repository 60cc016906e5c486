/** JSON mapping of the model, hardened for untrusted input: {@link io.zhiku.core.json.ZhikuJson}. */
package io.zhiku.core.json;
