/**
 * How every Zhiku engine reads what a person types and marks it in a hit: the search-box syntax ({@link
 * io.zhiku.analysis.query.UserQueryParser}), built through an engine's {@link
 * io.zhiku.analysis.query.QueryTarget}, and highlighting on the text alone ({@link
 * io.zhiku.analysis.query.Highlights}). For engines; applications search through the knowledge base.
 */
package io.zhiku.analysis.query;
