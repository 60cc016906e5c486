package io.zhiku.core.kb;

/**
 * What a knowledge base has done since it opened, for a host's monitoring ({@link KnowledgeBase#stats()}):
 * sizes, and per kind of operation how many calls, failures and how long they took. Counters only grow
 * while the knowledge base is open; they start at zero at each open and are not stored.
 *
 * <p>A value, a snapshot taken without stopping writers (two counters may be a call apart): immutable and
 * thread-safe.
 *
 * @param items the live items (the item catalog's size)
 * @param lastSequence the sequence number of the last change (items and taxonomy) this instance knows of
 * @param committedSequence the last change made durable
 * @param puts {@code put} and {@code putAll} calls (a batch is one call)
 * @param itemsWritten the items those calls stored
 * @param deletes {@code delete} calls
 * @param versionConflicts puts and deletes refused because the item had another version
 * @param searches searches, recorded or not ({@code search}, {@code searchUnrecorded})
 * @param similar {@code similarTo} and {@code similarToText} calls
 * @param eventsRecorded usage events stored through {@link KnowledgeBase#events()} (duplicates not counted)
 * @param refreshes refreshes, explicit and in the background
 * @param commits commits, explicit and due by the commit policy (the commit at close is not counted: the
 *     stats end with the knowledge base)
 */
public record KnowledgeBaseStats(
    long items,
    long lastSequence,
    long committedSequence,
    OperationStats puts,
    long itemsWritten,
    OperationStats deletes,
    long versionConflicts,
    OperationStats searches,
    OperationStats similar,
    long eventsRecorded,
    OperationStats refreshes,
    OperationStats commits) {}
