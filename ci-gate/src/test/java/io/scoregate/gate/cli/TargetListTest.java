package io.scoregate.gate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetListTest {

    /** A headless Service's records, as the resolver at this one boundary would give them. */
    static final TargetList.Resolver HEADLESS = host -> {
        Map<String, List<String>> records = Map.of(
                "scoregate-headless", List.of("10.1.0.7", "10.1.0.5", "10.1.0.6"),
                "dual-stack", List.of("10.1.0.5", "fd00::5"),
                "no-pods", List.of());
        if (!records.containsKey(host)) {
            throw new UnknownHostException(host);
        }
        return records.get(host).stream().map(TargetListTest::address).toList();
    };

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldTurnEveryAddressOfANameIntoOneTarget() throws Exception {
        assertThat(TargetList.parse("dns+http://scoregate-headless:8080", HEADLESS)).containsExactly(
                URI.create("http://10.1.0.5:8080"), URI.create("http://10.1.0.6:8080"),
                URI.create("http://10.1.0.7:8080"));
        assertThat(TargetList.parse("dns+https://dual-stack:8443/base", HEADLESS)).containsExactly(
                URI.create("https://10.1.0.5:8443/base"), URI.create("https://[fd00:0:0:0:0:0:0:5]:8443/base"));
    }

    @Test
    void shouldMixNamesAndUrlsWithoutDuplicates() throws Exception {
        assertThat(TargetList.parse("http://10.1.0.5:8080, dns+http://scoregate-headless:8080", HEADLESS))
                .hasSize(3).first().isEqualTo(URI.create("http://10.1.0.5:8080"));
    }

    @Test
    void shouldResolveARealNameWithTheSystemResolver() throws Exception {
        assertThat(TargetList.parse("dns+http://localhost:8080")).contains(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void shouldSayWhenANameHasNoInstance() {
        assertThatThrownBy(() -> TargetList.parse("dns+http://no-pods:8080", HEADLESS))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.TARGET_UNAVAILABLE))
                .hasMessageContaining("resolves to no address");
        assertThatThrownBy(() -> TargetList.parse("dns+http://typo-headless:8080", HEADLESS))
                .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.TARGET_UNAVAILABLE))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void shouldRefuseWhatIsNotAUrl() {
        for (String bad : new String[] {"dns+ftp://x:21", "dns+", "dns+http://", "ftp://x", "x:8080", " , "}) {
            assertThatThrownBy(() -> TargetList.parse(bad, HEADLESS)).as(bad)
                    .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.code()).isEqualTo(ExitCode.INVALID_INPUT));
        }
    }
}
