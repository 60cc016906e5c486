package io.zhiku.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.StorageException;
import io.zhiku.core.UnavailableException;
import java.io.IOException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.junit.jupiter.api.Test;

/** Which Solr failures a host may retry as they are ({@link UnavailableException}) and which it may not. */
class SolrFailureKindsTest {
  private static StorageException failure(Exception e) {
    return SolrCalls.failure("kb_items", "search", e);
  }

  @Test
  void transientFailures_areUnavailable() {
    assertInstanceOf(UnavailableException.class, failure(new SolrServerException("no live node")));
    assertInstanceOf(UnavailableException.class, failure(new IOException("connection reset")));
    assertInstanceOf(UnavailableException.class, failure(new SolrException(ErrorCode.SERVICE_UNAVAILABLE, "no leader")));
    assertInstanceOf(UnavailableException.class, failure(new SolrException(ErrorCode.SERVER_ERROR, "Error while saving shard term")));
    assertInstanceOf(UnavailableException.class, SolrCalls.refusal("kb_items", "item \"a\"", "no ZooKeeper session"));
  }

  @Test
  void otherFailures_areStorageFailures_notRetryableAsTheyAre() {
    StorageException e = failure(new SolrException(ErrorCode.BAD_REQUEST, "undefined field zh_title"));
    assertFalse(e instanceof UnavailableException, e.toString());
    assertTrue(e.getMessage().contains("kb_items") && e.getMessage().contains("undefined field zh_title"), e.getMessage());
    assertFalse(failure(new SolrException(ErrorCode.SERVER_ERROR, "java.lang.OutOfMemoryError")) instanceof UnavailableException);
    StorageException refused = SolrCalls.refusal("kb_items", "item \"a\"", "document is missing mandatory uniqueKey field");
    assertFalse(refused instanceof UnavailableException);
    assertEquals("the collection kb_items refused item \"a\": document is missing mandatory uniqueKey field", refused.getMessage());
  }
}
