package org.jheartbeat.core.agent;

import java.util.Objects;

/**
 * What an agent action ended with: the OCF code and, for anything but plain success, a reason
 * an operator can act on (OCF's {@code ocf-exit-reason}).
 */
public record ActionResult(OcfResult result, String reason) {

    private static final String ALREADY_RUNNING = "already running";

    public ActionResult {
        Objects.requireNonNull(result, "result");
        reason = reason == null ? "" : reason;
    }

    public static ActionResult success() {
        return new ActionResult(OcfResult.SUCCESS, "");
    }

    /** A start that found the resource running and left it as it was (OCF: success). */
    public static ActionResult alreadyRunning() {
        return new ActionResult(OcfResult.SUCCESS, ALREADY_RUNNING);
    }

    public static ActionResult notRunning() {
        return new ActionResult(OcfResult.NOT_RUNNING, "");
    }

    public static ActionResult of(OcfResult result, String reason) {
        return new ActionResult(result, reason);
    }

    public boolean isSuccess() {
        return result == OcfResult.SUCCESS;
    }

    public boolean isAlreadyRunning() {
        return isSuccess() && reason.equals(ALREADY_RUNNING);
    }
}
