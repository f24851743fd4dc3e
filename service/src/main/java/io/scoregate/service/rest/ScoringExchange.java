package io.scoregate.service.rest;

import io.scoregate.service.auth.LenderAuthenticator;
import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.metrics.MetricNames;
import io.scoregate.service.metrics.Outcome;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
import io.scoregate.service.model.NonFiniteScoreException;
import io.scoregate.service.model.ScoringModel;
import io.scoregate.service.scoring.DeadlineExceededException;
import io.scoregate.service.scoring.Endpoint;
import io.scoregate.service.scoring.LenderPolicies;
import io.scoregate.service.scoring.PinningNotAllowedException;
import io.scoregate.service.scoring.RequestRecorder;
import io.scoregate.service.scoring.ScoringFailedException;
import io.scoregate.service.scoring.ScoringService;
import io.scoregate.service.scoring.UnknownVersionException;
import io.scoregate.service.scoring.VersionSelector;
import io.scoregate.service.scoring.VersionUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * One scoring request from bytes to answer: size, API key, body, lender, version, score (under the
 * deadline), decision. Every way it can end is turned into a status and an {@link Outcome} here and recorded
 * once. A success is an {@link Answer}; every other ending is a {@link ProblemAnswer} failure, which
 * {@link ProblemMappers} writes as the problem document. Both carry the X-Model-Version and X-Request-Id values.
 */
@ApplicationScoped
public class ScoringExchange {

    public static final String MODEL_VERSION_HEADER = "X-Model-Version";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ScoringExchange.class);

    private final LenderAuthenticator auth;
    private final VersionSelector selector;
    private final ScoringService scoring;
    private final LenderPolicies policies;
    private final RequestRecorder recorder;
    private final long maxBodyBytes;

    public ScoringExchange(LenderAuthenticator auth, VersionSelector selector, ScoringService scoring,
                           LenderPolicies policies, RequestRecorder recorder, HttpConfig http) {
        this.auth = auth;
        this.selector = selector;
        this.scoring = scoring;
        this.policies = policies;
        this.recorder = recorder;
        this.maxBodyBytes = http.maxBody().asLongValue();
    }

    /** The request headers the exchange reads; absent headers are empty. */
    public record Headers(Optional<String> apiKey, Optional<String> pinnedVersion, Optional<String> requestId) {
    }

    /** A scored request: the response body and the values of the X-Model-Version and X-Request-Id headers. */
    public record Answer<T>(T body, String modelVersion, String requestId) {
    }

    /** POST /risk-score. */
    public CompletionStage<Answer<RiskScoreResponse>> riskScore(byte[] body, Headers headers, Arrival arrival) {
        return handle(Endpoint.RISK_SCORE, body, headers, arrival,
                (application, score) -> RiskScoreResponse.of(application.applicationId(), score));
    }

    /** POST /funding-approve. */
    public CompletionStage<Answer<FundingApprovalResponse>> fundingApprove(byte[] body, Headers headers,
                                                                           Arrival arrival) {
        return handle(Endpoint.FUNDING_APPROVE, body, headers, arrival,
                (application, score) -> FundingApprovalResponse.of(application.applicationId(), score,
                        policies.forLender(application.lenderId()).decide(score, application)));
    }

    private <T> CompletionStage<Answer<T>> handle(Endpoint endpoint, byte[] body, Headers headers, Arrival arrival,
                                                 BiFunction<LoanApplication, ModelScore, T> respond) {
        Call call = new Call(endpoint, RequestIds.from(headers.requestId().orElse(null)), arrival);
        try {
            if (body != null && body.length > maxBodyBytes) {
                throw tooLarge(body.length, maxBodyBytes);
            }
            Optional<String> keyLender = authenticate(headers.apiKey());
            keyLender.ifPresent(l -> call.lenderId = l);
            LoanApplication application = ApplicationReader.read(body);
            if (keyLender.isPresent() && !keyLender.get().equals(application.lenderId())) {
                throw new ProblemException(ProblemType.LENDER_MISMATCH, "this API key belongs to lender '"
                        + keyLender.get() + "', but the body names lender '" + application.lenderId() + "'",
                        List.of(FieldError.of("lenderId", "`lenderId` must be the lender the API key belongs to")));
            }
            call.lenderId = application.lenderId();
            ScoringModel model = selector.select(headers.pinnedVersion().filter(v -> !v.isBlank()),
                    application.applicationId());
            call.version = model.version();
            ScoringService.Scored scored = scoring.score(model, application, arrival.nanos());
            if (scored instanceof ScoringService.Scored.Now now) {
                return CompletableFuture.completedFuture(answer(call, respond.apply(application, now.score())));
            }
            return ((ScoringService.Scored.Later) scored).score()
                    .map(score -> answer(call, respond.apply(application, score)))
                    .onFailure().transform(failure -> fail(call, failure))
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(fail(call, e));
        }
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

    private <T> Answer<T> answer(Call call, T body) {
        call.record(recorder, Outcome.OK, 200);
        return new Answer<>(body, call.version, call.requestId);
    }

    private ProblemAnswer fail(Call call, Throwable failure) {
        ProblemException problem;
        Outcome outcome;
        if (failure instanceof ProblemException p) {
            problem = p;
            outcome = p.type().status() >= 500 ? Outcome.ERROR : Outcome.REJECTED;
        } else if (failure instanceof UnknownVersionException u) {
            problem = new ProblemException(ProblemType.UNKNOWN_MODEL_VERSION, u.getMessage(),
                    List.of(new FieldError(MODEL_VERSION_HEADER, "header:" + MODEL_VERSION_HEADER,
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
        return new ProblemAnswer(problem.toProblem(call.endpoint.path()), call.version, call.requestId);
    }

    static ProblemException tooLarge(long size, long max) {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "the request body has " + size
                + " bytes; at most " + max + " are accepted (scoregate.http.max-body)");
    }

    /** What is known about a request so far; filled in as it passes each step. */
    private static final class Call {
        final Endpoint endpoint;
        final String requestId;
        final Arrival arrival;
        String lenderId = "";
        String version = MetricNames.NO_VERSION;

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
