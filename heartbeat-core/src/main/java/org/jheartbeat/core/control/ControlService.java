package org.jheartbeat.core.control;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jheartbeat.core.membership.MembershipReport;
import org.jheartbeat.core.policy.StandbyArgument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers control requests (see {@link ControlRequest}) from a {@link DaemonView}. Reads come
 * from the view's published snapshot; standby and takeover are handed to the view, which queues
 * them to the daemon's loop and returns its verdict. A daemon opens its control socket with
 * <pre>
 *   ControlServer control = ControlServer.start(runDirectory, new ControlService(view));
 * </pre>
 * and closes it on shutdown; {@link ConfiguredClients} answers {@link DaemonView#clientStatus}
 * for a daemon that does not track its respawned clients one by one.
 */
public final class ControlService implements ControlHandler {

    /** What {@code hbstatus -v} reports as the version: the Heartbeat release we stand in for, and ours. */
    public static final String VERSION = "3.0.6 (jheartbeat" + implementationVersion() + ")";
    /** The longest a {@code client} request may ask us to wait: cl_status gives up after 5 s anyway. */
    static final Duration MAX_CLIENT_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger("heartbeat");

    private final DaemonView view;

    public ControlService(DaemonView view) {
        this.view = view;
    }

    @Override
    public String answer(ControlRequest request) {
        if (request.verb().equals("status") && request.args().isEmpty()) {
            return MembershipReport.render(view.membership(), view.drops());
        }
        return dispatch(request).render();
    }

    private ControlAnswer dispatch(ControlRequest request) {
        int n = request.args().size();
        return switch (request.verb()) {
            case "cluster" -> n == 0 ? cluster() : usage(request);
            case "parameter" -> n == 1 ? parameter(request.arg(0)) : usage(request);
            case "client" -> n == 3 ? client(request.arg(0), request.arg(1), request.arg(2)) : usage(request);
            case "standby" -> n == 1 ? standby(request.arg(0)) : usage(request);
            case "takeover" -> n == 1 ? takeover(request.arg(0)) : usage(request);
            default -> ControlAnswer.error("unknown request " + request.verb());
        };
    }

    private static ControlAnswer usage(ControlRequest request) {
        return ControlAnswer.error("wrong number of arguments for " + request.verb());
    }

    private ControlAnswer cluster() {
        var haCf = view.config().haCf();
        return ControlAnswer.ok(ClusterReport.of(VERSION, haCf.pacemaker(), view.rscStatus().word(),
                view.membership()).lines());
    }

    private ControlAnswer parameter(String name) {
        String value = view.config().haCf().parameters().get(name);
        return value == null ? ControlAnswer.error("") : ControlAnswer.ok(value);
    }

    private ControlAnswer client(String nodeAsGiven, String client, String timeoutMillis) {
        String node = nodeAsGiven.toLowerCase(Locale.ROOT);
        long wait;
        try {
            wait = Math.clamp(Long.parseLong(timeoutMillis), 1, MAX_CLIENT_WAIT.toMillis());
        } catch (NumberFormatException e) {
            return ControlAnswer.error("timeout is not a number: " + timeoutMillis);
        }
        if (view.membership().node(node).isEmpty()) {
            return ControlAnswer.error("unknown node " + node);
        }
        // The view may have to ask a peer; the caller's timeout bounds how long we wait for it.
        CompletableFuture<Optional<String>> status = new CompletableFuture<>();
        Thread.ofVirtual().name("control-clientstatus").start(() -> {
            try {
                status.complete(view.clientStatus(node, client));
            } catch (RuntimeException e) {
                status.completeExceptionally(e);
            }
        });
        try {
            return status.get(wait, TimeUnit.MILLISECONDS).map(ControlAnswer::ok)
                    .orElseGet(() -> ControlAnswer.error("No timely response."));
        } catch (TimeoutException e) {
            return ControlAnswer.error("No timely response.");
        } catch (ExecutionException e) {
            return ControlAnswer.error(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControlAnswer.error("interrupted");
        }
    }

    private ControlAnswer standby(String word) {
        Optional<StandbyArgument> argument = StandbyArgument.parse(word);
        if (argument.isEmpty()) {
            return ControlAnswer.error("wrong resources(" + word + ").");
        }
        LOG.info("Going standby [{}].", word);
        return verdict(view.requestStandby(argument.get()));
    }

    private ControlAnswer takeover(String word) {
        Optional<StandbyArgument> argument = StandbyArgument.parse(word);
        if (argument.isEmpty()) {
            return ControlAnswer.error("wrong resources(" + word + ").");
        }
        LOG.info("Taking over [{}] (hb_takeover).", word);
        return verdict(view.requestTakeover(argument.get()));
    }

    private static ControlAnswer verdict(Optional<String> refusal) {
        return refusal.map(ControlAnswer::error).orElseGet(() -> ControlAnswer.ok(List.of()));
    }

    private static String implementationVersion() {
        String version = ControlService.class.getPackage().getImplementationVersion();
        return version == null ? "" : " " + version;
    }
}
