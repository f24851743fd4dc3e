package io.scoregate.service.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Dockerfile read as its instructions: comments dropped, continuation lines joined. Enough of the format
 * for the files of this repository (no parser directives, no heredocs, JSON-array form only for ENTRYPOINT).
 */
record Dockerfile(Path path, List<Instruction> instructions) {

    /** One instruction: its keyword in upper case, its flags (--from=build) and its remaining words. */
    record Instruction(String keyword, List<String> flags, List<String> args, String raw) {

        Optional<String> flag(String name) {
            return flags.stream().filter(f -> f.startsWith("--" + name + "=")).map(f -> f.substring(name.length() + 3))
                    .findFirst();
        }

        /** The text after the keyword, as written (for RUN and the JSON form of ENTRYPOINT). */
        String rest() {
            return raw.substring(raw.indexOf(' ') + 1).trim();
        }
    }

    static Dockerfile read(Path path) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().trim();
            pending.setLength(0);
            if (!text.isEmpty()) {
                out.add(parse(text));
            }
        }
        return new Dockerfile(path, List.copyOf(out));
    }

    private static Instruction parse(String text) {
        String[] words = text.split("\\s+");
        List<String> flags = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (args.isEmpty() && words[i].startsWith("--")) {
                flags.add(words[i]);
            } else {
                args.add(words[i]);
            }
        }
        return new Instruction(words[0].toUpperCase(Locale.ROOT), List.copyOf(flags), List.copyOf(args), text);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction only(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.size() != 1) {
            throw new AssertionError(path + ": expected one " + keyword + ", found " + found.size());
        }
        return found.get(0);
    }
}
