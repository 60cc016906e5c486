package io.zhiku.search.internal;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

/**
 * The highest sequence number a store applied, kept in each Lucene commit's user data under a key of
 * the store's own, so that a reopened store continues where its last commit ended. Stateless.
 */
final class CommitSequence {
  private CommitSequence() {}

  /**
   * The sequence number of the last commit.
   *
   * @param directory the store's directory
   * @param key the user-data key
   * @return the number, 0 for a new or never-committed store
   * @throws IOException if the commit cannot be read
   */
  static long read(Directory directory, String key) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return 0;
    }
    String seq = SegmentInfos.readLatestCommit(directory).getUserData().get(key);
    return seq == null ? 0 : Long.parseLong(seq);
  }

  /**
   * Commits everything the writer holds, with the sequence number.
   *
   * @param writer the store's writer
   * @param key the user-data key
   * @param sequence the highest sequence number applied
   * @throws IOException if the commit fails
   */
  static void commit(IndexWriter writer, String key, long sequence) throws IOException {
    writer.setLiveCommitData(Map.of(key, Long.toString(sequence)).entrySet());
    writer.commit();
  }
}
