package org.jheartbeat.agents.kernel.ipvs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order {@code ipvsadm -L} sorts by, reproduced exactly. ipvsadm compares with
 * {@code (int)(a - b)} on unsigned 32-bit values, which wraps for values more than 2^31 apart
 * (192.168.0.1 sorts before 10.0.0.1), so the comparison is not a total order. Java's sorts may
 * reject such comparators; the C library's qsort (a top-down merge sort in glibc) simply produces
 * some order, and that order is what a byte-for-byte listing must reproduce.
 */
final class ListingOrder {

    private ListingOrder() {
    }

    static final Comparator<IpvsTable.Row> SERVICES = (a, b) -> {
        IpvsService s1 = a.service().service();
        IpvsService s2 = b.service().service();
        int r = mark(s1.key()) - mark(s2.key());
        if (r != 0) {
            return r;
        }
        r = s1.key().family().number() - s2.key().family().number();
        if (r != 0) {
            return r;
        }
        r = protocol(s1.key()) - protocol(s2.key());
        if (r != 0) {
            return r;
        }
        r = compareWords(address(s1.key()), address(s2.key()), s1.key().family() == IpFamily.IPV6);
        if (r != 0) {
            return r;
        }
        return port(s1.key()) - port(s2.key());
    };

    static final Comparator<IpvsDestinationEntry> DESTINATIONS = (a, b) -> {
        IpvsDestination d1 = a.destination();
        IpvsDestination d2 = b.destination();
        int r = compareWords(d1.address().getAddress(), d2.address().getAddress(), d1.family() == IpFamily.IPV6);
        if (r != 0) {
            return r;
        }
        return d1.port() - d2.port();
    };

    /** glibc's msort: split in halves (the first half is the smaller), sort each, merge stably. */
    static <T> List<T> sort(List<T> items, Comparator<? super T> cmp) {
        List<T> work = new ArrayList<>(items);
        mergeSort(work, 0, work.size(), cmp);
        return work;
    }

    private static <T> void mergeSort(List<T> a, int from, int n, Comparator<? super T> cmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        mergeSort(a, from, n1, cmp);
        mergeSort(a, from + n1, n2, cmp);
        List<T> merged = new ArrayList<>(n);
        int i = from;
        int j = from + n1;
        int end1 = from + n1;
        int end2 = from + n;
        while (i < end1 && j < end2) {
            if (cmp.compare(a.get(i), a.get(j)) <= 0) {
                merged.add(a.get(i++));
            } else {
                merged.add(a.get(j++));
            }
        }
        while (i < end1) {
            merged.add(a.get(i++));
        }
        while (j < end2) {
            merged.add(a.get(j++));
        }
        for (int k = 0; k < n; k++) {
            a.set(from + k, merged.get(k));
        }
    }

    /** Compares 32-bit big-endian words the way ipvsadm does: IPv4 one word, IPv6 four. */
    private static int compareWords(byte[] a, byte[] b, boolean ipv6) {
        int words = ipv6 ? 4 : 1;
        int r = 0;
        for (int w = 0; r == 0 && w < words; w++) {
            r = word(a, w) - word(b, w);
        }
        return r;
    }

    private static int word(byte[] bytes, int w) {
        int v = 0;
        for (int i = 4 * w; i < 4 * w + 4; i++) {
            v = (v << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return v;
    }

    private static int mark(ServiceKey key) {
        return key instanceof ServiceKey.FirewallMark f ? f.mark() : 0;
    }

    private static int protocol(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.protocol().number() : 0;
    }

    private static byte[] address(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.address().getAddress() : new byte[16];
    }

    private static int port(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.port() : 0;
    }
}
