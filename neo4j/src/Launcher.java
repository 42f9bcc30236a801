import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.configuration.ServerSettings;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Runs a Neo4j 5.26 Community server from the Maven Central jars (neo4j-harness), because the
 * tarball cannot be downloaded on these machines. Bound to loopback only; data lives in a folder
 * that survives restarts. Stopped by SIGTERM (a shutdown hook closes the database cleanly).
 *
 * Locked down: authentication on (user neo4j, the password plantrace generated in
 * <home>/auth/password, read here from the file so it never appears in a process listing), CORS on
 * the HTTP API only for the plantrace origin, LOAD CSV from file URLs refused (and the import folder
 * an empty one), no listener outside loopback.
 *
 * usage: java -cp lib/*:classes Launcher <home> <boltPort> <httpPort> <allowedOrigin> [<browserPostConnectCmd>]
 * where <home> holds data/, plugins/, import/, auth/password and run/ (the harness's scratch folder),
 * and the optional last argument is a Neo4j Browser command run after connecting (plantrace passes
 * `style <url>`).
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        String allowedOrigin = args[3];
        Path data = Files.createDirectories(home.resolve("data"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path emptyImport = Files.createDirectories(home.resolve("import"));
        Path scratch = Files.createDirectories(home.resolve("run"));
        String password = Files.readString(home.resolve("auth").resolve("password"), StandardCharsets.UTF_8).trim();
        if (password.length() < 8) throw new IllegalStateException("auth/password holds fewer than 8 characters");

        // First start (no system database yet): the initial user is created from auth.ini with this
        // password, as `neo4j-admin dbms set-initial-password` does, so the default neo4j/neo4j login
        // never exists, not even for a moment.
        boolean firstStart = !Files.isDirectory(data.resolve("databases").resolve("system"));
        if (firstStart) writeInitialUser(data, password);

        var builder = Neo4jBuilders.newInProcessBuilder(scratch);
        if (args.length > 4) {
            String host = java.net.URI.create(args[4].replaceFirst("^\\w+\\s+", "")).getHost();
            builder = builder
                    .withConfig(ServerSettings.browser_post_connect_cmd, args[4])
                    .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, host == null ? "" : host);
        }
        Neo4j neo4j = builder
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                // The password is 256 random bits: guessing is hopeless, and a lock-out after failed
                // logins would only let another local user lock plantrace out.
                .withConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .withConfig(ServerSettings.http_access_control_allow_origin, allowedOrigin)
                .withConfig(GraphDatabaseSettings.allow_file_urls, false)
                .withConfig(GraphDatabaseSettings.load_csv_file_url_root, emptyImport)
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                .withConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                .withConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort))
                .build();

        // Later starts: make the stored password the one in the file (a database from before
        // authentication was on, or a password file that was replaced). Runs in-process, not over
        // the network.
        if (!firstStart) syncPassword(neo4j, password);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("plantrace-neo4j: stopping");
            neo4j.close();
            stopped.countDown();
        }));
        System.out.println("plantrace-neo4j: ready bolt=" + neo4j.boltURI() + " http=" + neo4j.httpURI());
        stopped.await();
    }

    private static void writeInitialUser(Path data, String password) throws Exception {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.data_directory, data).build();
        Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try (var fs = new DefaultFileSystemAbstraction()) {
            var users = new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            users.create(new User("neo4j", null,
                    SystemGraphCredential.createCredentialForPassword(bytes, new SecureHasher()), false, false));
            users.shutdown();
        }
    }

    private static void syncPassword(Neo4j neo4j, String password) {
        GraphDatabaseService system = neo4j.databaseManagementService().database("system");
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            System.out.println("plantrace-neo4j: password of user neo4j set from auth/password");
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password it already has: nothing to do.
            System.out.println("plantrace-neo4j: password of user neo4j unchanged");
        }
    }
}
