package io.ppcanomaly.notify.outbox;

/**
 * What a dispatch pass did. Immutable.
 *
 * @param claimed   rows taken from the outbox
 * @param sent      delivered
 * @param retried   failed and scheduled again (back-off, or the receiver's {@code Retry-After})
 * @param dead      given up: a permanent failure or the last attempt failed
 * @param released  handed back unsent (the route was rate-limited in this pass, or the lease was nearly over)
 * @param leaseLost sent or failed after another dispatcher took the row over (its lease had run out): the receiver
 *                  may see that message twice, with the same delivery id
 */
public record DispatchResult(int claimed, int sent, int retried, int dead, int released, int leaseLost) {

    /** Nothing done. */
    public static final DispatchResult NONE = new DispatchResult(0, 0, 0, 0, 0, 0);

    /** @return the sum of both passes */
    public DispatchResult plus(DispatchResult o) {
        return new DispatchResult(claimed + o.claimed, sent + o.sent, retried + o.retried, dead + o.dead,
                released + o.released, leaseLost + o.leaseLost);
    }

    /** @return whether the pass found nothing to do */
    public boolean isEmpty() {
        return claimed == 0;
    }
}
