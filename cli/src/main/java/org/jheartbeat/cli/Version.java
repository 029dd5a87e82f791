package org.jheartbeat.cli;

import picocli.CommandLine.IVersionProvider;

/** Version text for {@code -V/--version}: our version, and the Heartbeat release we mimic. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String ours = Version.class.getPackage().getImplementationVersion();
        return new String[] {"jheartbeat " + (ours == null ? "development build" : ours)
                + " (compatible with Heartbeat 3.0.6, v1 haresources mode)"};
    }
}
