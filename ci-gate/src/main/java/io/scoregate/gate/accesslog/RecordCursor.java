package io.scoregate.gate.accesslog;

import java.io.Closeable;
import java.io.IOException;

/** Pulls access-log records one at a time. Not thread-safe. */
public interface RecordCursor extends Closeable {

    /** Moves to the next valid record; false at the end. */
    boolean next() throws IOException;

    /** The record {@link #next()} moved to. */
    AccessLogRecord current();

    /** Lines, records and malformed lines; complete once {@link #next()} has returned false. */
    ReadSummary summary();
}
