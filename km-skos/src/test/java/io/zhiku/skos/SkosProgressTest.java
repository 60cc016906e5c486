package io.zhiku.skos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zhiku.core.kb.Progress;
import io.zhiku.core.taxonomy.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress of a SKOS import: bytes read of the file's size, a last report whether it succeeds or fails. */
class SkosProgressTest {
  private static String turtle(int concepts) {
    StringBuilder b = new StringBuilder(SkosTest.PREFIXES);
    for (int c = 0; c < concepts; c++) {
      b.append("ex:c").append(c).append(" a skos:Concept ; skos:prefLabel \"concept ").append(c).append("\"@en");
      if (c > 0) {
        b.append(" ; skos:broader ex:c").append((c - 1) / 10);
      }
      b.append(" .\n");
    }
    return b.toString();
  }

  @Test
  void fromAFile_reportsBytesOfItsSize_endingWithAFinishedReport(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.ttl");
    Files.writeString(file, turtle(5_000));
    List<Progress> heard = new CopyOnWriteArrayList<>();
    Taxonomy t = Skos.readInto(Taxonomy.empty(), file, SkosOptions.DEFAULTS, heard::add);
    assertEquals(5_000, t.size());
    long size = Files.size(file);
    Progress last = heard.get(heard.size() - 1);
    assertEquals(new Progress(Progress.SKOS_IMPORT, size, size, last.elapsed(), true), last);
    long done = 0;
    for (Progress p : heard) {
      assertTrue(p.done() >= done && p.total() == size && p.operation().equals(Progress.SKOS_IMPORT), p.toString());
      done = p.done();
    }
    assertEquals(1, heard.stream().filter(Progress::finished).count(), "one last report");
  }

  @Test
  void fromAStream_theTotalIsUnknown_andAFailingListenerDoesNotStopTheImport() {
    byte[] bytes = turtle(300).getBytes(StandardCharsets.UTF_8);
    List<Progress> heard = new CopyOnWriteArrayList<>();
    Taxonomy t = Skos.readInto(Taxonomy.empty(), new ByteArrayInputStream(bytes), SkosFormat.TURTLE, SkosOptions.DEFAULTS, p -> {
      heard.add(p);
      throw new IllegalStateException("a listener that fails");
    });
    assertEquals(300, t.size());
    Progress last = heard.get(heard.size() - 1);
    assertTrue(last.finished() && last.done() == bytes.length && last.total() == -1, last.toString());
  }

  @Test
  void aMalformedFile_stillEndsWithAFinishedReport(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.ttl");
    Files.writeString(file, turtle(50) + "ex:broken a skos:Concept ; skos:prefLabel \"unclosed .\n");
    List<Progress> heard = new CopyOnWriteArrayList<>();
    assertThrows(SkosImportException.class, () -> Skos.readInto(Taxonomy.empty(), file, SkosOptions.DEFAULTS, heard::add));
    Progress last = heard.get(heard.size() - 1);
    assertTrue(last.finished() && last.done() <= Files.size(file), last.toString());
  }
}
