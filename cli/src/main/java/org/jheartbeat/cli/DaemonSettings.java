package org.jheartbeat.cli;

import java.nio.file.Path;

import org.jheartbeat.agents.script.ScriptTimeouts;

/**
 * Where a running daemon keeps its files and how it runs, from the command line.
 *
 * @param runDirectory   the control socket's directory
 * @param stateDirectory where hb_generation is kept
 * @param extraDebug     how many {@code -d} were given
 */
record DaemonSettings(PidFile pidFile, Path runDirectory, Path stateDirectory, ScriptTimeouts scriptTimeouts,
                      int extraDebug) {
}
