package io.scoregate.service.accesslog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The access-log file, appended whole lines at a time and never left ending in a torn line. A batch is one
 * buffer of complete lines written by one {@code write} loop; when that fails part-way (a full disk accepts
 * the first bytes of a batch and refuses the rest) the file is truncated back to where the batch began.
 * If even that fails, the file is closed and the next open cuts the torn tail back to the last newline, so
 * the next line written always starts a line. Not thread-safe: the writer thread is its only user.
 * <p>
 * There is no user-space buffer, so nothing can fail later in a flush; lines reach the OS page cache (no
 * fsync: a power loss may lose the last lines, a process crash does not).
 */
final class AccessLogFile implements AutoCloseable {

    /** How far back the repair on open looks for the last newline; lines are about 200 bytes. */
    private static final int TAIL_WINDOW = 64 * 1024;

    private final Path path;
    private FileChannel channel;

    AccessLogFile(Path path) {
        this.path = path;
    }

    /** Appends {@code lines} (complete lines, each ending in a newline) or, failing, leaves the file as it was. */
    void append(ByteBuffer lines) throws IOException {
        if (channel == null) {
            channel = open();
        }
        long before = channel.size();
        try {
            while (lines.hasRemaining()) {
                channel.write(lines);
            }
        } catch (IOException e) {
            try {
                channel.truncate(before); // frees what the partial batch took, and removes the torn line
            } catch (IOException truncateFailed) {
                e.addSuppressed(truncateFailed);
                close(); // the next open repairs the tail
            }
            throw e;
        }
    }

    private FileChannel open() throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel opened = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            cutTornTail(opened);
        } catch (IOException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    /** A file that does not end in a newline (a crash or a failed truncate mid-line) is cut back to its last one. */
    private void cutTornTail(FileChannel opened) throws IOException {
        long size = opened.size();
        if (size == 0) {
            return;
        }
        int window = (int) Math.min(size, TAIL_WINDOW);
        ByteBuffer tail = ByteBuffer.allocate(window);
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            while (tail.hasRemaining() && reader.read(tail, size - window + tail.position()) >= 0) {
                // read the whole window
            }
        }
        int last = tail.position() - 1;
        if (last >= 0 && tail.get(last) == '\n') {
            return;
        }
        for (int i = last; i >= 0; i--) {
            if (tail.get(i) == '\n') {
                opened.truncate(size - window + i + 1);
                return;
            }
        }
        // No newline in the window: a tail this long is no access-log line; end it so ours start on a new line.
        opened.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to save
            }
            channel = null;
        }
    }
}
