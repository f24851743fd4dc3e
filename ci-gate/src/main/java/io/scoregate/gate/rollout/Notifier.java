package io.scoregate.gate.rollout;

/** Tells people what happened (the runbook's "notify lenders / update the incident channel"). */
@FunctionalInterface
public interface Notifier {

    /** Delivers the message; returns a one-line account of the delivery for the console and the report. */
    String send(String text) throws InterruptedException;

    Notifier NONE = text -> "no webhook configured (--webhook or SCOREGATE_WEBHOOK_URL); nobody was notified";
}
