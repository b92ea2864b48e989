import java.nio.file.Path;
import org.atrium.EmbeddedDatabase;

/**
 * A PostgreSQL that outlives the app, for cold-start.sh's EXTERNAL=1: the embedded server in its own JVM on a fixed
 * port, so the app under test starts against an existing database as in production. Stops when stdin closes.
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' src/test/scripts/ExternalDatabase.java DIR PORT
 */
public class ExternalDatabase {
    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("ready " + database.jdbcUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the script closes our stdin
        }
        database.stop();
    }
}
