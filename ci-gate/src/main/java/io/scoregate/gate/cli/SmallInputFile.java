package io.scoregate.gate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file the gate holds whole in memory (a policy, a token), refusing, before reading a byte, anything
 * that is not a regular file or is larger than its cap. {@code --policy /dev/zero} used to read until the heap
 * ran out and exit 1 (the BLOCK code) with an OutOfMemoryError; a 300 MB policy took over two minutes. The
 * read itself also stops at the cap, for a file that grows after the check.
 */
final class SmallInputFile {

    /** A policy is a few dozen lines. */
    static final long POLICY_CAP = 1L << 20;
    /** A bearer token is a line. */
    static final long TOKEN_CAP = 64L << 10;
    /** Request bodies are held in memory and cycled; a corpus of a few thousand bodies is a few MB. */
    static final long REQUESTS_FILE_CAP = 64L << 20;

    private SmallInputFile() {
    }

    /** The file's text (UTF-8), or exit 4 naming {@code option}, the file and what is wrong with it. */
    static String read(String option, Path file, long cap) throws ExitException {
        check(option, file, cap);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) cap + 1);
        } catch (IOException e) {
            throw ExitException.invalidInput("`" + option + "` " + file + " cannot be read: " + e.getMessage());
        }
        if (bytes.length > cap) {
            throw tooLarge(option, file, cap);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ExitException.invalidInput("`" + option + "` " + file + " is not UTF-8 text.");
        }
    }

    /** Refuses a missing, non-regular (device, FIFO, directory) or oversized file without opening it. */
    static void check(String option, Path file, long cap) throws ExitException {
        BasicFileAttributes attributes;
        try {
            // following links: a link to a regular file is fine, a link to /dev/zero is not
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw ExitException.invalidInput("`" + option + "` " + file + " does not exist.");
        } catch (IOException e) {
            throw ExitException.invalidInput("`" + option + "` " + file + " cannot be read: " + e.getMessage());
        }
        if (!attributes.isRegularFile()) {
            throw ExitException.invalidInput("`" + option + "` " + file + " is not a regular file ("
                    + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket") + ").");
        }
        if (attributes.size() > cap) {
            throw tooLarge(option, file, cap);
        }
        if (!Files.isReadable(file)) {
            throw ExitException.invalidInput("`" + option + "` " + file + " cannot be read: permission denied.");
        }
    }

    private static ExitException tooLarge(String option, Path file, long cap) {
        return ExitException.invalidInput("`" + option + "` " + file + " is larger than " + (cap >= 1 << 20
                ? (cap >> 20) + " MiB" : (cap >> 10) + " KiB") + "; the gate reads it whole and refuses larger ones.");
    }
}
