package org.jheartbeat.agents.ipaddr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OCF meta-data XML of each address agent, kept beside the classes as {@code NAME.xml}. */
final class AgentMetaData {

    private AgentMetaData() {
    }

    static String load(String agent) {
        try (InputStream in = AgentMetaData.class.getResourceAsStream(agent + ".xml")) {
            if (in == null) {
                throw new IllegalStateException("meta-data for " + agent + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
