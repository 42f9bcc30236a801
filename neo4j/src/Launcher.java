import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a Neo4j 5.26 Community server from the Maven Central jars (neo4j-harness), because the
 * tarball cannot be downloaded on these machines. Bound to loopback only; data lives in a folder
 * that survives restarts. Stopped by SIGTERM (a shutdown hook closes the database cleanly).
 *
 * usage: java -cp lib/*:classes Launcher <home> <boltPort> <httpPort> [<browserPostConnectCmd>]
 * where <home> holds data/, plugins/ and run/ (the harness's scratch folder), and the optional last
 * argument is a Neo4j Browser command run after connecting (plantrace passes `style <url>`).
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        Path data = Files.createDirectories(home.resolve("data"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path scratch = Files.createDirectories(home.resolve("run"));

        var builder = Neo4jBuilders.newInProcessBuilder(scratch);
        if (args.length > 3) {
            String host = java.net.URI.create(args[3].replaceFirst("^\\w+\\s+", "")).getHost();
            builder = builder
                    .withConfig(ServerSettings.browser_post_connect_cmd, args[3])
                    .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, host == null ? "" : host);
        }
        Neo4j neo4j = builder
                .withConfig(GraphDatabaseSettings.data_directory, data)
                .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, java.util.List.of("apoc.*"))
                .withConfig(GraphDatabaseSettings.pagecache_memory, 512L * 1024 * 1024)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("plantrace-neo4j: stopping");
            neo4j.close();
            stopped.countDown();
        }));
        System.out.println("plantrace-neo4j: ready bolt=" + neo4j.boltURI() + " http=" + neo4j.httpURI());
        stopped.await();
    }
}
