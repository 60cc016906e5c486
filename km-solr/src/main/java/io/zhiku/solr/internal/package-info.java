/**
 * The SolrCloud engine's implementation: the item and event stores, searches, the change feed and the
 * configset's setup. Not an API: hosts use {@link io.zhiku.solr} and the knowledge base.
 */
package io.zhiku.solr.internal;
