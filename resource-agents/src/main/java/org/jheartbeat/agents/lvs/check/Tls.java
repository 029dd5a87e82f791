package org.jheartbeat.agents.lvs.check;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for https, pops and imaps checks. ldirectord does not verify the real server's
 * certificate (real servers often have self-signed ones, or one for the public name that does not
 * match their address); {@link #unverified()} does the same, {@link #verified()} uses the JDK's
 * trust store and checks the host name.
 */
public final class Tls {

    private final SSLSocketFactory factory;
    private final boolean verify;

    private Tls(SSLSocketFactory factory, boolean verify) {
        this.factory = factory;
        this.verify = verify;
    }

    public static Tls unverified() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return new Tls(context.getSocketFactory(), false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    public static Tls verified() {
        return new Tls((SSLSocketFactory) SSLSocketFactory.getDefault(), true);
    }

    SSLSocketFactory factory() {
        return factory;
    }

    boolean verifiesHostName() {
        return verify;
    }

    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Real servers are not clients.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Deliberately accepted: the check asks whether the service answers, as ldirectord does.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
