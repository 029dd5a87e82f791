package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.jheartbeat.agents.lvs.config.CheckType;
import org.jheartbeat.agents.lvs.config.Protocol;

/**
 * Runs one check of one real server, blocking the calling (virtual) thread for at most the
 * check's timeout. Never throws for anything the network or the server does: that is a down
 * result with the reason.
 */
public final class HealthChecks {

    private final Tls tls;
    private final HttpCheck http;
    private final TextProtocolChecks text;

    public HealthChecks(Tls tls, String localHost) {
        this.tls = tls;
        this.http = new HttpCheck(tls);
        this.text = new TextProtocolChecks(tls, localHost);
    }

    /** A check as {@code checktype} says; COMBINED callers choose {@link #negotiate} or {@link #connect}. */
    public CheckResult run(CheckTarget t) throws InterruptedException {
        return switch (t.settings().type().kind()) {
            case NEGOTIATE, COMBINED -> negotiate(t);
            case CONNECT -> t.protocol() == Protocol.UDP ? ping(t) : connect(t);
            case PING -> ping(t);
            case EXTERNAL, EXTERNAL_PERL -> ExternalCheck.run(t);
            case ON -> CheckResult.up("Success");
            case OFF -> throw new IllegalArgumentException("checktype=off servers are not checked");
        };
    }

    public CheckResult negotiate(CheckTarget t) {
        Deadline deadline = Deadline.inSeconds(t.settings().negotiateTimeoutSeconds());
        try {
            return switch (t.service()) {
                case HTTP, HTTPS -> http.check(t, deadline);
                case SMTP, SUBMISSION -> text.smtp(t, deadline);
                case POP -> text.pop(t, false, deadline);
                case POPS -> text.pop(t, true, deadline);
                case IMAP -> text.imap(t, false, deadline);
                case IMAPS -> text.imap(t, true, deadline);
                case NNTP -> text.nntp(t, deadline);
                case DNS -> DnsCheck.check(t, deadline);
                case SIMPLETCP -> SimpleTcpCheck.check(t, deadline);
                case NONE -> CheckResult.up("Success");
                case FTP -> FtpCheck.check(t, deadline);
                case LDAP -> LdapCheck.check(t, tls, false, Deadline.inSeconds(t.settings().checkTimeoutSeconds()));
                case LDAPS -> LdapCheck.check(t, tls, true, Deadline.inSeconds(t.settings().checkTimeoutSeconds()));
                case RADIUS -> RadiusCheck.check(t, Deadline.inSeconds(t.settings().checkTimeoutSeconds()));
                case SIP -> SipCheck.check(t, deadline);
                case MYSQL, PGSQL, ORACLE -> t.settings().login().isEmpty() || t.request().equals("/")
                        ? CheckResult.down("Error: Must specify a login and request string for MySQL, Oracle and"
                                + " PostgreSQL checks. Not adding " + t.address().getHostAddress() + ".")
                        : switch (t.service()) {
                            case MYSQL -> MysqlCheck.check(t, deadline);
                            case PGSQL -> PgsqlCheck.check(t, deadline);
                            // Oracle's TNS protocol is not spoken: the configuration check warns.
                            default -> connect(t, deadline);
                        };
                // http_proxy: the proxy is checked by connecting; the configuration check warns.
                default -> connect(t, deadline);
            };
        } catch (IOException e) {
            return CheckResult.down(reason(e));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            // Raised while decoding what the server sent (a short packet, bad Base64...): a
            // server answering nonsense is down, and must never stop its checks.
            return CheckResult.down("malformed answer: " + e.getClass().getSimpleName());
        }
    }

    /** The verdict on a plain-HTTP answer the event loop received. */
    CheckResult judgeHttp(CheckTarget t, HttpResponse response) {
        return http.judge(t, response);
    }

    public CheckResult connect(CheckTarget t) {
        try {
            return connect(t, Deadline.inSeconds(t.settings().checkTimeoutSeconds()));
        } catch (IOException e) {
            return CheckResult.down(reason(e));
        }
    }

    private static CheckResult connect(CheckTarget t, Deadline deadline) throws IOException {
        try (CheckConnection c = CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            return CheckResult.up("Success");
        }
    }

    /**
     * ICMP echo through {@link java.net.InetAddress#isReachable}: with the privileges a director
     * runs with this sends real echo requests (without them the JDK tries TCP port 7 instead).
     */
    public static CheckResult ping(CheckTarget t) throws InterruptedException {
        int timeoutMillis = (int) TimeUnit.SECONDS.toMillis(t.settings().checkTimeoutSeconds());
        for (int attempt = 0; attempt < t.settings().checkCount(); attempt++) {
            try {
                if (t.address().isReachable(timeoutMillis)) {
                    return CheckResult.up("Success");
                }
            } catch (IOException e) {
                return CheckResult.down(reason(e));
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return CheckResult.down("No answer received");
    }

    static String reason(IOException e) {
        return switch (e) {
            case SocketTimeoutException s -> "Connection timed out";
            case ConnectException c -> "Connection failed";
            case NoRouteToHostException n -> "Connection failed";
            case SSLException s -> "TLS failed: " + s.getMessage();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** Whether a check type is run at all ({@code off} servers are left as they are). */
    public static boolean isChecked(CheckType type) {
        return type.kind() != CheckType.Kind.OFF;
    }
}
