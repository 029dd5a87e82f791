package org.jheartbeat.core.membership;

import org.jgroups.util.ThreadFactory;

/**
 * JGroups' thread factory for a medium's transport, except that packet receiver threads (which
 * also run the protocols, the transport having no thread pool) get realtime scheduling.
 */
final class RealtimeReceiverThreads implements ThreadFactory {

    private final ThreadFactory delegate;

    RealtimeReceiverThreads(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(Runnable r, String name) {
        return delegate.newThread(name.endsWith("receiver") ? RealtimeScheduling.raised(r) : r, name);
    }

    @Override
    public Thread newThread(Runnable r) {
        return delegate.newThread(r);
    }

    @Override
    public boolean useVirtualThreads() {
        return false;
    }

    @Override
    public void setPattern(String pattern) {
        delegate.setPattern(pattern);
    }

    @Override
    public void setIncludeClusterName(boolean includeClusterName) {
        delegate.setIncludeClusterName(includeClusterName);
    }

    @Override
    public void setClusterName(String channelName) {
        delegate.setClusterName(channelName);
    }

    @Override
    public void setAddress(String address) {
        delegate.setAddress(address);
    }

    @Override
    public void renameThread(String baseName, Thread thread) {
        delegate.renameThread(baseName, thread);
    }
}
