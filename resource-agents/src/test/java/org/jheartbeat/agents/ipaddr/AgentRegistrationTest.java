package org.jheartbeat.agents.ipaddr;

import org.jheartbeat.core.agent.AgentRegistry;
import org.jheartbeat.core.agent.ResourceAgent;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry finds the address agents by their haresources names, each with well-formed meta-data. */
class AgentRegistrationTest {

    @Test
    void registryFindsTheAddressAgentsWithTheirMetaData() throws Exception {
        AgentRegistry registry = AgentRegistry.load();
        for (String name : List.of("IPaddr2", "IPaddr", "SendArp")) {
            ResourceAgent agent = registry.find(name).orElseThrow(() -> new AssertionError(name + " not registered"));
            assertEquals(name, agent.name());
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(agent.metaData().getBytes(StandardCharsets.UTF_8)));
            assertEquals(name, doc.getDocumentElement().getAttribute("name"));
            assertTrue(doc.getElementsByTagName("parameter").getLength() >= 2, name);
            assertTrue(doc.getElementsByTagName("action").getLength() >= 4, name);
        }
    }
}
