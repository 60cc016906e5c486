/** The SolrCloud engine's implementation, in progress (issue 19): the configset and its setup. Not an API. */
package io.zhiku.solr.internal;
