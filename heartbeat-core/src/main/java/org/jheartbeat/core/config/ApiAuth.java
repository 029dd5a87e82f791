package org.jheartbeat.core.config;

import java.util.List;

/**
 * Who may sign on to the client API under a client name: a process matches when its user is in
 * {@code uids} or its group is in {@code gids}. Entries are names or numeric ids, as written.
 */
public record ApiAuth(String client, List<String> uids, List<String> gids) {

    public ApiAuth {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }
}
