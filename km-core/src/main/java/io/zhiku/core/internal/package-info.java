/** Implementation shared by Zhiku's modules; not exported, not API. */
package io.zhiku.core.internal;
