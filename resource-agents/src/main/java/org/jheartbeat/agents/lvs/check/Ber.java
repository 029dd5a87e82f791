package org.jheartbeat.agents.lvs.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The few ASN.1 BER (definite length) pieces an LDAP bind and search need: writing a
 * tag-length-value, and reading one back from a byte array.
 */
final class Ber {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int ENUMERATED = 0x0A;
    static final int BOOLEAN = 0x01;
    static final int SEQUENCE = 0x30;

    private Ber() {
    }

    static byte[] tlv(int tag, byte[]... values) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        for (byte[] v : values) {
            value.writeBytes(v);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }

    static byte[] integer(int tag, long n) {
        return tlv(tag, BigInteger.valueOf(n).toByteArray());
    }

    static byte[] string(int tag, String s) {
        return tlv(tag, s.getBytes(StandardCharsets.UTF_8));
    }

    /** One element read: its tag and where its value lies in the array. */
    record Element(int tag, byte[] data, int start, int length) {

        int end() {
            return start + length;
        }

        String text() {
            return new String(data, start, length, StandardCharsets.UTF_8);
        }

        long number() throws IOException {
            if (length < 1 || length > 8) {
                throw new IOException("malformed BER integer");
            }
            return new BigInteger(java.util.Arrays.copyOfRange(data, start, end())).longValue();
        }

        /** The first element inside this (constructed) one. */
        Element first() throws IOException {
            return read(data, start, end());
        }

        /** The element following {@code previous} inside this one. */
        Element next(Element previous) throws IOException {
            return read(data, previous.end(), end());
        }
    }

    /** The element starting at {@code at}, which must end by {@code limit}. */
    static Element read(byte[] data, int at, int limit) throws IOException {
        if (at + 2 > limit) {
            throw new IOException("truncated BER element");
        }
        int tag = data[at] & 0xFF;
        int first = data[at + 1] & 0xFF;
        int position = at + 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n < 1 || n > 3 || position + n > limit) {
                throw new IOException("unsupported BER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (data[position++] & 0xFF);
            }
        }
        if (position + length > limit) {
            throw new IOException("truncated BER element");
        }
        return new Element(tag, data, position, length);
    }

    /** The length of the element whose tag and length octets start {@code head}, or -1 if more are needed. */
    static int totalLength(byte[] head, int available) throws IOException {
        if (available < 2) {
            return -1;
        }
        int first = head[1] & 0xFF;
        if (first < 0x80) {
            return 2 + first;
        }
        int n = first & 0x7F;
        if (n < 1 || n > 3) {
            throw new IOException("unsupported BER length");
        }
        if (available < 2 + n) {
            return -1;
        }
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = length << 8 | (head[2 + i] & 0xFF);
        }
        return 2 + n + length;
    }
}
