package io.zhiku.benchmarks;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Deterministic synthetic knowledge items for benchmarks, in English or Chinese. */
final class Corpus {
  private static final String[] EN = (
      "customer solution proposal campus network security identity access cloud service platform data "
      + "integration project delivery requirement template contract pricing support incident resolution "
      + "knowledge expert sales manager industry education healthcare finance government manufacturing "
      + "design review lesson case study migration upgrade performance monitoring backup recovery mobile "
      + "application portal workflow approval training document policy standard quality risk budget "
      + "schedule milestone partner vendor product feature release roadmap architecture interface report")
      .split(" ");
  private static final String[] ZH = (
      "客户 方案 投标 校园 网络 安全 身份 认证 云 服务 平台 数据 集成 项目 交付 需求 模板 合同 报价 支持 "
      + "故障 处理 知识 专家 销售 经理 行业 教育 医疗 金融 政府 制造 设计 评审 经验 案例 迁移 升级 性能 "
      + "监控 备份 恢复 移动 应用 门户 流程 审批 培训 文档 制度 标准 质量 风险 预算 进度 里程碑 伙伴 厂商 "
      + "产品 功能 发布 路线图 架构 接口 报告").split(" ");

  private Corpus() {}

  static String[] vocabulary(String language) {
    return language.equals("zh") ? ZH : EN;
  }

  static String text(Random r, String language, int approxChars) {
    String[] words = vocabulary(language);
    String sep = language.equals("zh") ? "" : " ";
    StringBuilder sb = new StringBuilder(approxChars + 16);
    while (sb.length() < approxChars) {
      sb.append(words[r.nextInt(words.length)]).append(sep);
      if (r.nextInt(12) == 0) {
        sb.append(language.equals("zh") ? "。" : ". ");
      }
    }
    return sb.toString().strip();
  }

  /**
   * Text with a natural word distribution: {@link #ZIPF_WORDS} distinct pronounceable words ("kaledo",
   * "mirutapo"), drawn by Zipf's law with exponent 1 (the word of rank {@code k} about {@code 1/k} as often as
   * the first), as word frequencies in real text are; a sentence break every dozen words.
   */
  static final class Zipf {
    /** How many distinct words. */
    static final int ZIPF_WORDS = 50_000;
    private static final String[] SYLLABLES = {"ka", "le", "do", "mi", "ru", "ta", "po", "ne", "gi", "bo", "fa",
        "ze", "lu", "ha", "vi", "no", "pe", "ju", "ro", "ma"};
    private final String[] words = new String[ZIPF_WORDS];
    private final double[] cumulative = new double[ZIPF_WORDS];

    Zipf() {
      double sum = 0;
      for (int k = 0; k < ZIPF_WORDS; k++) {
        words[k] = word(k);
        sum += 1.0 / (k + 1);
        cumulative[k] = sum;
      }
      for (int k = 0; k < ZIPF_WORDS; k++) {
        cumulative[k] /= sum;
      }
    }

    /** The word of a rank: its digits in base 20, each a syllable, at least two syllables. */
    private static String word(int rank) {
      StringBuilder sb = new StringBuilder();
      int n = rank + SYLLABLES.length; // at least two syllables
      while (n > 0) {
        sb.append(SYLLABLES[n % SYLLABLES.length]);
        n /= SYLLABLES.length;
      }
      return sb.toString();
    }

    /** The rank of a random word. */
    int rank(Random r) {
      int at = Arrays.binarySearch(cumulative, r.nextDouble());
      return Math.min(ZIPF_WORDS - 1, at >= 0 ? at : -at - 1);
    }

    /** A random word. */
    String word(Random r) {
      return words[rank(r)];
    }

    /** The word of a rank, 0 the most frequent. */
    String wordAt(int rank) {
      return words[rank];
    }

    /** Text of about {@code approxChars} characters. */
    String text(Random r, int approxChars) {
      StringBuilder sb = new StringBuilder(approxChars + 16);
      while (sb.length() < approxChars) {
        sb.append(word(r)).append(' ');
        if (r.nextInt(12) == 0) {
          sb.append(". ");
        }
      }
      return sb.toString().strip();
    }
  }

  /**
   * Items of about {@code bodyBytes} UTF-8 bytes, public or readable by 1-3 of {@code groups} groups; {@code
   * language} is {@code en} or {@code zh} (words drawn uniformly from a small vocabulary) or {@code zipf}
   * (English-like words by {@link Zipf}).
   */
  static List<KnowledgeItem> items(int n, String language, int bodyBytes, int groups, int concepts, long seed) {
    List<KnowledgeItem> out = new ArrayList<>(n);
    forEachItem(n, language, bodyBytes, groups, concepts, seed, out::add);
    return out;
  }

  /**
   * The items {@link #items} returns, one at a time, for corpora too large to hold (the same items for the
   * same arguments).
   */
  static void forEachItem(int n, String language, int bodyBytes, int groups, int concepts, long seed, Consumer<KnowledgeItem> to) {
    Random r = new Random(seed);
    int chars = language.equals("zh") ? bodyBytes / 3 : bodyBytes;
    Zipf zipf = language.equals("zipf") ? new Zipf() : null;
    for (int i = 0; i < n; i++) {
      Acl acl;
      if (r.nextInt(5) == 0) {
        acl = Acl.PUBLIC;
      } else {
        List<String> allowed = new ArrayList<>();
        for (int g = 1 + r.nextInt(3); g > 0; g--) {
          allowed.add("g" + r.nextInt(groups));
        }
        acl = Acl.allow(List.of(), allowed, List.of());
      }
      KnowledgeItem.Builder b = zipf != null
          ? KnowledgeItem.builder("i" + i, ItemKind.SOLUTION, zipf.text(r, 50)).body(zipf.text(r, chars)).language("en")
              .acl(acl).tags(zipf.wordAt(r.nextInt(20)))
          : KnowledgeItem.builder("i" + i, ItemKind.SOLUTION, text(r, language, language.equals("zh") ? 16 : 50))
              .body(text(r, language, chars)).language(language).acl(acl).tags(vocabulary(language)[r.nextInt(20)]);
      if (concepts > 0) {
        b.concepts("c" + r.nextInt(concepts), "c" + r.nextInt(concepts));
      }
      to.accept(b.build());
    }
  }
}
