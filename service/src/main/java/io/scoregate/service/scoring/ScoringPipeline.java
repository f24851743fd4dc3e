package io.scoregate.service.scoring;

import io.scoregate.contract.Endpoint;
import io.scoregate.contract.Headers;
import io.scoregate.contract.MetricNames;
import io.scoregate.contract.Outcome;
import io.scoregate.service.auth.LenderAuthenticator;
import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.NonFiniteScoreException;
import io.scoregate.service.model.ScoringModel;
import io.scoregate.service.problem.FieldError;
import io.scoregate.service.problem.ProblemException;
import io.scoregate.service.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * One scoring request from bytes to result: size, API key, body, lender, version (pinned or routed), score
 * (under the deadline), decision, record. Every way it can end is classified here, as an {@link Outcome} and a
 * {@link ProblemType} (whose status the access log records), and recorded once. A success is a
 * {@link ScoreResult} or a {@link DecisionResult}; every other ending is a {@link ProblemAnswer} failure, which
 * rest/ writes as the problem document. Both carry the X-Model-Version and X-Request-Id values.
 * <p>
 * The common path (no drill) completes before it returns: an already-completed stage, no Mutiny {@code Uni}.
 */
@ApplicationScoped
public class ScoringPipeline {

    private static final Logger LOG = Logger.getLogger(ScoringPipeline.class);

    private final LenderAuthenticator auth;
    private final VersionSelector selector;
    private final ScoringService scoring;
    private final LenderPolicies policies;
    private final RequestRecorder recorder;
    private final long maxBodyBytes;
    // built once: a per-request lambda capturing `this` would be one more allocation per request
    private final BiFunction<Call, ModelScore, ScoreResult> toScoreResult = (call, score) -> new ScoreResult(
            call.application.applicationId(), score, call.requestId);
    private final BiFunction<Call, ModelScore, DecisionResult> toDecisionResult = this::decide;

    public ScoringPipeline(LenderAuthenticator auth, VersionSelector selector, ScoringService scoring,
                           LenderPolicies policies, RequestRecorder recorder, HttpConfig http) {
        this.auth = auth;
        this.selector = selector;
        this.scoring = scoring;
        this.policies = policies;
        this.recorder = recorder;
        this.maxBodyBytes = http.maxBody().asLongValue();
    }

    /** What the request says besides its body; absent headers are empty. */
    public record Request(Optional<String> apiKey, Optional<String> pinnedVersion, Optional<String> requestId) {
    }

    /** A scored request: the score (its version is the X-Model-Version value) and the request id. */
    public record ScoreResult(String applicationId, ModelScore score, String requestId) {
    }

    /** A scored request with the lender's funding decision. */
    public record DecisionResult(String applicationId, ModelScore score, FundingDecision decision, String requestId) {
    }

    /** POST /risk-score. */
    public CompletionStage<ScoreResult> riskScore(byte[] body, Request request, Arrival arrival) {
        return run(Endpoint.RISK_SCORE, body, request, arrival, toScoreResult);
    }

    /** POST /funding-approve. */
    public CompletionStage<DecisionResult> fundingApprove(byte[] body, Request request, Arrival arrival) {
        return run(Endpoint.FUNDING_APPROVE, body, request, arrival, toDecisionResult);
    }

    /** The refusal of a body over {@code scoregate.http.max-body}; also used before the body is read. */
    public static ProblemException tooLarge(long size, long max) {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "the request body has " + size
                + " bytes; at most " + max + " are accepted (scoregate.http.max-body)");
    }

    /** Records a request refused before it reached the pipeline (at the HTTP layer: declared size, stalled body). */
    public void recordRefused(Endpoint endpoint, String requestId, Arrival arrival, ProblemType type) {
        recorder.record(arrival.at(), requestId, "", endpoint, MetricNames.NO_VERSION, Outcome.REJECTED,
                type.status(), arrival.elapsedNanos());
    }

    private <T> CompletionStage<T> run(Endpoint endpoint, byte[] body, Request request, Arrival arrival,
                                       BiFunction<Call, ModelScore, T> result) {
        Call call = new Call(endpoint, RequestIds.from(request.requestId().orElse(null)), arrival);
        try {
            if (body != null && body.length > maxBodyBytes) {
                throw tooLarge(body.length, maxBodyBytes);
            }
            Optional<String> keyLender = authenticate(request.apiKey());
            keyLender.ifPresent(l -> call.lenderId = l);
            LoanApplication application = ApplicationReader.read(body);
            if (keyLender.isPresent() && !keyLender.get().equals(application.lenderId())) {
                throw new ProblemException(ProblemType.LENDER_MISMATCH, "this API key belongs to lender '"
                        + keyLender.get() + "', but the body names lender '" + application.lenderId() + "'",
                        List.of(FieldError.of("lenderId", "`lenderId` must be the lender the API key belongs to")));
            }
            call.application = application;
            call.lenderId = application.lenderId();
            ScoringModel model = selector.select(request.pinnedVersion().filter(v -> !v.isBlank()),
                    application.applicationId());
            call.version = model.version();
            ScoringService.Scored scored = scoring.score(model, application, arrival.nanos());
            if (scored instanceof ScoringService.Scored.Now now) {
                return CompletableFuture.completedFuture(answer(call, result.apply(call, now.score())));
            }
            return ((ScoringService.Scored.Later) scored).score()
                    .map(score -> answer(call, result.apply(call, score)))
                    .onFailure().transform(failure -> fail(call, failure))
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(fail(call, e));
        }
    }

    private DecisionResult decide(Call call, ModelScore score) {
        LoanApplication application = call.application;
        return new DecisionResult(application.applicationId(), score,
                policies.forLender(application.lenderId()).decide(score, application), call.requestId);
    }

    private Optional<String> authenticate(Optional<String> apiKey) {
        if (!auth.enabled()) {
            return Optional.empty();
        }
        Optional<String> lender = auth.lenderFor(apiKey);
        if (lender.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, apiKey.isEmpty()
                    ? "send your API key in the X-Api-Key header" : "the X-Api-Key header holds no known API key");
        }
        return lender;
    }

    private <T> T answer(Call call, T result) {
        call.record(recorder, Outcome.OK, 200);
        return result;
    }

    private ProblemAnswer fail(Call call, Throwable failure) {
        ProblemException problem;
        Outcome outcome;
        if (failure instanceof ProblemException p) {
            problem = p;
            outcome = p.type().status() >= 500 ? Outcome.ERROR : Outcome.REJECTED;
        } else if (failure instanceof UnknownVersionException u) {
            problem = new ProblemException(ProblemType.UNKNOWN_MODEL_VERSION, u.getMessage(),
                    List.of(new FieldError(Headers.MODEL_VERSION, "header:" + Headers.MODEL_VERSION,
                            "must be one of the loaded versions: " + String.join(", ", u.loaded()))));
            outcome = Outcome.REJECTED;
        } else if (failure instanceof PinningNotAllowedException) {
            problem = new ProblemException(ProblemType.PINNING_NOT_ALLOWED, failure.getMessage());
            outcome = Outcome.REJECTED;
        } else if (failure instanceof DeadlineExceededException) {
            problem = new ProblemException(ProblemType.DEADLINE_EXCEEDED, failure.getMessage());
            outcome = Outcome.TIMEOUT;
        } else if (failure instanceof VersionUnavailableException v) {
            call.version = v.version();
            LOG.error(failure.getMessage());
            problem = new ProblemException(ProblemType.VERSION_UNAVAILABLE, failure.getMessage());
            outcome = Outcome.ERROR;
        } else if (failure instanceof NonFiniteScoreException n) {
            // the value goes to the log only: the lender learns that this version could not score, and the request id
            LOG.errorf("Request %s: %s", call.requestId, n.getMessage());
            problem = new ProblemException(ProblemType.SCORING_FAILED, "model version " + n.version()
                    + " could not score this application; no decision was made. Quote request id " + call.requestId);
            outcome = Outcome.ERROR;
        } else if (failure instanceof ScoringFailedException f) {
            // a real failure's cause (an exception class, a stack) goes to the log; the lender gets the version
            // and the request id. A drill's message is ours, and says it was injected.
            LOG.errorf(f.injected() ? null : f, "Request %s: %s", call.requestId, f.getMessage());
            problem = new ProblemException(ProblemType.SCORING_FAILED, f.injected() ? f.getMessage()
                    : "model version " + call.version + " failed to score this application; no decision was made. "
                    + "Quote request id " + call.requestId);
            outcome = Outcome.ERROR;
        } else {
            LOG.errorf(failure, "Request %s failed unexpectedly", call.requestId);
            problem = new ProblemException(ProblemType.INTERNAL_ERROR,
                    "the service failed to handle this request; quote request id " + call.requestId);
            outcome = Outcome.ERROR;
        }
        if (outcome == Outcome.REJECTED) {
            call.version = MetricNames.NO_VERSION;
        }
        call.record(recorder, outcome, problem.type().status());
        return new ProblemAnswer(problem, call.endpoint, call.version, call.requestId);
    }

    /** What is known about a request so far; filled in as it passes each step. */
    private static final class Call {
        final Endpoint endpoint;
        final String requestId;
        final Arrival arrival;
        String lenderId = "";
        String version = MetricNames.NO_VERSION;
        LoanApplication application;

        Call(Endpoint endpoint, String requestId, Arrival arrival) {
            this.endpoint = endpoint;
            this.requestId = requestId;
            this.arrival = arrival;
        }

        void record(RequestRecorder recorder, Outcome outcome, int status) {
            recorder.record(arrival.at(), requestId, lenderId, endpoint, version, outcome, status,
                    arrival.elapsedNanos());
        }
    }
}
