package org.jheartbeat.core.config;

/** How bad a configuration problem is: an error stops the daemon, a warning does not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String word;

    Severity(String word) {
        this.word = word;
    }

    /** The word printed in {@code FILE:LINE: error: MESSAGE}. */
    public String word() {
        return word;
    }
}
