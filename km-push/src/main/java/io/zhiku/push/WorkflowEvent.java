package io.zhiku.push;

import io.zhiku.core.ValidationException;
import io.zhiku.core.event.WorkContext;
import io.zhiku.core.internal.Checks;

/**
 * A step in the host's business workflow (a sales project entered the proposal stage, a ticket was
 * opened, a project was created), published to the knowledge base so that registered {@link
 * PushListener}s receive what helps at that step.
 *
 * <p>A value: immutable and thread-safe.
 *
 * @param type what happened, a token such as {@link #STAGE_ENTERED}; hosts may use their own
 * @param context the work context after the step
 * @param limit how many recommendations to push, 1 to 100
 */
public record WorkflowEvent(String type, WorkContext context, int limit) {
  /** A process moved to a new stage. */
  public static final String STAGE_ENTERED = "stage-entered";
  /** A service ticket or case was opened. */
  public static final String TICKET_OPENED = "ticket-opened";
  /** A project was created. */
  public static final String PROJECT_CREATED = "project-created";

  /**
   * Validates.
   *
   * @param type what happened, a token such as {@link #STAGE_ENTERED}; hosts may use their own
   * @param context the work context after the step
   * @param limit how many recommendations to push, 1 to 100
   * @throws ValidationException if the type is not a token, the context is missing or the limit is out of range
   */
  public WorkflowEvent {
    Checks.token("WorkflowEvent.type", type);
    Checks.present("WorkflowEvent.context", context);
    if (limit < 1 || limit > 100) {
      throw new ValidationException("WorkflowEvent.limit", limit, "must be between 1 and 100");
    }
  }

  /**
   * A workflow event asking for five recommendations.
   *
   * @param type what happened
   * @param context the work context after the step
   * @return the event
   */
  public static WorkflowEvent of(String type, WorkContext context) {
    return new WorkflowEvent(type, context, 5);
  }
}
