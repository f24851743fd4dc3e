package io.scoregate.gate.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesRequestFileTest {

    @TempDir
    Path tmp;

    @Test
    void shouldReadEachObjectAndSkipBlankLines() throws Exception {
        Path file = Files.writeString(tmp.resolve("requests.jsonl"),
                "{\"applicationId\":\"a1\",\"lenderId\":\"lender-ke-01\",\"tenorMonths\":6}\n\n"
                        + "  \n{\"applicationId\":\"a2\",\"lenderId\":\"lender-ke-02\"}\n");

        var bodies = JsonLinesRequestFile.read(file);

        assertThat(bodies).extracting(RequestBody::lenderId).containsExactly("lender-ke-01", "lender-ke-02");
        assertThat(bodies.get(0).json()).isEqualTo("{\"applicationId\":\"a1\",\"lenderId\":\"lender-ke-01\",\"tenorMonths\":6}");
    }

    @Test
    void shouldCycleThroughTheFileAsACorpus() throws Exception {
        Path file = Files.writeString(tmp.resolve("r.jsonl"),
                "{\"lenderId\":\"x\"}\n{\"lenderId\":\"y\"}\n");
        RequestCorpus corpus = JsonLinesRequestFile.corpus(file);
        assertThat(new String[] {corpus.next().lenderId(), corpus.next().lenderId(), corpus.next().lenderId()})
                .containsExactly("x", "y", "x");
    }

    @Test
    void shouldNameTheLineThatIsNotJson() throws Exception {
        Path file = Files.writeString(tmp.resolve("bad.jsonl"), "{\"lenderId\":\"x\"}\n\n{\"lenderId\": oops}\n");
        assertThatThrownBy(() -> JsonLinesRequestFile.read(file))
                .isInstanceOf(InvalidRequestFileException.class)
                .hasMessageStartingWith("Line 3 of request file " + file + " is not valid JSON");
    }

    @Test
    void shouldNameTheLineThatIsNotAnObjectOrHasNoLender() throws Exception {
        Path array = Files.writeString(tmp.resolve("array.jsonl"), "[1,2]\n");
        Path noLender = Files.writeString(tmp.resolve("nolender.jsonl"),
                "{\"lenderId\":\"x\"}\n{\"applicationId\":\"a\"}\n");
        assertThatThrownBy(() -> JsonLinesRequestFile.read(array))
                .hasMessage("Line 1 of request file " + array + " is not a JSON object.");
        assertThatThrownBy(() -> JsonLinesRequestFile.read(noLender))
                .hasMessage("Line 2 of request file " + noLender + " has no string `lenderId`.");
    }

    @Test
    void shouldRefuseAnEmptyOrMissingFile() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.jsonl"), "\n \n");
        assertThatThrownBy(() -> JsonLinesRequestFile.read(empty))
                .isInstanceOf(InvalidRequestFileException.class)
                .hasMessage("Request file " + empty + " holds no requests.");
        assertThatThrownBy(() -> JsonLinesRequestFile.read(tmp.resolve("nope.jsonl")))
                .isInstanceOf(InvalidRequestFileException.class)
                .hasMessageContaining("does not exist");
    }
}
