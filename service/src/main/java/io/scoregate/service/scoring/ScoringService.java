package io.scoregate.service.scoring;

import io.scoregate.service.config.ScoringConfig;
import io.scoregate.service.drill.DrillEffect;
import io.scoregate.service.drill.FaultInjector;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.NonFiniteScoreException;
import io.scoregate.service.model.ScoringModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Runs one scoring call under the deadline.
 * <p>
 * The model computation itself takes microseconds and runs on the calling (event-loop) thread; a timer
 * would cost more than it guards. Everything that waits (drill delays, and any future remote lookup) is
 * asynchronous and raced against a non-blocking timer, so the lender gets the 504 promptly at the deadline.
 * A computation that overran the deadline by itself is still answered as TIMEOUT when it returns.
 * <p>
 * The deadline counts from the request's arrival at the server ({@link Arrival}), not
 * from the moment scoring starts: a request that waited in the event loop's queue past the deadline is answered
 * 504 at once, without spending the CPU a saturated service lacks on an answer the lender no longer waits for.
 */
@ApplicationScoped
public class ScoringService {

    private final FaultInjector drills;
    private final Duration deadline;

    public ScoringService(FaultInjector drills, ScoringConfig config) {
        this.drills = drills;
        this.deadline = config.deadline();
    }

    /**
     * Scores the application with the model. Without a drill (the common case) the score is computed right
     * here, with no reactive machinery on the hot path; a drilled call waits asynchronously, raced against
     * the deadline. Either way it fails with {@link DeadlineExceededException} past the deadline (counted
     * from {@code arrivalNanos}, the request's arrival), {@link NonFiniteScoreException} when the model computed
     * NaN or an infinity, and {@link ScoringFailedException} when the model fails otherwise; the immediate case
     * throws them.
     */
    public Scored score(ScoringModel model, LoanApplication application, long arrivalNanos) {
        requireTimeLeft(model, arrivalNanos);
        DrillEffect effect = drills.effectFor(model.version());
        if (effect.isNone()) {
            return new Scored.Now(scoreNow(model, application, arrivalNanos, 0));
        }
        if (effect.isImmediate()) {
            return new Scored.Now(scoreNow(model, application, arrivalNanos, effect.extraEvaluations()));
        }
        return new Scored.Later(drilled(model, application, arrivalNanos, effect));
    }

    /** A score that is ready, or one that arrives (or fails) later. */
    public sealed interface Scored {
        record Now(ModelScore score) implements Scored {
        }

        record Later(Uni<ModelScore> score) implements Scored {
        }
    }

    private static final Duration ONE_MILLI = Duration.ofMillis(1);

    private Uni<ModelScore> drilled(ScoringModel model, LoanApplication application, long startNanos,
                                    DrillEffect effect) {
        Uni<Void> wait = effect.addedLatency().isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(atLeastOneMilli(effect.addedLatency()));
        Uni<ModelScore> call = switch (effect.fault()) {
            case NONE -> wait.map(ignored -> scoreNow(model, application, startNanos, effect.extraEvaluations()));
            case ERROR -> wait.onItem().transformToUni(ignored -> Uni.createFrom().<ModelScore>failure(
                    new ScoringFailedException("drill: injected error for model version " + model.version())));
            case TIMEOUT -> wait.onItem().transformToUni(ignored -> Uni.createFrom().<ModelScore>nothing());
        };
        Duration left = deadline.minusNanos(System.nanoTime() - startNanos);
        return call.ifNoItem().after(atLeastOneMilli(left))
                .failWith(() -> new DeadlineExceededException(model.version(), deadline));
    }

    /**
     * Vert.x refuses a timer under 1 ms ("Cannot schedule a timer with delay < 1 ms"), which would turn a deadline
     * with 0.4 ms left, or a drill's tiny added latency, into a 500: round such waits up to 1 ms.
     */
    private static Duration atLeastOneMilli(Duration wait) {
        return wait.compareTo(ONE_MILLI) < 0 ? ONE_MILLI : wait;
    }

    private void requireTimeLeft(ScoringModel model, long arrivalNanos) {
        if (System.nanoTime() - arrivalNanos > deadline.toNanos()) {
            throw new DeadlineExceededException(model.version(), deadline);
        }
    }

    private ModelScore scoreNow(ScoringModel model, LoanApplication application, long startNanos,
                                int extraEvaluations) {
        ModelScore score;
        try {
            score = model.score(application);
            for (int i = 0; i < extraEvaluations; i++) {
                score = model.score(application); // the drill's CPU cost: the same answer, computed again
            }
        } catch (NonFiniteScoreException e) {
            throw e; // already says which version computed what; the exchange answers it as a scoring failure
        } catch (RuntimeException e) {
            throw new ScoringFailedException("model version " + model.version() + " failed: " + e, e);
        }
        requireTimeLeft(model, startNanos);
        return score;
    }

    public Duration deadline() {
        return deadline;
    }
}
