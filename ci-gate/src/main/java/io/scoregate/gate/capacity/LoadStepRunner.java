package io.scoregate.gate.capacity;

import io.scoregate.gate.load.ArmSlot;
import io.scoregate.gate.load.GeneratorOverloadedException;
import io.scoregate.gate.load.LoadPlan;
import io.scoregate.gate.load.LoadResult;
import io.scoregate.gate.load.LoadRunner;
import io.scoregate.gate.load.NoSuccessfulAnswer;
import io.scoregate.gate.load.RunFiles;
import io.scoregate.gate.load.TargetUnreachableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Runs one version alone at one rate through the load generator's public API: a {@link LoadPlan} with the version
 * on both of its arms, its measured requests kept in {@code step-NN-<role>.jsonl} under {@code logDir} (with the
 * runner's warm-up and schedule files beside it), so every step can be judged again offline. The generator's
 * late-send guard ({@link GeneratorOverloadedException}) becomes {@link StepLoad.GeneratorBehind}; a baseline that
 * answers nothing successfully at the first, lowest rate is a broken environment (exit 5), not a capacity.
 */
public final class LoadStepRunner implements StepRunner {

    /** Everything of a step's plan besides the version, rate and count. */
    public record Target(URI uri, List<String> endpoints, Duration warmup, Duration requestTimeout, long seed,
                         Optional<Path> requestsFile, Path logDir) {

        public Target {
            endpoints = List.copyOf(endpoints);
        }
    }

    private final LoadRunner runner;
    private final Target target;

    public LoadStepRunner(LoadRunner runner, Target target) {
        this.runner = runner;
        this.target = target;
    }

    /** The plan of one step; its constructor is the one check of a plan's bounds, so callers try the extremes first. */
    public LoadPlan plan(int step, ArmSlot.Arm role, String version, double rate, long count) {
        return new LoadPlan(target.uri(), version, version, target.endpoints(), rate, target.warmup(), Optional.empty(),
                OptionalLong.of(count), target.requestTimeout(), target.seed() + step, target.requestsFile(),
                Optional.of(logOf(step, role)));
    }

    @Override
    public StepLoad run(int step, ArmSlot.Arm role, String version, double rate, long count)
            throws TargetUnreachableException, IOException, InterruptedException {
        LoadPlan plan = plan(step, role, version, rate, count);
        LoadResult result;
        try {
            result = runner.run(plan, LoadRunner.ProgressListener.NONE);
        } catch (GeneratorOverloadedException e) {
            return new StepLoad.GeneratorBehind(e.getMessage());
        }
        Path log = plan.accessLog().orElseThrow();
        if (!Files.exists(log)) {
            RunFiles.writeLog(log, result.records());
        }
        if (step == 0 && role == ArmSlot.Arm.BASELINE) {
            Optional<String> broken = NoSuccessfulAnswer.describe(result.records(), version, version);
            if (broken.isPresent()) {
                throw new TargetUnreachableException("The target " + target.uri() + " failed at the first, lowest "
                        + "rate: " + broken.get());
            }
        }
        return new StepLoad.Measured(StepArm.of(version, result.records()));
    }

    private Path logOf(int step, ArmSlot.Arm role) {
        return target.logDir().resolve(String.format(Locale.ROOT, "step-%02d-%s.jsonl", step + 1,
                role.name().toLowerCase(Locale.ROOT)));
    }
}
