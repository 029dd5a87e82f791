package org.jheartbeat.agents.lvs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.jheartbeat.core.config.ConfigFileReader;

/**
 * Service names to ports, as {@code getservbyname} answers them from {@code /etc/services}. When
 * the file is missing (minimal containers) the ports ldirectord itself knows are used, so
 * {@code virtual=VIP:http} still works there.
 */
public final class ServicesDatabase {

    private static final Path ETC_SERVICES = Path.of("/etc/services");
    private static volatile ServicesDatabase system;

    private final Map<String, Integer> ports;

    private ServicesDatabase(Map<String, Integer> ports) {
        this.ports = Map.copyOf(ports);
    }

    public static ServicesDatabase system() {
        ServicesDatabase db = system;
        if (db == null) {
            db = load(ETC_SERVICES);
            system = db;
        }
        return db;
    }

    static ServicesDatabase load(Path file) {
        Map<String, Integer> ports = new HashMap<>();
        for (ServiceType s : ServiceType.values()) {
            s.wellKnownPort().ifPresent(p -> {
                String name = s == ServiceType.POP ? "pop3" : s == ServiceType.POPS ? "pop3s" : s.word();
                ports.put(name + "/tcp", p);
                ports.put(name + "/udp", p);
            });
        }
        ports.put("domain/tcp", 53);
        ports.put("domain/udp", 53);
        ports.put("www/tcp", 80);
        try {
            if (new ConfigFileReader(64 * 1024).whyUnusable(file).isEmpty()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    addLine(ports, line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The built-in table above is the answer then.
        }
        return new ServicesDatabase(ports);
    }

    private static void addLine(Map<String, Integer> ports, String line) {
        int hash = line.indexOf('#');
        String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
        if (fields.length < 2) {
            return;
        }
        String[] portProto = fields[1].split("/");
        if (portProto.length != 2 || !portProto[0].matches("[0-9]{1,5}")) {
            return;
        }
        int port = Integer.parseInt(portProto[0]);
        if (port > 65535) {
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            if (i != 1) {
                ports.put(fields[i] + "/" + portProto[1], port);
            }
        }
    }

    public OptionalInt port(String name, String protocol) {
        Integer p = ports.get(name + "/" + protocol);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }
}
