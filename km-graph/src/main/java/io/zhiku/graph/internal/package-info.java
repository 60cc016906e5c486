/** km-graph's implementation shared between its packages. Not API: not exported. */
package io.zhiku.graph.internal;
