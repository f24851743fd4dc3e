package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to rollout and rollback: exit 4 and one sentence, before anything is changed. */
class RolloutCommandInputTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cl = GateCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void stepsThatDoNotEndAt100AreRefused() {
        int code = execute("rollout", "--targets", "http://127.0.0.1:1", "--candidate", "v1.3", "--steps", "5,25",
                "--hold", "1s");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).isEqualTo("ci-gate: `--steps` must end at 100, but was [5, 25]"
                + System.lineSeparator());
    }

    @Test
    void stepsThatFallAreRefused() {
        int code = execute("rollout", "--targets", "http://127.0.0.1:1", "--candidate", "v1.3", "--steps", "50,25,100");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("`--steps` must rise strictly within 1..100");
    }

    @Test
    void aHoldThatIsNotADurationIsNamed() {
        int code = execute("rollout", "--targets", "http://127.0.0.1:1", "--candidate", "v1.3", "--hold", "ten minutes");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("`--hold` must be a duration such as 500ms, 90s, 2m or PT2M, but was ten minutes");
    }

    @Test
    void aTargetThatIsNotAUrlIsNamed() {
        int code = execute("rollback", "--targets", "http://ok:8080,instance-2");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("`--targets` must be http(s) URLs or dns+http(s)://name:port, separated by commas, but had 'instance-2'");
    }

    @Test
    void aWebhookThatIsNotAUrlIsNamedAsTheWebhook() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "secret");

        int code = execute("rollback", "--targets", "http://127.0.0.1:1", "--admin-token-file", token.toString(),
                "--webhook", "hooks.example/abc", "--report-dir", dir.resolve("r").toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).isEqualTo("ci-gate: `--webhook` (or SCOREGATE_WEBHOOK_URL) must be one "
                + "http(s) URL, but was 'hooks.example/abc'" + System.lineSeparator());
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void anEmptyTokenFileIsRefusedWithoutCallingAnyone() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "  \n");

        int code = execute("rollback", "--targets", "http://127.0.0.1:1", "--admin-token-file", token.toString(),
                "--report-dir", dir.resolve("r").toString());

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("is empty");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void anOverrideNeedsBothApproverAndReason() {
        int code = execute("rollout", "--targets", "http://127.0.0.1:1", "--candidate", "v1.3",
                "--override-approver", "Wanjiku");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(err.toString()).contains("An override needs both `--override-approver` and `--override-reason`");
    }

    @Test
    void anUnreachableFleetIsExit5WithReports() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "secret");
        Path reports = dir.resolve("reports");

        int code = execute("rollback", "--targets", "http://127.0.0.1:" + freePort(), "--admin-token-file",
                token.toString(), "--report-dir", reports.toString(), "--watch", "0");

        assertThat(code).isEqualTo(ExitCode.TARGET_UNAVAILABLE.code());
        assertThat(err.toString()).contains("rollback FAILED").contains("connection refused");
        assertThat(err.toString()).doesNotContain("Exception");
        assertThat(reports.resolve("rollback-report.json")).exists();
        assertThat(Files.readString(reports.resolve("rollback-junit.xml"))).contains("failures=\"");
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
