package io.handoff.cutover.seed;

import io.handoff.common.cluster.ClusterSpec;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;

import org.conscrypt.Conscrypt;
import org.jboss.logging.Logger;

/**
 * The TLS of the seed's bulk sessions on MySQL (Connector/J): BoringSSL through Conscrypt, the native provider, where
 * its library loads on this machine; the JVM's own JSSE otherwise. The rows of a seed cross TLS twice (read from the
 * source, written to the target), and in JSSE that was about 30 % of the seed's CPU in the JVM and, in a seed's first
 * minutes, the largest part of what the JIT compiles (its record layer and AES-GCM ciphers); the dump programs it is
 * measured against use OpenSSL, which costs neither.
 *
 * <p>Conscrypt is added as the JVM's last security provider, so it is the default for nothing: only the sessions given
 * {@link #driverProperties} ask Connector/J for its {@code SSLContext} ({@code sslContextProvider}). The server's
 * certificate is checked as the cluster's URL says either way ({@code sslMode}, trust store): Connector/J builds the
 * trust managers, the provider only runs the protocol.
 */
final class NativeTls {
    private static final Logger LOG = Logger.getLogger(NativeTls.class);
    /** Connector/J's option naming the provider of a session's {@code SSLContext}. */
    static final String SSL_CONTEXT_PROVIDER = "sslContextProvider";

    private NativeTls() {
    }

    /**
     * What a seed session on {@code cluster} gives its driver besides {@code others}: Conscrypt as its TLS provider on
     * MySQL where it is installed; nothing more on MariaDB (MariaDB Connector/J has no such option) or without it.
     */
    static Map<String, String> driverProperties(ClusterSpec cluster, Map<String, String> others) {
        if (!"mysql".equals(cluster.flavor().jdbcScheme()) || Installed.PROVIDER == null) {
            return others;
        }
        Map<String, String> properties = new HashMap<>(others);
        properties.put(SSL_CONTEXT_PROVIDER, Installed.PROVIDER);
        return Map.copyOf(properties);
    }

    /** Installs the provider when a session on MySQL first asks for it, never for MariaDB alone. */
    private static final class Installed {
        static final String PROVIDER = installed();
    }

    /** The provider's name once it is installed, or null (logged once) where its native library does not load here. */
    private static String installed() {
        try {
            if (!Conscrypt.isAvailable()) {
                LOG.infof("the seed's TLS on MySQL runs in the JVM (JSSE): Conscrypt's native library does not load on"
                        + " this machine (%s/%s)", System.getProperty("os.name"), System.getProperty("os.arch"));
                return null;
            }
            java.security.Provider provider = Conscrypt.newProvider();
            if (Security.getProvider(provider.getName()) == null) {
                Security.addProvider(provider);
            }
            return provider.getName();
        } catch (LinkageError | RuntimeException e) {
            LOG.infof("the seed's TLS on MySQL runs in the JVM (JSSE): Conscrypt could not be installed (%s)", e.toString());
            return null;
        }
    }
}
