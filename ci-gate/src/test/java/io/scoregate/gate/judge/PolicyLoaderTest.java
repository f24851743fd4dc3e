package io.scoregate.gate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PolicyLoaderTest {

    @Test
    void emptyPolicyIsTheDefault() throws Exception {
        assertThat(PolicyLoader.parse("", "x")).isEqualTo(Policy.DEFAULT);
        assertThat(PolicyLoader.parse("{}", "x")).isEqualTo(Policy.DEFAULT);
    }

    @Test
    void yamlOverridesOnlyWhatItNames() throws Exception {
        var p = PolicyLoader.parse("""
                alpha: 0.01
                thresholds:
                  timeoutRate: 0.03
                freeze:
                  zone: Europe/London
                  weekly:
                    - {name: weekend, from: "friday 16:00", to: "MONDAY 07:30"}
                  dates:
                    - {name: Christmas, date: 2026-12-25}
                    - {name: year end, from: "2026-12-30T12:00", to: "2027-01-02T06:00"}
                """, "p.yaml");
        assertThat(p.alpha()).isEqualTo(0.01);
        assertThat(p.thresholds().timeoutRate()).isEqualTo(0.03);
        assertThat(p.thresholds().errorRate()).isEqualTo(0.02);
        assertThat(p.freeze().zone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(p.freeze().weekly()).singleElement().satisfies(w -> assertThat(w.fromDay()).isEqualTo(DayOfWeek.FRIDAY));
        assertThat(p.freeze().dated()).hasSize(2);
    }

    @Test
    void jsonWorksToo() throws Exception {
        assertThat(PolicyLoader.parse("{\"thresholds\": {\"meanLatencyRatio\": 3}}", "p.json").thresholds().meanLatencyRatio())
                .isEqualTo(3.0);
    }

    @Test
    void theCapacityBlockOverridesItsDefaults() throws Exception {
        var p = PolicyLoader.parse("capacity: {maxP95: 100, minRatio: 0.5}", "p");
        assertThat(p.capacity()).isEqualTo(new CapacityLimits(100, CapacityLimits.DEFAULT.maxTimeoutRate(), 0.5));
        assertThat(PolicyLoader.parse("alpha: 0.01", "p").capacity()).isEqualTo(CapacityLimits.DEFAULT);
    }

    @Test
    void badCapacityValuesNameTheField() {
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {maxP95: 0}", "p"))
                .hasMessage("`capacity.maxP95` must be between 0.001 and 60000, but was 0");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {maxP95: 1e999}", "p"))
                .hasMessageStartingWith("`capacity.maxP95` must be between 0.001 and 60000");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {maxTimeoutRate: 1}", "p"))
                .hasMessage("`capacity.maxTimeoutRate` must be between 0.0001 and 0.9999, but was 1");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {minRatio: 0}", "p"))
                .hasMessage("`capacity.minRatio` must be between 0.001 and 1, but was 0");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {minRatio: \"high\"}", "p"))
                .hasMessage("`capacity.minRatio` must be a number between 0.001 and 1, but was \"high\"");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: {maxP95Ms: 100}", "p"))
                .hasMessage("`capacity.maxP95Ms` is not a policy field; known here: maxP95, maxTimeoutRate, minRatio");
        assertThatThrownBy(() -> PolicyLoader.parse("capacity: 3", "p"))
                .hasMessageStartingWith("`capacity` must be a mapping");
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> PolicyLoader.parse("thresholds: {timeoutRate: 7}", "p"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("`thresholds.timeoutRate` must be between 0.0001 and 0.9999, but was 7")
                .extracting(e -> ((InvalidPolicyException) e).field()).isEqualTo("thresholds.timeoutRate");
        assertThatThrownBy(() -> PolicyLoader.parse("thresholds: {timeoutRat: 0.1}", "p"))
                .hasMessageStartingWith("`thresholds.timeoutRat` is not a policy field");
        assertThatThrownBy(() -> PolicyLoader.parse("minRequestsPerArm: 10.5", "p"))
                .hasMessageStartingWith("`minRequestsPerArm` must be a whole number");
        assertThatThrownBy(() -> PolicyLoader.parse("freeze: {zone: Mars/Olympus}", "p"))
                .hasMessage("`freeze.zone` must be a time-zone id such as Africa/Nairobi, but was Mars/Olympus");
        assertThatThrownBy(() -> PolicyLoader.parse("freeze: {weekly: [{from: FUNDAY 15:00, to: MONDAY 06:00}]}", "p"))
                .hasMessage("`freeze.weekly[0].from` must start with a day of the week such as FRIDAY, but was FUNDAY");
        assertThatThrownBy(() -> PolicyLoader.parse("alpha: [1", "p"))
                .hasMessageStartingWith("The policy p is not valid YAML or JSON");
        assertThatThrownBy(() -> PolicyLoader.parse("- 1\n- 2", "p"))
                .hasMessageStartingWith("`(policy)` must be a mapping");
    }
}
