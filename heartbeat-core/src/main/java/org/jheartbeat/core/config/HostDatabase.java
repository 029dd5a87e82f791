package org.jheartbeat.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The facts about this machine that reading ha.cf needs: users and groups (respawn, apiauth),
 * UDP service names (udpport) and whether a program can be run (respawn). A separate type so
 * that tests can describe a machine instead of depending on the one they run on.
 */
interface HostDatabase {

    boolean userExists(String name);

    boolean groupExists(String name);

    /** The port of a UDP service in the services database. */
    OptionalInt udpServicePort(String service);

    /** The name of the UDP service that owns a port. */
    Optional<String> udpServiceName(int port);

    /** Whether the path is a regular file this process may execute. */
    boolean isExecutable(String path);

    /** This machine, from /etc/passwd, /etc/group and /etc/services, read once. */
    static HostDatabase system() {
        return SystemHostDatabase.INSTANCE;
    }

    /** A fixed description of a machine. */
    static HostDatabase of(Set<String> users, Set<String> groups, Map<String, Integer> udpServices,
                           Set<String> executables) {
        return new HostDatabase() {
            @Override
            public boolean userExists(String name) {
                return users.contains(name);
            }

            @Override
            public boolean groupExists(String name) {
                return groups.contains(name);
            }

            @Override
            public OptionalInt udpServicePort(String service) {
                Integer port = udpServices.get(service);
                return port == null ? OptionalInt.empty() : OptionalInt.of(port);
            }

            @Override
            public Optional<String> udpServiceName(int port) {
                return udpServices.entrySet().stream().filter(e -> e.getValue() == port)
                        .map(Map.Entry::getKey).sorted().findFirst();
            }

            @Override
            public boolean isExecutable(String path) {
                return executables.contains(path);
            }
        };
    }

    /** The real machine; the databases are small text files read on first use. */
    final class SystemHostDatabase implements HostDatabase {

        static final SystemHostDatabase INSTANCE = new SystemHostDatabase();

        private volatile Set<String> users;
        private volatile Set<String> groups;
        private volatile Map<String, Integer> udpServices;

        @Override
        public boolean userExists(String name) {
            if (users == null) {
                users = firstFields(Path.of("/etc/passwd"));
            }
            return users.contains(name);
        }

        @Override
        public boolean groupExists(String name) {
            if (groups == null) {
                groups = firstFields(Path.of("/etc/group"));
            }
            return groups.contains(name);
        }

        @Override
        public OptionalInt udpServicePort(String service) {
            Integer port = services().get(service);
            return port == null ? OptionalInt.empty() : OptionalInt.of(port);
        }

        @Override
        public Optional<String> udpServiceName(int port) {
            return services().entrySet().stream().filter(e -> e.getValue() == port)
                    .map(Map.Entry::getKey).sorted().findFirst();
        }

        @Override
        public boolean isExecutable(String path) {
            try {
                Path p = Path.of(path);
                return Files.isRegularFile(p) && Files.isExecutable(p);
            } catch (RuntimeException e) {
                return false;
            }
        }

        private Map<String, Integer> services() {
            if (udpServices == null) {
                Map<String, Integer> map = new HashMap<>();
                for (String line : lines(Path.of("/etc/services"))) {
                    int comment = line.indexOf('#');
                    List<String> words = HaCfLine.words(comment < 0 ? line : line.substring(0, comment), " \t");
                    if (words.size() >= 2 && words.get(1).endsWith("/udp")) {
                        String number = words.get(1).substring(0, words.get(1).length() - 4);
                        try {
                            map.putIfAbsent(words.get(0), Integer.parseInt(number));
                        } catch (NumberFormatException e) {
                            continue;
                        }
                    }
                }
                udpServices = map;
            }
            return udpServices;
        }

        private static Set<String> firstFields(Path file) {
            Set<String> names = new HashSet<>();
            for (String line : lines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    names.add(line.substring(0, colon));
                }
            }
            return names;
        }

        /** An unreadable database reads as empty: the checks that use it then say what is missing. */
        private static List<String> lines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return List.of();
            }
        }
    }
}
