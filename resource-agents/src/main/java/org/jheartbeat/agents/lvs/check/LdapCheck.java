package org.jheartbeat.agents.lvs.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jheartbeat.agents.lvs.config.ReceivePattern;

/**
 * {@code service=ldap} / {@code ldaps}: an LDAPv3 simple bind (login and passwd when both are
 * set, anonymous otherwise), then a base-scope search of the request (without its leading
 * {@code /}; the default {@code /} searches the root DSE, which every server has) for
 * {@code (objectClass=*)}. Up when the bind succeeds and the search returns exactly one entry
 * whose DN matches receive (an empty receive matches any). The messages are written in BER by
 * hand: a bind and a search are a few dozen bytes.
 */
final class LdapCheck {

    private static final int BIND_REQUEST = 0x60;
    private static final int BIND_RESPONSE = 0x61;
    private static final int UNBIND_REQUEST = 0x42;
    private static final int SEARCH_REQUEST = 0x63;
    private static final int SEARCH_ENTRY = 0x64;
    private static final int SEARCH_DONE = 0x65;
    private static final int SEARCH_REFERENCE = 0x73;
    private static final int SIMPLE_AUTH = 0x80;
    private static final int FILTER_PRESENT = 0x87;
    private static final int MAX_MESSAGE = 1024 * 1024;
    private static final int MAX_MESSAGES = 1000;

    private LdapCheck() {
    }

    static CheckResult check(CheckTarget t, Tls tls, boolean secure, Deadline deadline) throws IOException {
        boolean authenticated = !t.settings().login().isEmpty() && !t.settings().password().isEmpty();
        try (CheckConnection c = secure
                ? CheckConnection.openTls(t.address(), t.checkPort(), t.virtualHost(), tls, deadline)
                : CheckConnection.open(t.address(), t.checkPort(), deadline)) {
            c.write(bindRequest(1, authenticated ? t.settings().login() : "",
                    authenticated ? t.settings().password() : ""));
            Ber.Element bind = readMessage(c);
            Ber.Element op = bind.next(bind.first());
            if (op.tag() != BIND_RESPONSE || op.first().number() != 0) {
                return CheckResult.down("Bind failed");
            }
            c.write(searchRequest(2, t.requestWithoutSlash()));
            List<String> dns = new ArrayList<>();
            long result = -1;
            for (int i = 0; i < MAX_MESSAGES && result < 0; i++) {
                Ber.Element message = readMessage(c);
                Ber.Element answer = message.next(message.first());
                switch (answer.tag()) {
                    case SEARCH_ENTRY -> dns.add(answer.first().text());
                    case SEARCH_DONE -> result = answer.first().number();
                    case SEARCH_REFERENCE -> { }
                    default -> throw new IOException("unexpected LDAP message 0x" + Integer.toHexString(answer.tag()));
                }
            }
            c.write(Ber.tlv(Ber.SEQUENCE, Ber.integer(Ber.INTEGER, 3), new byte[] {UNBIND_REQUEST, 0}));
            if (result != 0 || dns.size() != 1) {
                return CheckResult.down("Response mismatch");
            }
            if (!t.receive().isEmpty()
                    && !ReceivePattern.compile(t.receive()).orElseThrow().matcher(dns.getFirst()).find()) {
                return CheckResult.down("Response mismatch");
            }
            return CheckResult.up("Success");
        }
    }

    static byte[] bindRequest(int id, String name, String password) {
        return Ber.tlv(Ber.SEQUENCE, Ber.integer(Ber.INTEGER, id),
                Ber.tlv(BIND_REQUEST, Ber.integer(Ber.INTEGER, 3), Ber.string(Ber.OCTET_STRING, name),
                        Ber.string(SIMPLE_AUTH, password)));
    }

    /** Base scope, never dereference, no limits, the present filter on objectClass, no attributes ("1.1"). */
    static byte[] searchRequest(int id, String base) {
        return Ber.tlv(Ber.SEQUENCE, Ber.integer(Ber.INTEGER, id),
                Ber.tlv(SEARCH_REQUEST, Ber.string(Ber.OCTET_STRING, base), Ber.integer(Ber.ENUMERATED, 0),
                        Ber.integer(Ber.ENUMERATED, 0), Ber.integer(Ber.INTEGER, 0), Ber.integer(Ber.INTEGER, 0),
                        new byte[] {Ber.BOOLEAN, 1, 0}, Ber.string(FILTER_PRESENT, "objectClass"),
                        Ber.tlv(Ber.SEQUENCE, Ber.string(Ber.OCTET_STRING, "1.1"))));
    }

    /** One LDAPMessage (a SEQUENCE), read exactly. */
    static Ber.Element readMessage(CheckConnection c) throws IOException {
        byte[] head = c.readExactly(2);
        if ((head[0] & 0xFF) != Ber.SEQUENCE) {
            throw new IOException("not an LDAP message");
        }
        int extra = (head[1] & 0x80) != 0 ? head[1] & 0x7F : 0;
        if (extra > 3) {
            throw new IOException("unsupported BER length");
        }
        byte[] lengthBytes = c.readExactly(extra);
        byte[] start = new byte[2 + extra];
        System.arraycopy(head, 0, start, 0, 2);
        System.arraycopy(lengthBytes, 0, start, 2, extra);
        int total = Ber.totalLength(start, start.length);
        if (total > MAX_MESSAGE) {
            throw new IOException("LDAP message of " + total + " bytes");
        }
        byte[] message = new byte[total];
        System.arraycopy(start, 0, message, 0, start.length);
        byte[] rest = c.readExactly(total - start.length);
        System.arraycopy(rest, 0, message, start.length, rest.length);
        return Ber.read(message, 0, total);
    }
}
