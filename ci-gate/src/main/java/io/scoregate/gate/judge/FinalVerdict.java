package io.scoregate.gate.judge;

import io.scoregate.gate.window.FreezeDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gate's last word on a promotion, as {@code judge} and {@code compare} give it: a freeze window without an
 * override blocks whatever the evidence says (and needs no judgement: {@code compare} sends no load then);
 * otherwise the judgement decides, and an override of a freeze is recorded among the reasons.
 *
 * @param verdict the verdict reported
 * @param frozen  whether the freeze window, not the evidence, blocked (a BLOCK of its own exit code)
 * @param reasons one sentence each, the deciding one first
 */
public record FinalVerdict(Verdict verdict, boolean frozen, List<String> reasons) {

    public FinalVerdict {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a verdict needs at least one reason");
        }
    }

    /** The window decides first; a judgement is needed only when it does not block. */
    public static FinalVerdict of(FreezeDecision window, Optional<Judgement> judgement) {
        if (window.blocks()) {
            return new FinalVerdict(Verdict.BLOCK, true, List.of(freezeSentence(window)));
        }
        Judgement j = judgement.orElseThrow(() -> new IllegalStateException("an open window needs a judgement"));
        return of(window, j.verdict(), j.reasons());
    }

    /**
     * The same for a decision that is not one {@link Judgement} ({@code compare --capacity}): the window first,
     * then {@code verdict} with its reasons, an override recorded after them.
     */
    public static FinalVerdict of(FreezeDecision window, Verdict verdict, List<String> why) {
        if (window.blocks()) {
            return new FinalVerdict(Verdict.BLOCK, true, List.of(freezeSentence(window)));
        }
        List<String> reasons = new ArrayList<>(why);
        if (window.overridden()) {
            var o = window.override().orElseThrow();
            reasons.add("Promotion is frozen (" + window.window().orElse("") + ") but overridden by " + o.approver()
                    + ": " + o.reason() + o.ticket().map(t -> " (" + t + ")").orElse("") + ".");
        }
        return new FinalVerdict(verdict, false, reasons);
    }

    /** The sentence that says why the verdict is what it is. */
    public String firstReason() {
        return reasons.get(0);
    }

    static String freezeSentence(FreezeDecision w) {
        return "Promotion is frozen by " + w.window().orElse("a freeze window") + " until "
                + w.until().map(Instant::toString).orElse("further notice") + " (" + w.zone().getId()
                + "); pass --override-approver and --override-reason to override.";
    }
}
