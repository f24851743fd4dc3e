package io.scoregate.service.rest;

import io.scoregate.service.auth.LenderAuthenticator;
import io.scoregate.service.config.HttpConfig;
import io.scoregate.service.metrics.MetricNames;
import io.scoregate.service.metrics.Outcome;
import io.scoregate.service.model.LoanApplication;
import io.scoregate.service.model.ModelScore;
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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * One scoring request from bytes to answer: size, API key, body, lender, version, score (under the
 * deadline), decision. Every way it can end is turned into a status and an {@link Outcome} here, recorded
 * once, and answered with X-Model-Version and X-Request-Id.
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

    public Uni<RestResponse<Object>> handle(Endpoint endpoint, byte[] body, Headers headers) {
        long start = System.nanoTime();
        Call call = new Call(endpoint, RequestIds.from(headers.requestId().orElse(null)), Instant.now(), start);
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
            return scoring.score(model, application, start)
                    .map(score -> answer(call, application, score))
                    .onFailure().recoverWithItem(failure -> fail(call, failure));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(fail(call, e));
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

    private RestResponse<Object> answer(Call call, LoanApplication application, ModelScore score) {
        Object body = call.endpoint == Endpoint.RISK_SCORE
                ? RiskScoreResponse.of(application.applicationId(), score)
                : FundingApprovalResponse.of(application.applicationId(), score,
                policies.forLender(application.lenderId()).decide(score, application));
        call.record(recorder, Outcome.OK, 200);
        return RestResponse.ResponseBuilder.ok(body, "application/json")
                .header(MODEL_VERSION_HEADER, call.version)
                .header(REQUEST_ID_HEADER, call.requestId).build();
    }

    private RestResponse<Object> fail(Call call, Throwable failure) {
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
        } else if (failure instanceof ScoringFailedException) {
            LOG.errorf(failure, "Request %s: %s", call.requestId, failure.getMessage());
            problem = new ProblemException(ProblemType.SCORING_FAILED, failure.getMessage());
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
        int status = problem.type().status();
        call.record(recorder, outcome, status);
        return RestResponse.ResponseBuilder.create(RestResponse.Status.fromStatusCode(status),
                        (Object) problem.toProblem(call.endpoint.path()).toJson())
                .type(Problem.MEDIA_TYPE)
                .header(MODEL_VERSION_HEADER, call.version)
                .header(REQUEST_ID_HEADER, call.requestId).build();
    }

    static ProblemException tooLarge(long size, long max) {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "the request body has " + size
                + " bytes; at most " + max + " are accepted (scoregate.http.max-body)");
    }

    /** What is known about a request so far; filled in as it passes each step. */
    private static final class Call {
        final Endpoint endpoint;
        final String requestId;
        final Instant receivedAt;
        final long startNanos;
        String lenderId = "";
        String version = MetricNames.NO_VERSION;

        Call(Endpoint endpoint, String requestId, Instant receivedAt, long startNanos) {
            this.endpoint = endpoint;
            this.requestId = requestId;
            this.receivedAt = receivedAt;
            this.startNanos = startNanos;
        }

        void record(RequestRecorder recorder, Outcome outcome, int status) {
            recorder.record(receivedAt, requestId, lenderId, endpoint, version, outcome, status,
                    System.nanoTime() - startNanos);
        }
    }
}
