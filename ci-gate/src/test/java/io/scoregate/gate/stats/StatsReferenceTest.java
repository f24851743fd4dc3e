package io.scoregate.gate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every expected value below was computed with SciPy 1.17.1 / NumPy (python3) by the command quoted
 * beside it; tolerance 1e-9 relative unless stated. Data sets:
 * B, C = the millisecond-rounded lognormal samples printed by
 * {@code rng=np.random.default_rng(7); b=np.round(rng.lognormal(np.log(100),0.5,30)); c=np.round(rng.lognormal(np.log(120),0.5,25))};
 * G(n, a) = {@code np.floor(1000*np.mod(np.arange(1,n+1)*a, 1.0))}, rebuilt identically in Java.
 */
class StatsReferenceTest {

    static final double[] B = {100, 116, 87, 64, 80, 61, 103, 195, 78, 73, 128, 120, 105, 63, 99, 142, 51, 80, 39, 52,
            40, 89, 53, 115, 108, 91, 28, 76, 98, 106};
    static final double[] C = {56, 95, 74, 80, 204, 80, 118, 187, 90, 113, 127, 124, 65, 125, 237, 55, 184, 127, 87,
            326, 176, 66, 125, 160, 109};
    static final double TOL = 1e-9;

    static double[] golden(int n, double a) {
        return IntStream.rangeClosed(1, n).mapToDouble(i -> Math.floor(1000 * ((i * a) % 1.0))).toArray();
    }

    static double[] sorted(double[] x) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    @Test
    void type7QuantilesMatchNumpyPercentile() {
        // np.percentile(b, [50, 95, 99]) -> 88.0, 135.7, 179.63
        assertThat(Quantiles.type7(sorted(B), 0.50)).isCloseTo(88.0, within(TOL));
        assertThat(Quantiles.type7(sorted(B), 0.95)).isCloseTo(135.69999999999996, within(1e-9));
        assertThat(Quantiles.type7(sorted(B), 0.99)).isCloseTo(179.63000000000005, within(1e-9));
        // np.percentile(G(200, 0.6180339887498949), 95) -> 949.25
        assertThat(Quantiles.type7(sorted(golden(200, 0.6180339887498949)), 0.95)).isCloseTo(949.25, within(1e-9));
    }

    @Test
    void orderStatisticIntervalsMatchScipyQuantileTest() {
        double[] g = sorted(golden(200, 0.6180339887498949));
        // st.quantile_test(G200, q=500, p=0.95).confidence_interval(0.95) -> (919.0, 983.0)
        var p95 = Quantiles.orderStatisticInterval(g, 0.95, 0.95);
        assertThat(p95.lower()).isEqualTo(919.0);
        assertThat(p95.upper()).isEqualTo(983.0);
        // st.quantile_test(G200, q=500, p=0.5).confidence_interval(0.99) -> (413.0, 596.0)
        var p50 = Quantiles.orderStatisticInterval(g, 0.5, 0.99);
        assertThat(p50.lower()).isEqualTo(413.0);
        assertThat(p50.upper()).isEqualTo(596.0);
        // st.quantile_test(c, q=.., p=0.5).confidence_interval(0.9) -> (87.0, 127.0)
        var c50 = Quantiles.orderStatisticInterval(sorted(C), 0.5, 0.9);
        assertThat(c50.lower()).isEqualTo(87.0);
        assertThat(c50.upper()).isEqualTo(127.0);
        // st.quantile_test(b, ..., p=0.95).confidence_interval(0.95) -> (116.0, nan): too few values; clamped to max
        var b95 = Quantiles.orderStatisticInterval(sorted(B), 0.95, 0.95);
        assertThat(b95.lower()).isEqualTo(116.0);
        assertThat(b95.upper()).isEqualTo(195.0);
    }

    @Test
    void mannWhitneyMatchesScipyAsymptoticWithTiesAndContinuity() {
        // st.mannwhitneyu(c, b, method='asymptotic', use_continuity=True) -> U=528.5, p=0.009687780134329655
        ShiftTest t = MannWhitney.test(B, C, 0.95);
        assertThat(t.u()).isEqualTo(528.5);
        assertThat(t.pTwoSided()).isCloseTo(0.009687780134329655, within(1e-12));
        // same with alternative='greater' -> 0.0048438900671648275
        assertThat(t.pCandidateSlower()).isCloseTo(0.0048438900671648275, within(1e-12));
        // np.median(np.subtract.outer(c, b)) -> 27.5
        assertThat(t.shift()).isEqualTo(27.5);
        // Moses interval: k = floor(n1 n2/2 - norm.ppf(.975) * tie-corrected sigma) = 259, d[k-1], d[n1 n2 - k] -> 7.0, 56.0
        assertThat(t.shiftInterval().lower()).isEqualTo(7.0);
        assertThat(t.shiftInterval().upper()).isEqualTo(56.0);
    }

    @Test
    void mannWhitneyOnLargerTiedSamples() {
        double[] x = golden(200, 0.6180339887498949);
        double[] y = golden(150, 0.4142135623730951);
        // st.mannwhitneyu(G(150, .4142..), G(200, .6180...), method='asymptotic') -> U=14920.0, p=0.9323662624815396
        ShiftTest t = MannWhitney.test(x, y, 0.95);
        assertThat(t.u()).isEqualTo(14920.0);
        assertThat(t.pTwoSided()).isCloseTo(0.9323662624815396, within(1e-12));
        // np.median(np.subtract.outer(y, x)) -> -3.0
        assertThat(t.shift()).isEqualTo(-3.0);
    }

    @Test
    void meanRatioDeltaMethodMatchesNumpy() {
        // mb, mc = b.mean(), c.mean(); se = sqrt(b.var(ddof=1)/(30 mb^2) + c.var(ddof=1)/(25 mc^2))
        // -> ratio 1.45, se 0.12312770224060111, lower95 = 1.1841633705466772, p(ratio > 1) = 0.0012734673752568617
        LogRatio r = MeanRatio.of(CensoredSample.of(B), CensoredSample.of(C));
        assertThat(r.ratio()).isCloseTo(1.45, within(1e-12));
        assertThat(r.seLog()).isCloseTo(0.12312770224060111, within(1e-12));
        assertThat(r.lower(0.05)).isCloseTo(1.1841633705466772, within(1e-9));
        assertThat(r.pValueAbove(1.0)).isCloseTo(0.0012734673752568617, within(1e-12));
    }

    @Test
    void wilsonAndClopperPearsonMatchScipyBinomtest() {
        // st.binomtest(k, n).proportion_ci(0.9, 'wilson' | 'exact'), i.e. one-sided 95% bounds
        assertThat(Proportions.wilson(0, 200, 0.05).upper()).isCloseTo(0.013347160654775623, within(1e-12));
        assertThat(Proportions.wilson(7, 200, 0.05).lower()).isCloseTo(0.019085848319896202, within(1e-12));
        assertThat(Proportions.wilson(7, 200, 0.05).upper()).isCloseTo(0.06332701108904515, within(1e-12));
        assertThat(Proportions.wilson(30, 400, 0.05).lower()).isCloseTo(0.05607820548574483, within(1e-12));
        assertThat(Proportions.clopperPearson(0, 200, 0.05).upper()).isCloseTo(0.01486703923127205, within(1e-9));
        assertThat(Proportions.clopperPearson(0, 200, 0.05).lower()).isEqualTo(0.0);
        assertThat(Proportions.clopperPearson(7, 200, 0.05).lower()).isCloseTo(0.016539635017895078, within(1e-9));
        assertThat(Proportions.clopperPearson(7, 200, 0.05).upper()).isCloseTo(0.06473252213684863, within(1e-9));
        assertThat(Proportions.clopperPearson(30, 400, 0.05).lower()).isCloseTo(0.05449819677905116, within(1e-9));
        assertThat(Proportions.clopperPearson(30, 400, 0.05).upper()).isCloseTo(0.10035450478113385, within(1e-9));
    }

    @Test
    void exactBinomialTestMatchesScipy() {
        // st.binomtest(30, 400, 0.05, alternative='greater').pvalue -> 0.019033610776192426
        assertThat(Proportions.binomialPAbove(30, 400, 0.05)).isCloseTo(0.019033610776192426, within(1e-10));
        // st.binomtest(7, 200, 0.02, alternative='greater').pvalue -> 0.10856194692692268
        assertThat(Proportions.binomialPAbove(7, 200, 0.02)).isCloseTo(0.10856194692692268, within(1e-10));
        assertThat(Proportions.binomialPAbove(0, 200, 0.02)).isEqualTo(1.0);
    }

    @Test
    void newcombeDifferenceMatchesWilsonCompositionInScipy() {
        // d -/+ sqrt(...) of the two st.binomtest(k, n).proportion_ci(conf, 'wilson') intervals (Newcombe 1998, method 10)
        // 25/1000 vs 0/1000 at 0.90 -> (0.01756432294023862, 0.03449216768691174)
        var a = Proportions.newcombeDifference(25, 1000, 0, 1000, 0.05);
        assertThat(a.lower()).isCloseTo(0.01756432294023862, within(1e-12));
        assertThat(a.upper()).isCloseTo(0.03449216768691174, within(1e-12));
        // 56/700 vs 9/800 at 0.95 -> (0.04826700035824221, 0.09183672413323096)
        var b = Proportions.newcombeDifference(56, 700, 9, 800, 0.025);
        assertThat(b.lower()).isCloseTo(0.04826700035824221, within(1e-12));
        assertThat(b.upper()).isCloseTo(0.09183672413323096, within(1e-12));
    }

    @Test
    void newcombePValueIsTheAlphaWhereTheLowerBoundMeetsDelta() {
        double p = Proportions.newcombePAbove(25, 1000, 0, 1000, 0.01);
        assertThat(Proportions.newcombeDifference(25, 1000, 0, 1000, p).lower()).isCloseTo(0.01, within(1e-9));
        assertThat(Proportions.newcombePAbove(5, 1000, 5, 1000, 0.01)).isEqualTo(1.0);
    }

    @Test
    void holmAdjustsLikeTheTextbook() {
        // by hand: sorted p = .01,.02,.03,.5 (m=4) -> 4*.01=.04, max(.04, 3*.02=.06)=.06, max(.06, 2*.03)=.06, max(.06,.5)=.5
        double[] adj = Holm.adjust(new double[] {0.03, 0.5, 0.01, 0.02});
        assertThat(adj).containsExactly(new double[] {0.06, 0.5, 0.04, 0.06}, within(1e-15));
        assertThat(Holm.stepLevels(new double[] {0.03, 0.5, 0.01, 0.02}, 0.05))
                .containsExactly(new double[] {0.025, 0.05, 0.0125, 0.05 / 3}, within(1e-15));
    }

    @Test
    void splitTestMatchesScipyChisquare() {
        // st.chisquare([480, 520], f_exp=[500, 500]).pvalue -> 0.20590321073206466
        assertThat(SplitTest.pValue(480, 520, 0.5)).isCloseTo(0.20590321073206466, within(1e-12));
        // st.chisquare([300, 700], f_exp=[500, 500]).pvalue -> 1.1314837902433038e-36
        assertThat(SplitTest.pValue(300, 700, 0.5)).isCloseTo(1.1314837902433038e-36, within(1e-45));
    }

    @Test
    void sampleSizesMatchTheNormalApproximationFormulas() {
        // za = norm.ppf(1-0.05/6); zb = norm.ppf(0.95)
        // (za*sqrt(.02*.98)+zb*sqrt(.025*.975))**2/0.005**2 -> 14016.659136995275
        assertThat(SampleSize.forRate(0.02, 0.025, 0.05 / 6, 0.95)).isEqualTo(14017);
        // (za+zb)**2*1.3**2/log(1.25)**2 -> 553.6431200335486
        assertThat(SampleSize.forLogRatio(1.3, 1.25, 0.05 / 6, 0.95)).isEqualTo(554);
        // (za+zb)**2*(0.001*0.999+0.0135*0.9865)/(0.0125-0.01)**2 -> 37365.97405796097
        assertThat(SampleSize.forRateDifference(0.001, 0.01, 0.0125, 0.05 / 6, 0.95)).isEqualTo(37366);
    }

    @Test
    void censoredValuesRankHighestAndEnterQuantilesAtTheirCensoringPoint() {
        var s = CensoredSample.of(new double[] {10, 20, 30}, new double[] {25});
        assertThat(s.censoredCount()).isEqualTo(1);
        assertThat(s.sortedValues()).containsExactly(10, 20, 25, 30);
        assertThat(s.rankValues(1000)).containsExactly(10, 20, 1000, 30);
        assertThat(s.mean()).isEqualTo(21.25);
    }

    @Test
    void edgeCasesConstantAndIdenticalSamples() {
        var constant = CensoredSample.of(new double[] {5, 5, 5, 5});
        var t = MannWhitney.test(constant, constant, 0.95);
        assertThat(t.pTwoSided()).isEqualTo(1.0);
        assertThat(t.shift()).isEqualTo(0.0);
        var r = MeanRatio.of(constant, constant);
        assertThat(r.ratio()).isEqualTo(1.0);
        assertThat(r.seLog()).isEqualTo(0.0);
        assertThat(r.pValueAbove(2.0)).isEqualTo(1.0);
        var doubled = CensoredSample.of(new double[] {10, 10, 10, 10});
        assertThat(MeanRatio.of(constant, doubled).pValueAbove(1.5)).isEqualTo(0.0);
        assertThat(QuantileRatio.of(constant, constant, 0.95).ratio()).isEqualTo(1.0);
    }
}
