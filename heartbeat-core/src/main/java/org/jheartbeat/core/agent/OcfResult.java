package org.jheartbeat.core.agent;

import java.util.Arrays;
import java.util.Optional;

/** The OCF exit codes 0..7 every agent speaks, with the names resource-agents gives them. */
public enum OcfResult {
    SUCCESS(0, "OCF_SUCCESS"),
    ERR_GENERIC(1, "OCF_ERR_GENERIC"),
    ERR_ARGS(2, "OCF_ERR_ARGS"),
    ERR_UNIMPLEMENTED(3, "OCF_ERR_UNIMPLEMENTED"),
    ERR_PERM(4, "OCF_ERR_PERM"),
    ERR_INSTALLED(5, "OCF_ERR_INSTALLED"),
    ERR_CONFIGURED(6, "OCF_ERR_CONFIGURED"),
    NOT_RUNNING(7, "OCF_NOT_RUNNING");

    private final int code;
    private final String ocfName;

    OcfResult(int code, String ocfName) {
        this.code = code;
        this.ocfName = ocfName;
    }

    public int code() {
        return code;
    }

    /** {@code OCF_SUCCESS}, {@code OCF_ERR_CONFIGURED}, ... */
    public String ocfName() {
        return ocfName;
    }

    public static Optional<OcfResult> ofCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst();
    }
}
