package io.zhiku.examples;

import io.zhiku.core.access.Principal;
import java.util.List;

/**
 * Part 3 of the demo: the people. The host system knows who is asking; Zhiku receives it as a {@link
 * Principal} (user, groups, roles) with every call and never shows anything the principal may not read.
 */
public final class Roles {
  /** Customer manager: wins and runs the sales project (east region sales). */
  public static final Principal WANG = Principal.of("wang", List.of("sales-east"), List.of("customer-manager"));
  /** Industry manager for education: sits in the education team, which alone reads the confidential bid. */
  public static final Principal LI = Principal.of("li", List.of("education-team"), List.of("industry-manager"));
  /** Product manager for 5G private networks. */
  public static final Principal ZHAO = Principal.of("zhao", List.of("product-team"), List.of("product-manager"));
  /** Solution architect: campus networks and 5G; the expert the question should reach. */
  public static final Principal CHEN = Principal.of("chen", List.of("solution-center"), List.of("solution-architect"));
  /** Solution architect: hospitals and IoT. */
  public static final Principal LIU = Principal.of("liu", List.of("solution-center"), List.of("solution-architect"));
  /** Solution architect: logistics networks. */
  public static final Principal SUN = Principal.of("sun", List.of("solution-center"), List.of("solution-architect"));
  /** The knowledge office, for whom the KPI report is made: not in the education team. */
  public static final Principal KM_OFFICE = Principal.of("km-office", List.of("km-office"), List.of("knowledge-officer"));

  private Roles() {}
}
