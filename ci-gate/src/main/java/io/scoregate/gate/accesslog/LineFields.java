package io.scoregate.gate.accesslog;

import io.scoregate.contract.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One parsed line held in reusable fields instead of a new {@link AccessLogRecord}: the fast path fills it
 * without allocating (strings come interned, the request id stays a byte slice), so a reader that only
 * aggregates never builds a record. Extra fields keep the record's map semantics: a repeated key keeps its
 * last value. Not thread-safe: one per reader.
 */
final class LineFields {

    long epochSecond;
    int nanos;
    private byte[] requestIdBytes;
    private int requestIdFrom;
    private int requestIdTo;
    private String requestId;
    String lenderId;
    String endpoint;
    String modelVersion;
    /** Ids of the three strings in the parser's {@link AsciiInterner}; -1 when not interned (or absent). */
    int lenderIdId;
    int endpointId;
    int modelVersionId;
    double latencyMs;
    Outcome status;
    int httpStatus;
    private String[] extraKeys = new String[4];
    private String[] extraValues = new String[4];
    private int[] extraKeyIds = new int[4];
    private int[] extraValueIds = new int[4];
    private int extras;

    void reset() {
        requestIdBytes = null;
        requestId = null;
        lenderId = null;
        endpoint = null;
        modelVersion = null;
        lenderIdId = -1;
        endpointId = -1;
        modelVersionId = -1;
        extras = 0;
        httpStatus = 0;
    }

    void requestId(byte[] buf, int from, int to) {
        requestIdBytes = buf;
        requestIdFrom = from;
        requestIdTo = to;
        requestId = null;
    }

    void putExtra(String key, int keyId, String value, int valueId) {
        for (int i = 0; i < extras; i++) {
            if (extraKeys[i].equals(key)) {
                extraValues[i] = value;
                extraValueIds[i] = valueId;
                return;
            }
        }
        if (extras == extraKeys.length) {
            extraKeys = java.util.Arrays.copyOf(extraKeys, extras * 2);
            extraValues = java.util.Arrays.copyOf(extraValues, extras * 2);
            extraKeyIds = java.util.Arrays.copyOf(extraKeyIds, extras * 2);
            extraValueIds = java.util.Arrays.copyOf(extraValueIds, extras * 2);
        }
        extraKeys[extras] = key;
        extraValues[extras] = value;
        extraKeyIds[extras] = keyId;
        extraValueIds[extras] = valueId;
        extras++;
    }

    int extraKeyId(int i) {
        return extraKeyIds[i];
    }

    int extraValueId(int i) {
        return extraValueIds[i];
    }

    int extraCount() {
        return extras;
    }

    String extraKey(int i) {
        return extraKeys[i];
    }

    String extraValue(int i) {
        return extraValues[i];
    }

    /** Milliseconds since the epoch, as {@link Instant#toEpochMilli()} computes them. */
    long epochMs() {
        if (epochSecond < 0 && nanos > 0) {
            return Math.addExact(Math.multiplyExact(epochSecond + 1, 1000), nanos / 1_000_000 - 1000);
        }
        return Math.addExact(Math.multiplyExact(epochSecond, 1000), nanos / 1_000_000);
    }

    AccessLogRecord toRecord() {
        String id = requestId != null ? requestId : requestIdBytes == null ? ""
                : new String(requestIdBytes, requestIdFrom, requestIdTo - requestIdFrom, StandardCharsets.ISO_8859_1);
        Map<String, String> extra;
        if (extras == 0) {
            extra = Map.of();
        } else if (extras == 1) {
            extra = Map.of(extraKeys[0], extraValues[0]);
        } else {
            extra = new HashMap<>();
            for (int i = 0; i < extras; i++) {
                extra.put(extraKeys[i], extraValues[i]);
            }
        }
        return new AccessLogRecord(Instant.ofEpochSecond(epochSecond, nanos), id, lenderId == null ? "" : lenderId,
                endpoint == null ? "" : endpoint, modelVersion, latencyMs, status, httpStatus, extra);
    }

    /** Takes over a record the full parser built (the rare line the fast path hands over). */
    void set(AccessLogRecord r) {
        reset();
        epochSecond = r.timestamp().getEpochSecond();
        nanos = r.timestamp().getNano();
        requestId = r.requestId();
        lenderId = r.lenderId();
        endpoint = r.endpoint();
        modelVersion = r.modelVersion();
        latencyMs = r.latencyMs();
        status = r.status();
        httpStatus = r.httpStatus();
        for (var e : r.extra().entrySet()) {
            putExtra(e.getKey(), -1, e.getValue(), -1);
        }
    }
}
