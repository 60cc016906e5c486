package io.zhiku.benchmarks;

import io.zhiku.core.access.Acl;
import io.zhiku.core.item.ItemKind;
import io.zhiku.core.item.KnowledgeItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

  /** Items of about {@code bodyBytes} UTF-8 bytes, public or readable by 1-3 of {@code groups} groups. */
  static List<KnowledgeItem> items(int n, String language, int bodyBytes, int groups, int concepts, long seed) {
    Random r = new Random(seed);
    int chars = language.equals("zh") ? bodyBytes / 3 : bodyBytes;
    List<KnowledgeItem> out = new ArrayList<>(n);
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
      KnowledgeItem.Builder b = KnowledgeItem.builder("i" + i, ItemKind.SOLUTION, text(r, language, language.equals("zh") ? 16 : 50))
          .body(text(r, language, chars)).language(language).acl(acl).tags(vocabulary(language)[r.nextInt(20)]);
      if (concepts > 0) {
        b.concepts("c" + r.nextInt(concepts), "c" + r.nextInt(concepts));
      }
      out.add(b.build());
    }
    return out;
  }
}
