package org.atrium.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This process's name among the nodes: its host name and process id, {@code host:pid}, the same two fields every log
 * line carries ({@code %h:%i} in the log format), so a log line and a metric of one node are found together.
 */
final class NodeId {

    private NodeId() {}

    static String current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
