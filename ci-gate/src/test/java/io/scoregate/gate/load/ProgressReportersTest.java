package io.scoregate.gate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReportersTest {

    @Test
    void shouldPrintPlainLinesForCi() {
        var text = new StringWriter();
        var progress = ProgressReporters.of(new PrintWriter(text), false);
        progress.onProgress(50, 200, 40, 1);
        progress.onProgress(200, 200, 200, 3);
        assertThat(text.toString().lines()).containsExactly(
                "load: sent 50/200, completed 40 (20%), failed 1",
                "load: sent 200/200, completed 200 (100%), failed 3");
    }

    @Test
    void shouldRedrawOneBarOnATerminalAndEndTheLineWhenDone() {
        var text = new StringWriter();
        var progress = ProgressReporters.of(new PrintWriter(text), true);
        progress.onProgress(100, 200, 100, 0);
        progress.onProgress(200, 200, 200, 2);
        progress.onProgress(200, 200, 200, 2);
        String out = text.toString();
        assertThat(out).startsWith("\r[###############...............]  50%  sent 100/200  done 100  failed 0 ");
        assertThat(out).contains("\r[##############################] 100%  sent 200/200  done 200  failed 2 ");
        assertThat(out).endsWith(System.lineSeparator()).doesNotContain("\n\r");
        assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(2);
    }
}
