package org.jheartbeat.agents.kernel.ipvs;

/**
 * What {@code IPVS_CMD_GET_INFO} answers.
 *
 * @param version             IP_VS_VERSION_CODE, e.g. 0x010201
 * @param connectionTableSize buckets of the connection hash table
 */
public record IpvsInfo(int version, int connectionTableSize) {

    /** {@code 1.2.1}. */
    public String versionText() {
        return ((version >> 16) & 0xFF) + "." + ((version >> 8) & 0xFF) + "." + (version & 0xFF);
    }
}
