package io.scoregate.gate.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateMojoTest {

    @Test
    void shouldBuildTheJudgeCommandLineFromParameters() throws Exception {
        var mojo = new GateMojo();
        mojo.mode = "judge";
        mojo.baseline = "v1.2";
        mojo.candidate = "v1.3";
        mojo.log = new File("access.jsonl");
        mojo.reportDir = new File("target/ci-gate");
        mojo.now = "2026-11-25T10:00:00+03:00";
        mojo.target = "http://ignored-in-judge-mode";
        mojo.extraArgs = List.of("--policy-echo");

        assertThat(mojo.arguments()).containsExactly("judge", "--baseline", "v1.2", "--candidate", "v1.3",
                "--report-dir", "target" + File.separator + "ci-gate", "--now", "2026-11-25T10:00:00+03:00",
                "--log", "access.jsonl", "--policy-echo");
    }

    @Test
    void shouldBuildTheCompareCommandLineFromParameters() throws Exception {
        var mojo = new GateMojo();
        mojo.mode = "compare";
        mojo.baseline = "v1.2";
        mojo.candidate = "v1.3";
        mojo.target = "http://localhost:8080";
        mojo.rate = "50";
        mojo.duration = "30s";
        mojo.overrideApprover = "Wanjiru";
        mojo.overrideReason = "hotfix";

        assertThat(mojo.arguments()).containsExactly("compare", "--baseline", "v1.2", "--candidate", "v1.3",
                "--override-approver", "Wanjiru", "--override-reason", "hotfix", "--target", "http://localhost:8080",
                "--rate", "50", "--duration", "30s");
    }

    @Test
    void shouldRefuseAnUnknownModeOrAJudgeWithoutALog() {
        var mojo = new GateMojo();
        mojo.mode = "deploy";
        assertThatThrownBy(mojo::arguments).isInstanceOf(MojoExecutionException.class)
                .hasMessage("`mode` must be compare or judge, but was deploy");
        mojo.mode = "judge";
        assertThatThrownBy(mojo::arguments).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("`log`");
    }

    @Test
    void shouldFailTheBuildOnBlockAndInconclusiveNamingTheReport() {
        File dir = new File("reports");
        String report = new File(dir, "gate-report.md").getPath();
        for (int code : new int[] {1, 2, 3}) {
            assertThatThrownBy(() -> GateMojo.decide(code, dir)).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining(report);
        }
        for (int code : new int[] {4, 5, 70, 99}) {
            assertThatThrownBy(() -> GateMojo.decide(code, dir)).isInstanceOf(MojoExecutionException.class);
        }
    }

    @Test
    void shouldPassTheBuildOnPass(@TempDir Path dir) throws Exception {
        var mojo = new GateMojo();
        mojo.mode = "judge";
        mojo.baseline = "v1.2";
        mojo.candidate = "v1.3";
        // the passing invoker project's log: two versions with the same latencies, no timeouts or errors
        mojo.log = new File("src/it/judge-pass/access.jsonl");
        mojo.reportDir = dir.resolve("ci-gate").toFile();
        mojo.now = "2026-11-25T10:00:00+03:00";

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        var report = new ObjectMapper().readTree(dir.resolve("ci-gate/gate-report.json").toFile());
        assertThat(report.get("verdict").asText()).isEqualTo("PASS");
        assertThat(report.get("exitCode").asInt()).isZero();
        assertThatCode(() -> GateMojo.decide(0, dir.toFile())).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhatAnExitCodeThatIsNoVerdictMeans() {
        assertThatThrownBy(() -> GateMojo.decide(4, new File("reports"))).isInstanceOf(MojoExecutionException.class)
                .hasMessage("ci-gate: invalid input; the error above says which (exit 4)");
        assertThatThrownBy(() -> GateMojo.decide(130, new File("reports"))).isInstanceOf(MojoExecutionException.class)
                .hasMessage("ci-gate: interrupted before it could decide (exit 130)");
        assertThatThrownBy(() -> GateMojo.decide(99, new File("reports"))).isInstanceOf(MojoExecutionException.class)
                .hasMessage("ci-gate: unknown exit code 99");
    }

    @Test
    void shouldHandCompleteLinesToTheLog() throws Exception {
        List<String> lines = new ArrayList<>();
        var writer = new MavenLogWriter(s -> lines.add(s.toString()));
        writer.write("verdict: BLO");
        writer.write("CK\n\r[###...] 50%\rdone");
        assertThat(lines).containsExactly("verdict: BLOCK", "[###...] 50%");
        writer.close();
        assertThat(lines).containsExactly("verdict: BLOCK", "[###...] 50%", "done");
    }
}
