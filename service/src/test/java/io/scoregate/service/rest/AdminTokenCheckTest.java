package io.scoregate.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.scoregate.service.config.RoutingAdminConfig;
import io.scoregate.service.rest.AdminTokenCheck.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenCheckTest {

    @TempDir
    Path dir;

    private static AdminTokenCheck check(Optional<String> token, Optional<Path> file) {
        return new AdminTokenCheck(new RoutingAdminConfig() {
            @Override
            public Optional<String> token() {
                return token;
            }

            @Override
            public Optional<Path> tokenFile() {
                return file;
            }
        });
    }

    @Test
    void shouldAcceptOnlyTheConfiguredBearerToken() {
        AdminTokenCheck c = check(Optional.of("s3cret"), Optional.empty());
        assertThat(c.check(Optional.of("Bearer s3cret"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(c.check(Optional.of("bearer s3cret"))).isEqualTo(Verdict.ACCEPTED);
        assertThat(c.check(Optional.of("Bearer s3cre"))).isEqualTo(Verdict.WRONG);
        assertThat(c.check(Optional.of("Bearer s3cret2"))).isEqualTo(Verdict.WRONG);
        assertThat(c.check(Optional.of("Bearer "))).isEqualTo(Verdict.MISSING);
        assertThat(c.check(Optional.of("s3cret"))).isEqualTo(Verdict.MISSING);
        assertThat(c.check(Optional.empty())).isEqualTo(Verdict.MISSING);
    }

    @Test
    void shouldReadTheTokenFileOnEveryCheckSoRotationNeedsNoRestart() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "first-token\n");
        AdminTokenCheck c = check(Optional.empty(), Optional.of(file));
        assertThat(c.check(Optional.of("Bearer first-token"))).isEqualTo(Verdict.ACCEPTED);
        Files.writeString(file, "second-token\n");
        assertThat(c.check(Optional.of("Bearer first-token"))).isEqualTo(Verdict.WRONG);
        assertThat(c.check(Optional.of("Bearer second-token"))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void shouldRefuseWritesWhenNoTokenIsConfiguredOrTheFileIsMissing() {
        assertThat(check(Optional.empty(), Optional.empty()).check(Optional.of("Bearer x")))
                .isEqualTo(Verdict.NOT_CONFIGURED);
        assertThat(check(Optional.of("  "), Optional.of(dir.resolve("missing"))).check(Optional.of("Bearer x")))
                .isEqualTo(Verdict.NOT_CONFIGURED);
    }
}
