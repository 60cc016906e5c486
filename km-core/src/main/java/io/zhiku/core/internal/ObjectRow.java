package io.zhiku.core.internal;

import io.zhiku.core.event.EventRow;
import io.zhiku.core.event.UsageEvent;
import java.util.List;

/**
 * An {@link EventRow} over an event object, with the sequence number and user and item numbers its
 * source gave it: for sources that hold events in memory. Immutable.
 */
public final class ObjectRow implements EventRow {
  private final long sequence;
  private final UsageEvent event;
  private final int userNumber;
  private final int itemNumber;

  /**
   * @param sequence the event's sequence number
   * @param event the event
   * @param userNumber the number of its user id
   * @param itemNumber the number of its item id, or -1 if it concerns no item
   */
  public ObjectRow(long sequence, UsageEvent event, int userNumber, int itemNumber) {
    this.sequence = sequence;
    this.event = event;
    this.userNumber = userNumber;
    this.itemNumber = itemNumber;
  }

  @Override
  public long sequence() {
    return sequence;
  }

  @Override
  public long timeMillis() {
    return event.time().toEpochMilli();
  }

  @Override
  public String type() {
    return event.type().name();
  }

  @Override
  public String userId() {
    return event.principal().userId();
  }

  @Override
  public int userNumber() {
    return userNumber;
  }

  @Override
  public int itemNumber() {
    return itemNumber;
  }

  @Override
  public String itemId() {
    return event.itemId();
  }

  @Override
  public List<String> principalRoles() {
    return List.copyOf(event.principal().roles());
  }

  @Override
  public List<String> principalGroups() {
    return List.copyOf(event.principal().groups());
  }

  @Override
  public String contextRole() {
    return event.context() == null ? null : event.context().role();
  }

  @Override
  public String contextStage() {
    return event.context() == null ? null : event.context().stage();
  }

  @Override
  public String contextAttribute(String key) {
    return event.context() == null ? null : event.context().attribute(key);
  }

  @Override
  public double value() {
    return event.value() == null ? Double.NaN : event.value();
  }

  @Override
  public long resultCount() {
    return event.resultCount() == null ? -1 : event.resultCount();
  }

  @Override
  public UsageEvent toEvent() {
    return event;
  }
}
