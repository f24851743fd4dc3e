package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli formats every description with {@link String#format}: an unescaped {@code %} ("5% -> 25%") makes it print
 * a warning with every {@code --help} and show the raw text. Every description of every command and option must
 * format.
 */
class HelpTextTest {

    @Test
    void shouldFormatEveryDescriptionWithoutAWarning() {
        List<CommandSpec> specs = new ArrayList<>();
        collect(GateCommand.commandLine(), specs);
        for (CommandSpec spec : specs) {
            for (String line : spec.usageMessage().description()) {
                assertThatCode(() -> String.format(line)).as(spec.qualifiedName() + " description")
                        .doesNotThrowAnyException();
            }
            spec.options().forEach(o -> {
                for (String line : o.description()) {
                    assertThatCode(() -> String.format(line.replace("${DEFAULT-VALUE}", "x")))
                            .as(spec.qualifiedName() + " " + o.longestName()).doesNotThrowAnyException();
                }
            });
        }
    }

    private static void collect(CommandLine cl, List<CommandSpec> out) {
        out.add(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(sub -> collect(sub, out));
    }
}
