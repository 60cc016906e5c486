/**
 * The SolrCloud engine: one knowledge base shared by every instance of a host, on Apache Solr 9.10.1 in
 * SolrCloud mode. Add {@code io.zhiku:km-solr} and open a knowledge base with
 * {@code KnowledgeBase.builder().engine("solr").engineOption(SolrConnection.zooKeeper(hosts, "/solr"))};
 * {@link io.zhiku.solr.SolrLayout} names the collections, {@link io.zhiku.solr.SolrSetup} creates them.
 * See the module's README for what the engine guarantees and what it does not.
 */
package io.zhiku.solr;
