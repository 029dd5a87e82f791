package org.jheartbeat.core.membership;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.jgroups.Header;
import org.jgroups.Message;
import org.jgroups.util.Util;

/**
 * The exact bytes a packet's signature covers: the authentication fields (key number, node,
 * incarnation, counter), the destination, the flags, every header of the protocols above the
 * authentication layer, and the payload. Sender and receiver build it the same way from the
 * message as it is above the transport, so nothing a protocol sends escapes the signature.
 */
final class SignedContent {

    private static final int DOMAIN = 0x4A484231; // "JHB1": a signature for one purpose only

    private SignedContent() {
    }

    static byte[] of(int keyNumber, String node, long incarnation, long counter, Message msg, short[] idsAbove) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + msg.getLength());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(DOMAIN);
            out.writeByte(keyNumber);
            out.writeUTF(node);
            out.writeLong(incarnation);
            out.writeLong(counter);
            Util.writeAddress(msg.getDest(), out);
            out.writeShort(msg.getFlags(false));
            short[] ids = idsAbove.clone();
            Arrays.sort(ids);
            for (short id : ids) {
                Header header = id > 0 ? msg.getHeader(id) : null;
                if (header != null) {
                    out.writeShort(id);
                    out.writeShort(header.getMagicId());
                    header.writeTo(out);
                }
            }
            out.writeShort(msg.getType());
            msg.writePayload(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
