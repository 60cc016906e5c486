package io.zhiku.push.internal;

import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.StringIds;
import io.zhiku.core.internal.UseWeights;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The aggregates push reads on every request, kept in step with the event store as events are recorded
 * and rebuilt from it when a knowledge base opens: so that a push never scans events. Bounded: about
 * 160 bytes per item used (measured over 1M items and 50M events), whatever the number of roles and
 * segments.
 *
 * <ul>
 *   <li>Per segment (everyone, role, stage, tracked context attributes) and channel, a time-decayed sum
 *       per item used in that segment, in an open-addressing table on int item ids ({@link SparseSums}).
 *       A sum is kept relative to a reference time: an event at time t adds {@code w * 2^((t - ref) /
 *       halfLife)}; reading at {@code now} multiplies by {@code 2^((ref - now) / halfLife)}. When the
 *       exponent grows large every table is rebased. All tables together hold at most {@link #budget()}
 *       sums ({@value #SUMS_PER_ITEM} per item used, at least {@value #MIN_BUDGET}), shared out by each
 *       table's share of the recent traffic (decayed as the sums are): a table that reaches its share
 *       keeps its largest half and forgets the rest. An item forgotten and used again starts from zero,
 *       so a sum is never above the truth and may miss what an item had when its table forgot it: the
 *       top of a busy segment, the part push lists, is the true top within a few percent (early uses of
 *       a segment that was young and small are what get forgotten).
 *   <li>For co-usage, the {@value #ITEM_RING} most recent distinct users of each item and the {@value
 *       #USER_RING} most recently used distinct items of each user, with when each was last used ({@link
 *       Rings}): the items a push is anchored on.
 *   <li>Item and user ids are numbered by {@link StringIds}; item ids are held in the canonical
 *       instance the caller gives (the JVM's interned one, which the item table also holds).
 * </ul>
 *
 * <p>Thread-safe: writers take a write lock, readers a read lock.
 */
public final class UsageStats {
  /** Usage: how much each event type says "this item helped". */
  public static final String USE = "use";
  /** Feedback on pushes: accepted +1, dismissed -1. */
  public static final String FEEDBACK = "feedback";
  /** The most recent distinct users kept per item. */
  static final int ITEM_RING = 16;
  /** The most recent distinct items kept per user. */
  static final int USER_RING = 64;
  /** The sums all segments may hold per item used. */
  static final int SUMS_PER_ITEM = 1;
  /** The sums all segments may hold however few items were used. */
  static final int MIN_BUDGET = 65_536;
  /** The fewest sums a table may hold before it is pruned, whatever its share (unless tables are many). */
  static final int MIN_TABLE = 256;
  private static final double REBASE_EXPONENT = 60;

  private final double halfLifeMillis;
  private final Set<String> segmentAttributes;
  private final UnaryOperator<String> canonicalItemId;
  private final int minBudget;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final StringIds items = new StringIds();
  private final StringIds users = new StringIds();
  private final Map<String, SparseSums> sums = new HashMap<>(); // channel + " " + segment key -> per item
  private final Rings itemUsers = new Rings(ITEM_RING);
  private final Rings userItems = Rings.timed(USER_RING);
  private long reference = Long.MIN_VALUE;
  /** The sums held by all tables, and the traffic of all tables (see {@link SparseSums#traffic()}). */
  private long entries;
  private double traffic;
  /** When {@link #entries} passes this, every table over its share is pruned. */
  private long nextSweep;

  /**
   * Creates empty statistics.
   *
   * @param halfLife how fast usage fades
   * @param segmentAttributes the context attribute keys counted as segments
   * @param canonicalItemId the instance of an item id to keep (one shared with the item table, so that it
   *     is held once)
   */
  public UsageStats(Duration halfLife, Set<String> segmentAttributes, UnaryOperator<String> canonicalItemId) {
    this(halfLife, segmentAttributes, canonicalItemId, MIN_BUDGET);
  }

  /** With a smaller least budget, for tests that make tables prune. */
  UsageStats(Duration halfLife, Set<String> segmentAttributes, UnaryOperator<String> canonicalItemId, int minBudget) {
    this.halfLifeMillis = halfLife.toMillis();
    this.segmentAttributes = Set.copyOf(segmentAttributes);
    this.canonicalItemId = canonicalItemId;
    this.minBudget = minBudget;
    this.nextSweep = minBudget;
  }

  /**
   * Adds a recorded event.
   *
   * @param e the event
   */
  public void add(UsageEvent e) {
    WorkContext c = e.context();
    add(e.time().toEpochMilli(), e.type().name(), e.principal().userId(), e.itemId(), List.copyOf(e.principal().roles()),
        c == null ? null : c.role(), c == null ? null : c.stage(), c == null ? k -> null : c::attribute,
        e.value() == null ? Double.NaN : e.value());
  }

  /**
   * Adds a stored event, as read from the event store.
   *
   * @param r the row
   */
  public void add(EventRow r) {
    String type = r.type();
    if (!UseWeights.COUNTED.contains(type) || r.itemId() == null) {
      return; // skip reading the other columns
    }
    add(r.timeMillis(), type, r.userId(), r.itemId(), r.principalRoles(), r.contextRole(), r.contextStage(),
        r::contextAttribute, r.value());
  }

  private void add(long time, String type, String user, String item, List<String> roles, String contextRole, String stage,
      Function<String, String> attribute, double value) {
    double use = UseWeights.use(type, value);
    double feedback = UseWeights.feedback(type);
    if (item == null || (use == 0 && feedback == 0)) {
      return;
    }
    lock.writeLock().lock();
    try {
      if (reference == Long.MIN_VALUE) {
        reference = time;
      }
      double exponent = (time - reference) / halfLifeMillis;
      if (exponent > REBASE_EXPONENT) {
        rebase(time);
        exponent = 0;
      }
      double scale = Math.pow(2, exponent);
      int i = itemId(item);
      List<String> segments = segmentKeys(roles, contextRole, stage, attribute);
      for (String segment : segments) {
        if (use != 0) {
          add(USE, segment, i, use * scale);
        }
        if (feedback != 0) {
          add(FEEDBACK, segment, i, feedback * scale);
        }
      }
      if (use != 0) {
        int u = userId(user);
        itemUsers.remember(i, u);
        userItems.remember(u, i, time);
      }
      if (entries > nextSweep) {
        sweep();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Adds to an item's sum in a table, pruning the table first if the item is new and the table full. */
  private void add(String channel, String segment, int item, double v) {
    SparseSums table = sums.computeIfAbsent(channel + " " + segment, k -> new SparseSums());
    int share = share(table);
    if (table.size() >= share && !table.contains(item)) {
      entries -= table.prune(share / 2);
    }
    traffic += Math.abs(v);
    if (table.add(item, v)) {
      entries++;
    }
  }

  /**
   * How many sums a table may hold: the budget times the table's share of the recent traffic, or a
   * floor for a quiet table ({@value #MIN_TABLE}, less when there are so many tables that their floors
   * would pass a quarter of the budget).
   */
  private int share(SparseSums table) {
    long budget = budget();
    long floor = Math.max(1, Math.min(MIN_TABLE, budget / (4L * sums.size())));
    return (int) Math.max(floor, budget * (traffic > 0 ? table.traffic() / traffic : 1));
  }

  /**
   * The sums all tables together hold, give or take a half: a quarter for the quiet tables' floors, a
   * quarter because a table's share is enforced when it next grows or at the next sweep.
   *
   * @return {@value #SUMS_PER_ITEM} per item used, at least {@value #MIN_BUDGET}
   */
  long budget() {
    return Math.max(minBudget, (long) SUMS_PER_ITEM * items.size());
  }

  /** The sums a segment's table holds, for tests. */
  int size(String channel, String segmentKey) {
    lock.readLock().lock();
    try {
      SparseSums table = sums.get(channel + " " + segmentKey);
      return table == null ? 0 : table.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The sums all tables hold. */
  long entries() {
    lock.readLock().lock();
    try {
      return entries;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Prunes every table over its share: tables whose traffic fell behind shrink here, not when they grow. */
  private void sweep() {
    for (SparseSums table : sums.values()) {
      int share = share(table);
      if (table.size() > share) {
        entries -= table.prune(share / 2);
      }
    }
    nextSweep = entries + budget() / 4;
  }

  /** The segments an event counts in. */
  private List<String> segmentKeys(List<String> roles, String contextRole, String stage, Function<String, String> attribute) {
    List<String> out = new ArrayList<>(4);
    out.add("everyone=");
    if (contextRole != null) {
      out.add("role=" + contextRole);
    } else {
      roles.forEach(r -> out.add("role=" + r));
    }
    if (stage != null) {
      out.add("stage=" + stage);
    }
    for (String key : segmentAttributes) {
      String v = attribute.apply(key);
      if (v != null) {
        out.add(key + "=" + v);
      }
    }
    return out;
  }

  /**
   * Whether a segment's dimension is counted.
   *
   * @param dimension the dimension
   * @return {@code true} for everyone, role, stage and the tracked attribute keys
   */
  public boolean tracks(String dimension) {
    return dimension.equals("everyone") || dimension.equals("role") || dimension.equals("stage")
        || segmentAttributes.contains(dimension);
  }

  private int itemId(String item) {
    return number(items, itemUsers, item, canonicalItemId);
  }

  private int userId(String user) {
    return number(users, userItems, user, UnaryOperator.identity());
  }

  /** The number of an item or a person, given one (and a row in its rings) if it has none. */
  private static int number(StringIds ids, Rings rows, String s, UnaryOperator<String> canonical) {
    int n = ids.find(s);
    if (n < 0) {
      n = ids.add(canonical.apply(s));
      rows.addRow();
    }
    return n;
  }

  private void rebase(long time) {
    double factor = Math.pow(2, (reference - time) / halfLifeMillis);
    for (SparseSums a : sums.values()) {
      a.scale(factor);
    }
    traffic *= factor;
    reference = time;
  }

  /**
   * The items with the highest positive decayed sums in a segment, best first (ties by id). The ranking
   * is cached per segment until {@link #refreshTops()}: like search, it follows new events as of the
   * last refresh, while each listed sum is decayed to {@code nowMillis}.
   *
   * @param channel {@link #USE} or {@link #FEEDBACK}
   * @param segmentKey the segment's key
   * @param nowMillis the time to decay to
   * @param limit how many at most
   * @return item ids with their decayed sums (in events at {@code now})
   */
  public List<Scored> top(String channel, String segmentKey, long nowMillis, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    String key = channel + " " + segmentKey;
    CachedTop cached = topCache.get(key);
    if (cached == null || cached.ids.length < limit && cached.full) {
      cached = computeTop(key, Math.max(limit, TOP_CACHED));
      topCache.put(key, cached);
    }
    double factor = Math.pow(2, (cached.reference - nowMillis) / halfLifeMillis); // raw sums to sums at now
    int n = Math.min(limit, cached.ids.length);
    CachedTop top = cached;
    // A view: readers usually need the first few readable items of a thousand.
    return new java.util.AbstractList<>() {
      @Override
      public Scored get(int k) {
        java.util.Objects.checkIndex(k, n);
        return new Scored(top.ids[k], top.sums[k] * factor);
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /** How many items a cached top list holds. */
  static final int TOP_CACHED = 1000;

  /** A segment's best items, by raw sum at {@code reference}, best first (ties by id). */
  private record CachedTop(String[] ids, double[] sums, long reference, boolean full) {}

  private final Map<String, CachedTop> topCache = new java.util.concurrent.ConcurrentHashMap<>();

  /** Forgets the cached top lists: the knowledge base calls it when it refreshes events. */
  public void refreshTops() {
    topCache.clear();
  }

  private CachedTop computeTop(String key, int limit) {
    lock.readLock().lock();
    try {
      SparseSums table = sums.get(key);
      if (table == null) {
        return new CachedTop(new String[0], new double[0], reference, false);
      }
      // A min-heap of the table's slots on their raw sums (decay multiplies every sum alike): no object per item.
      double[] a = table.slotValues();
      int[] heap = new int[limit];
      int size = 0;
      for (int slot = 0; slot < table.slots(); slot++) {
        double v = a[slot];
        if (table.itemAt(slot) < 0 || v <= 0) {
          continue;
        }
        if (size < limit) {
          heap[size] = slot;
          siftUp(heap, size++, a);
        } else if (v > a[heap[0]]) {
          heap[0] = slot;
          siftDown(heap, size, a);
        }
      }
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = heap[k];
      }
      Arrays.sort(order, (x, y) -> a[x] != a[y] ? Double.compare(a[y], a[x])
          : items.get(table.itemAt(x)).compareTo(items.get(table.itemAt(y))));
      String[] ids = new String[size];
      double[] values = new double[size];
      for (int k = 0; k < size; k++) {
        ids[k] = items.get(table.itemAt(order[k]));
        values[k] = a[order[k]];
      }
      return new CachedTop(ids, values, reference, size == limit);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void siftUp(int[] heap, int at, double[] a) {
    int x = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (a[heap[parent]] <= a[x]) {
        break;
      }
      heap[at] = heap[parent];
      at = parent;
    }
    heap[at] = x;
  }

  private static void siftDown(int[] heap, int size, double[] a) {
    int at = 0;
    int x = heap[0];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && a[heap[child + 1]] < a[heap[child]]) {
        child++;
      }
      if (a[heap[child]] >= a[x]) {
        break;
      }
      heap[at] = heap[child];
      at = child;
    }
    heap[at] = x;
  }

  /**
   * Items used by other people who also used an item: for each, how many distinct people (other than
   * {@code excludedUser}) used both, among the item's {@value #ITEM_RING} most recent users and each such
   * user's {@value #USER_RING} most recent items.
   *
   * @param anchor the item
   * @param excludedUser the person asking, whose own use does not count
   * @param minSupport the fewest distinct people a pair needs
   * @param max how many at most
   * @return item ids with their support, best first (ties by id)
   */
  public List<Scored> usedTogether(String anchor, String excludedUser, int minSupport, int max) {
    lock.readLock().lock();
    try {
      int a = items.find(anchor);
      if (a < 0) {
        return List.of();
      }
      int me = users.find(excludedUser);
      Support support = SUPPORT.get().reset(items.size());
      for (int k = 0; k < itemUsers.size(a); k++) {
        int u = itemUsers.get(a, k);
        if (u == me) {
          continue;
        }
        for (int j = 0; j < userItems.size(u); j++) {
          int item = userItems.get(u, j);
          if (item != a) {
            support.add(item);
          }
        }
      }
      // Supports are at most ITEM_RING: bucket them, and sort by id only the buckets that make the cut.
      List<List<Integer>> bySupport = new ArrayList<>(ITEM_RING + 1);
      for (int k = 0; k <= ITEM_RING; k++) {
        bySupport.add(new ArrayList<>());
      }
      for (int t = 0; t < support.touched; t++) {
        int item = support.items[t];
        int count = support.counts[item];
        if (count >= minSupport) {
          bySupport.get(count).add(item);
        }
      }
      List<Scored> out = new ArrayList<>(Math.min(max, support.touched));
      for (int count = ITEM_RING; count >= minSupport && out.size() < max; count--) {
        List<Scored> bucket = new ArrayList<>();
        for (int item : bySupport.get(count)) {
          bucket.add(new Scored(items.get(item), count));
        }
        bucket.sort(Scored.ORDER);
        out.addAll(bucket.subList(0, Math.min(bucket.size(), max - out.size())));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The items a person used most recently (an event with a use weight: viewed, clicked, reused, accepted
   * when pushed, found helpful, rated 4 or more), each once, among the {@value #USER_RING} kept.
   *
   * @param user the person's user id
   * @param limit how many at most
   * @return item ids, most recently used first (ties, within a second, by id)
   */
  public List<String> recentItems(String user, int limit) {
    lock.readLock().lock();
    try {
      int u = users.find(user);
      if (u < 0 || limit < 1) {
        return List.of();
      }
      record Use(String itemId, long seconds) {}
      List<Use> held = new ArrayList<>(userItems.size(u));
      for (int k = 0; k < userItems.size(u); k++) {
        held.add(new Use(items.get(userItems.get(u, k)), userItems.seconds(u, k)));
      }
      held.sort(Comparator.comparingLong(Use::seconds).reversed().thenComparing(Use::itemId));
      return held.stream().limit(limit).map(Use::itemId).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  private static final ThreadLocal<Support> SUPPORT = ThreadLocal.withInitial(Support::new);

  /**
   * Counts per item for one {@link #usedTogether} call, reused by the thread: a count per known item,
   * and which items were counted, so that clearing costs only those.
   */
  private static final class Support {
    int[] counts = new int[0];
    int[] items = new int[ITEM_RING * USER_RING];
    int touched;

    Support reset(int itemCount) {
      for (int t = 0; t < touched; t++) {
        counts[items[t]] = 0;
      }
      touched = 0;
      if (counts.length < itemCount) {
        counts = new int[Math.max(itemCount, counts.length * 2)];
      }
      return this;
    }

    void add(int item) {
      if (counts[item]++ == 0) {
        items[touched++] = item;
      }
    }
  }

  /**
   * An item id and a score.
   *
   * @param itemId the item
   * @param score the score
   */
  public record Scored(String itemId, double score) {
    /** Best first, ties by id. */
    static final Comparator<Scored> ORDER =
        Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::itemId);
  }
}
