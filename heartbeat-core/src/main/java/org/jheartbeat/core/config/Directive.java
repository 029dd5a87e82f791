package org.jheartbeat.core.config;

/**
 * Every ha.cf directive Heartbeat 3.0.6 (as packaged by Debian 12) accepts, with how its line is
 * read and whether its value is recorded for {@code cl_status hbparameter}.
 */
enum Directive {
    // nodes and timing
    NODE("node", Style.OPTION_LIST, false),
    KEEPALIVE("keepalive", Style.OPTION_LIST, true),
    DEADTIME("deadtime", Style.OPTION_LIST, true),
    WARNTIME("warntime", Style.OPTION_LIST, true),
    INITDEAD("initdead", Style.OPTION_LIST, true),
    DEADPING("deadping", Style.OPTION_LIST, true),
    AUTOJOIN("autojoin", Style.OPTION_LIST, true),
    CLUSTER("cluster", Style.OPTION_LIST, true),
    QUORUM_SERVER("quorum_server", Style.OPTION_LIST, true),
    UUIDFROM("uuidfrom", Style.OPTION_LIST, true),
    HBGENMETHOD("hbgenmethod", Style.OPTION_LIST, true),
    // communication media and their settings
    UDPPORT("udpport", Style.OPTION_LIST, true),
    BCAST("bcast", Style.OPTION_LIST, false),
    MCAST("mcast", Style.WHOLE_LINE, false),
    UCAST("ucast", Style.WHOLE_LINE, false),
    MCAST6("mcast6", Style.WHOLE_LINE, false),
    UCAST6("ucast6", Style.WHOLE_LINE, false),
    SERIAL("serial", Style.OPTION_LIST, false),
    BAUD("baud", Style.OPTION_LIST, true),
    HOPFUDGE("hopfudge", Style.OPTION_LIST, true),
    PING("ping", Style.OPTION_LIST, false),
    PING6("ping6", Style.OPTION_LIST, false),
    PING_GROUP("ping_group", Style.WHOLE_LINE, false),
    // resource policy
    AUTO_FAILBACK("auto_failback", Style.OPTION_LIST, true),
    NICE_FAILBACK("nice_failback", Style.OPTION_LIST, false),
    PACEMAKER("pacemaker", Style.OPTION_LIST, true),
    CRM("crm", Style.OPTION_LIST, false),
    CRM_DAEMON_DIR("crm_daemon_dir", Style.OPTION_LIST, true),
    CRMD_SPAWNS_PENGINE("crmd_spawns_pengine", Style.OPTION_LIST, true),
    RECORD_CONFIG_CHANGES("record_config_changes", Style.OPTION_LIST, true),
    RECORD_PENGINE_INPUTS("record_pengine_inputs", Style.OPTION_LIST, true),
    ENABLE_CONFIG_WRITES("enable_config_writes", Style.OPTION_LIST, true),
    STONITH("stonith", Style.WHOLE_LINE, false),
    STONITH_HOST("stonith_host", Style.WHOLE_LINE, false),
    WATCHDOG("watchdog", Style.OPTION_LIST, true),
    // client processes and API
    RESPAWN("respawn", Style.WHOLE_LINE, false),
    FAILFAST("failfast", Style.WHOLE_LINE, false),
    APIAUTH("apiauth", Style.WHOLE_LINE, false),
    ENV("env", Style.OPTION_LIST, false),
    USE_APPHBD("use_apphbd", Style.OPTION_LIST, false),
    // logging
    LOGFACILITY("logfacility", Style.OPTION_LIST, true),
    LOGFILE("logfile", Style.OPTION_LIST, true),
    DEBUGFILE("debugfile", Style.OPTION_LIST, true),
    USE_LOGD("use_logd", Style.OPTION_LIST, true),
    CONN_LOGD_TIME("conn_logd_time", Style.OPTION_LIST, true),
    DEBUG("debug", Style.OPTION_LIST, true),
    LOG_BADPACK("log_badpack", Style.OPTION_LIST, true),
    SYSLOGMSGFMT("syslogmsgfmt", Style.OPTION_LIST, true),
    // process and protocol tuning
    REALTIME("realtime", Style.OPTION_LIST, true),
    RTPRIO("rtprio", Style.OPTION_LIST, true),
    COREDUMPS("coredumps", Style.OPTION_LIST, true),
    COREROOT("coreroot", Style.OPTION_LIST, true),
    MSGFMT("msgfmt", Style.OPTION_LIST, true),
    COMPRESSION("compression", Style.OPTION_LIST, true),
    COMPRESSION_THRESHOLD("compression_threshold", Style.OPTION_LIST, true),
    TRADITIONAL_COMPRESSION("traditional_compression", Style.OPTION_LIST, true),
    MAX_REXMIT_DELAY("max_rexmit_delay", Style.OPTION_LIST, true),
    MEMRESERVE("memreserve", Style.OPTION_LIST, true);

    /** How Heartbeat hands the rest of the line to the directive. */
    enum Style {
        /** Split at commas and white space; each word is applied as if on its own line. */
        OPTION_LIST,
        /** The rest of the line, unsplit (whole-line directives and whole-line media). */
        WHOLE_LINE
    }

    private final String word;
    private final Style style;
    private final boolean recorded;

    Directive(String word, Style style, boolean recorded) {
        this.word = word;
        this.style = style;
        this.recorded = recorded;
    }

    /** The name as written in ha.cf. */
    String word() {
        return word;
    }

    Style style() {
        return style;
    }

    /** Whether an accepted value is kept for {@code cl_status hbparameter}. */
    boolean recorded() {
        return recorded;
    }
}
