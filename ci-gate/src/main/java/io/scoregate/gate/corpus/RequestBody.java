package io.scoregate.gate.corpus;

/**
 * One scoring request body, ready to send, with the lender it speaks for (the access log names it).
 *
 * @param lenderId the body's {@code lenderId}
 * @param json     the flat JSON object sent as the request body
 */
public record RequestBody(String lenderId, String json) {
}
