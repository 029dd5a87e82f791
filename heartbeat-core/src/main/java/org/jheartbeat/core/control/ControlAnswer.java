package org.jheartbeat.core.control;

import java.util.List;

/**
 * The daemon's answer to one request: {@code ok} followed by the body lines, or
 * {@code error REASON} (the reason may be empty) and nothing else.
 */
public record ControlAnswer(boolean ok, String reason, List<String> lines) {

    public ControlAnswer {
        lines = List.copyOf(lines);
    }

    public static ControlAnswer ok(List<String> lines) {
        return new ControlAnswer(true, "", lines);
    }

    public static ControlAnswer ok(String line) {
        return ok(List.of(line));
    }

    public static ControlAnswer error(String reason) {
        return new ControlAnswer(false, reason.replace('\n', ' '), List.of());
    }

    /** The first body line ("" when there is none). */
    public String value() {
        return lines.isEmpty() ? "" : lines.getFirst();
    }

    public String render() {
        StringBuilder out = new StringBuilder(ok ? "ok\n" : "error " + reason + "\n");
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** Parses what the daemon sent; a reply that is neither form is an error naming what came. */
    public static ControlAnswer parse(String text) {
        List<String> all = List.of(text.split("\n"));
        if (text.isEmpty()) {
            return error("empty answer from heartbeat");
        }
        String head = all.getFirst();
        if (head.equals("ok")) {
            return ok(all.subList(1, all.size()));
        }
        if (head.equals("error")) {
            return error("");
        }
        if (head.startsWith("error ")) {
            return error(head.substring("error ".length()));
        }
        return error("unexpected answer from heartbeat: " + head);
    }
}
