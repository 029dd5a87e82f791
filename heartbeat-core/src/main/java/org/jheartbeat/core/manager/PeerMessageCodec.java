package org.jheartbeat.core.manager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jheartbeat.core.policy.HoldSet;
import org.jheartbeat.core.policy.PeerMessage;
import org.jheartbeat.core.policy.PeerMessage.AskResources;
import org.jheartbeat.core.policy.PeerMessage.IpRequest;
import org.jheartbeat.core.policy.PeerMessage.IpRequestResponse;
import org.jheartbeat.core.policy.PeerMessage.RequestId;
import org.jheartbeat.core.policy.PeerMessage.ResourceAnnouncement;
import org.jheartbeat.core.policy.PeerMessage.Shutdone;
import org.jheartbeat.core.policy.PeerMessage.Starting;
import org.jheartbeat.core.policy.PeerMessage.TakeoverRequest;
import org.jheartbeat.core.policy.StandbyArgument;

/**
 * The bytes of a hand-off message: a type byte, then the message's fields in declaration
 * order. Only authenticated peers can send these, but a peer running another version (or a
 * bug) must still not make the decoder misbehave: every count and enum is checked, and
 * trailing bytes are an error.
 */
public final class PeerMessageCodec {

    private static final int VERSION = 1;
    private static final int MAX_FAILED_GROUPS = 4096;

    private static final byte STARTING = 1;
    private static final byte ANNOUNCEMENT = 2;
    private static final byte ASK_RESOURCES = 3;
    private static final byte TAKEOVER_REQUEST = 4;
    private static final byte SHUTDONE = 5;
    private static final byte IP_REQUEST = 6;
    private static final byte IP_REQUEST_RESPONSE = 7;

    private PeerMessageCodec() {
    }

    public static byte[] encode(PeerMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            switch (message) {
                case Starting m -> {
                    out.writeByte(STARTING);
                    out.writeLong(m.incarnation());
                }
                case ResourceAnnouncement m -> {
                    out.writeByte(ANNOUNCEMENT);
                    out.writeByte(m.holds().ordinal());
                    out.writeBoolean(m.stable());
                    out.writeByte(m.info().ordinal());
                    out.writeShort(m.failed().size());
                    for (String key : m.failed().stream().sorted().toList()) {
                        out.writeUTF(key);
                    }
                    out.writeLong(m.replyTo());
                }
                case AskResources m -> {
                    out.writeByte(ASK_RESOURCES);
                    out.writeByte(m.set().ordinal());
                    out.writeByte(m.step().ordinal());
                }
                case TakeoverRequest m -> {
                    out.writeByte(TAKEOVER_REQUEST);
                    out.writeByte(m.argument().ordinal());
                }
                case Shutdone ignored -> out.writeByte(SHUTDONE);
                case IpRequest m -> {
                    out.writeByte(IP_REQUEST);
                    out.writeUTF(m.key());
                    writeId(out, m.id());
                }
                case IpRequestResponse m -> {
                    out.writeByte(IP_REQUEST_RESPONSE);
                    out.writeUTF(m.key());
                    writeId(out, m.id());
                    out.writeBoolean(m.weOwned());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException naming what is wrong when the bytes are not a message of this version */
    public static PeerMessage decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("hand-off message version " + version + ", expected " + VERSION);
        }
        byte type = in.readByte();
        PeerMessage message = switch (type) {
            case STARTING -> new Starting(in.readLong());
            case ANNOUNCEMENT -> {
                HoldSet holds = pick(HoldSet.values(), in.readUnsignedByte(), "hold set");
                boolean stable = in.readBoolean();
                ResourceAnnouncement.Info info = pick(ResourceAnnouncement.Info.values(), in.readUnsignedByte(),
                        "announcement info");
                int count = in.readUnsignedShort();
                if (count > MAX_FAILED_GROUPS) {
                    throw new IOException("too many failed groups: " + count);
                }
                Set<String> failed = new LinkedHashSet<>();
                for (int i = 0; i < count; i++) {
                    failed.add(in.readUTF());
                }
                yield new ResourceAnnouncement(holds, stable, info, failed, in.readLong());
            }
            case ASK_RESOURCES -> new AskResources(pick(HoldSet.values(), in.readUnsignedByte(), "hold set"),
                    pick(AskResources.StandbyStep.values(), in.readUnsignedByte(), "standby step"));
            case TAKEOVER_REQUEST -> new TakeoverRequest(
                    pick(StandbyArgument.values(), in.readUnsignedByte(), "takeover argument"));
            case SHUTDONE -> new Shutdone();
            case IP_REQUEST -> new IpRequest(in.readUTF(), readId(in));
            case IP_REQUEST_RESPONSE -> new IpRequestResponse(in.readUTF(), readId(in), in.readBoolean());
            default -> throw new IOException("unknown hand-off message type " + type);
        };
        if (in.available() > 0) {
            throw new IOException(in.available() + " bytes after a " + message.getClass().getSimpleName() + " message");
        }
        return message;
    }

    private static void writeId(DataOutputStream out, RequestId id) throws IOException {
        out.writeLong(id.incarnation());
        out.writeLong(id.sequence());
    }

    private static RequestId readId(DataInputStream in) throws IOException {
        return new RequestId(in.readLong(), in.readLong());
    }

    private static <E> E pick(E[] values, int ordinal, String what) throws IOException {
        if (ordinal >= values.length) {
            throw new IOException("bad " + what + " " + ordinal);
        }
        return values[ordinal];
    }
}
