package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowCommandTest {

    final CliHarness cli = new CliHarness();

    @Test
    void openOnAWednesdayExitsZero() {
        var r = cli.run("window");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("OPEN at 2026-11-25T12:00+03:00[Africa/Nairobi]: promotion is allowed.\n");
    }

    @Test
    void fridayEveningIsFrozenUntilMondayWithExitTwo() {
        var r = cli.run("window", "--now", "2026-11-27T18:06:00+03:00");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("FROZEN at 2026-11-27T18:06+03:00[Africa/Nairobi] by weekend freeze (Friday 15:00 to "
                + "Monday 06:00) until 2026-11-30T06:00+03:00[Africa/Nairobi].\n");
        assertThat(r.err()).isEqualTo("ci-gate: promotion is frozen until 2026-11-30T06:00+03:00[Africa/Nairobi].\n");
    }

    @Test
    void policyChangesZoneAndAddsHolidays(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("p.json");
        Files.writeString(policy, "{\"freeze\": {\"zone\": \"Europe/London\", \"dates\": [{\"name\": \"Boxing Day\", \"date\": \"2026-12-28\"}]}}");
        var r = cli.run("window", "--policy", policy.toString(), "--now", "2026-12-28T10:00:00Z");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("Boxing Day").contains("until 2026-12-29T00:00Z[Europe/London]");
    }

    @Test
    void badNowIsExitFour() {
        var r = cli.run("window", "--now", "tomorrow");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err()).startsWith("ci-gate: `--now` must be an ISO-8601 instant");
    }
}
