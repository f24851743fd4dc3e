package io.scoregate.service.scoring;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Request ids: the caller's X-Request-Id when it is a sane token (an absent header is null here, read straight from the request), else this instance's random prefix plus
 * a sequence number (unique per instance, and cheaper than a SecureRandom UUID on every request).
 */
public final class RequestIds {

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private RequestIds() {
    }

    public static String from(String header) {
        if (header != null && ACCEPTED.matcher(header).matches()) {
            return header;
        }
        return PREFIX + "-" + Long.toHexString(SEQUENCE.incrementAndGet());
    }
}
