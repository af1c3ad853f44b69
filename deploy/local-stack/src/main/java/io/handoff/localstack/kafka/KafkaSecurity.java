package io.handoff.localstack.kafka;

import io.handoff.common.topic.HandoffAcls;
import io.handoff.localstack.ChildProcesses;
import io.handoff.localstack.PrivateProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets and settings of a secured {@link KafkaBroker}: a client listener with SASL SCRAM-SHA-512 over TLS
 * ({@code SASL_SSL}) and a controller listener with mutual TLS.
 *
 * <p>On first start, in {@code <dataDir>/security} (mode 700): a CA and a broker certificate signed by it
 * (CN={@value #BROKER_DN}, SAN 127.0.0.1 and localhost, server and client use), made by the JDK's {@code keytool}; a
 * PKCS12 keystore ({@code broker.p12}) and truststore ({@code truststore.p12}); random passwords for the stores and
 * for each principal of {@link HandoffAcls#principals()} plus the broker's own {@value #BROKER_USER}, in files only
 * the owner can read. Passwords reach keytool as {@code -storepass:file} and the storage format through a file
 * ({@code ScramFormat}), never on a command line; none is logged. A restarted broker reuses them all.
 *
 * <p>Principals: {@code User:<name>} for a SCRAM user; the broker authenticates as {@code User:broker} between brokers
 * (SCRAM on the client listener) and as {@code User:CN=handoff-broker} to the controller (its certificate): both are
 * super users, with {@link HandoffAcls#ADMIN}.
 */
public final class KafkaSecurity {
    /** The broker's own SCRAM user, for inter-broker requests on the client listener. */
    public static final String BROKER_USER = "broker";
    /** The subject of the broker certificate, its principal on the controller listener. */
    public static final String BROKER_DN = "CN=handoff-broker";
    /** The only SASL mechanism the client listener accepts. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    KafkaSecurity(Path dataDir) {
        this.dir = dataDir.resolve("security");
    }

    /** The PKCS12 truststore holding the CA that signed the broker certificate. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The truststore's password. */
    public String truststorePassword() {
        return read(dir.resolve("truststore.password"));
    }

    /**
     * Client properties for {@code user} (one of {@link HandoffAcls#principals()}): {@code security.protocol},
     * {@code sasl.mechanism}, {@code sasl.jaas.config} and {@code ssl.truststore.*}; no {@code bootstrap.servers}.
     * Holds the user's password: hand it to a client, never print it.
     */
    public Map<String, String> clientProperties(String user) {
        String password = passwords().getProperty(user);
        if (password == null || user.equals(BROKER_USER)) {
            throw new IllegalArgumentException("no Kafka principal '" + user + "'; one of " + HandoffAcls.principals());
        }
        return clientProperties(user, password);
    }

    /** {@link #clientProperties(String)} with any password, e.g. a wrong one. */
    public Map<String, String> clientProperties(String user, String password) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", MECHANISM);
        properties.put("sasl.jaas.config", jaas(user, password));
        properties.put("ssl.truststore.type", "PKCS12");
        properties.put("ssl.truststore.location", truststore().toString());
        properties.put("ssl.truststore.password", truststorePassword());
        return properties;
    }

    /** {@link #clientProperties(String)} of every principal, by principal. */
    public Map<String, Map<String, String>> clientPropertiesByPrincipal() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        HandoffAcls.principals().forEach(user -> all.put(user, clientProperties(user)));
        return all;
    }

    /** Creates what is missing: the folder, the passwords, the CA, the broker certificate and the stores. */
    void prepare() {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        if (!Files.exists(dir.resolve("passwords.properties"))) {
            Map<String, String> passwords = new LinkedHashMap<>();
            HandoffAcls.principals().forEach(user -> passwords.put(user, randomPassword()));
            passwords.put(BROKER_USER, randomPassword());
            PrivateProperties.write(dir.resolve("passwords.properties"), passwords);
        }
        if (!Files.exists(truststore())) {
            createStores();
        }
    }

    /**
     * The broker's security settings for a client listener {@code CLIENT} on {@code host:port} and a controller
     * listener {@code CONTROLLER} on {@code host:controllerPort}. Holds secrets: server.properties is written private.
     */
    Map<String, String> serverProperties(String host, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "CLIENT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "CLIENT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "CLIENT");
        p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SSL");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config", jaas(BROKER_USER, passwords().getProperty(BROKER_USER)));
        p.put("listener.name.controller.ssl.client.auth", "required");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", dir.resolve("broker.p12").toString());
        p.put("ssl.keystore.password", read(dir.resolve("keystore.password")));
        p.put("ssl.key.password", read(dir.resolve("keystore.password")));
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", truststore().toString());
        p.put("ssl.truststore.password", truststorePassword());
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", String.join(";", HandoffAcls.principal(HandoffAcls.ADMIN),
                HandoffAcls.principal(BROKER_USER), HandoffAcls.principal(BROKER_DN)));
        return p;
    }

    /**
     * Writes the SCRAM credentials of every principal for the storage format (one {@code --add-scram} value a line,
     * mode 600) and the launcher that passes them on; the caller deletes the credentials file after formatting.
     *
     * @return the launcher's source file and the credentials file
     */
    List<Path> formatFiles() {
        StringBuilder lines = new StringBuilder();
        passwords().forEach((user, password) ->
                lines.append(MECHANISM).append("=[name=").append(user).append(",password=").append(password).append("]\n"));
        Path credentials = PrivateProperties.writeLine(dir.resolve("scram-format.txt"), lines.toString().trim());
        Path launcher = dir.resolve("ScramFormat.java");
        try (InputStream in = KafkaSecurity.class.getResourceAsStream("ScramFormat.java")) {
            if (in == null) {
                throw new IllegalStateException("missing resource ScramFormat.java next to " + KafkaSecurity.class.getName());
            }
            Files.write(launcher, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + launcher, e);
        }
        return List.of(launcher, credentials);
    }

    private void createStores() {
        Path caPassword = PrivateProperties.writeLine(dir.resolve("ca.password"), randomPassword());
        Path keystorePassword = PrivateProperties.writeLine(dir.resolve("keystore.password"), randomPassword());
        Path truststorePassword = PrivateProperties.writeLine(dir.resolve("truststore.password"), randomPassword());
        String ca = dir.resolve("ca.p12").toString();
        String keystore = dir.resolve("broker.p12").toString();
        String truststoreTmp = dir.resolve("truststore.p12.tmp").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=handoff local CA", "-ext", "bc:c", "-keystore", ca, "-storetype", "PKCS12",
                "-storepass:file", caPassword.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass:file", caPassword.toString(),
                "-file", dir.resolve("ca.pem").toString());
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                "-dname", BROKER_DN, "-keystore", keystore, "-storetype", "PKCS12",
                "-storepass:file", keystorePassword.toString());
        keytool("-certreq", "-alias", "broker", "-keystore", keystore, "-storepass:file", keystorePassword.toString(),
                "-file", dir.resolve("broker.csr").toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca, "-storepass:file", caPassword.toString(), "-rfc",
                "-validity", "825", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth,clientAuth",
                "-infile", dir.resolve("broker.csr").toString(), "-outfile", dir.resolve("broker.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", keystore, "-storepass:file", keystorePassword.toString());
        keytool("-importcert", "-alias", "broker", "-file", dir.resolve("broker.pem").toString(),
                "-keystore", keystore, "-storepass:file", keystorePassword.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", truststoreTmp, "-storetype", "PKCS12", "-storepass:file", truststorePassword.toString());
        try {
            // The truststore is what prepare() looks for: it appears only once everything before it was made.
            Files.move(Path.of(truststoreTmp), truststore());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the truststore into place", e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        ChildProcesses.run(command, dir, dir.resolve("keytool.log"), KEYTOOL_TIMEOUT);
    }

    private Properties passwords() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("passwords.properties"))) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's passwords in " + dir, e);
        }
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** 192 random bits as hex: no character that a JAAS, SCRAM or properties value would need to quote. */
    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
