// DynamoDB Local bound to one interface. Its command line has no option for the address, and its Jetty
// server listens on every interface; this launcher builds the same server from the same arguments, sets
// the address on its connector before it starts, and starts it with no telemetry (nothing leaves the machine).
//
//   java -cp DynamoDBLocal.jar local/services/DynamoDbLoopback.java 127.0.0.1 -port 8000 -inMemory -sharedDb
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class DynamoDbLoopback {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) ((ServerConnector) connector).setHost(host);
    proxy.start();
    System.out.println("DynamoDB Local on " + host);
  }
}
