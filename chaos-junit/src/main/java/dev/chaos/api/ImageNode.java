package dev.chaos.api;

import java.util.List;

/**
 * One node of an {@link ImageTarget}, as its command line and environment are built: its name and
 * every node's. Inside node {@code n1}'s container the name of every other node resolves to
 * {@code n1}'s own link to it (through the fault proxy), so a peer is configured by name:
 * {@code "http://" + peer + ":2380"}, never by an address.
 *
 * @param name  this node, {@code n1..nN}
 * @param nodes every node, in order
 */
public record ImageNode(String name, List<String> nodes) {

    /** The node list is copied: a command built from it cannot change it. */
    public ImageNode {
        nodes = List.copyOf(nodes);
    }

    /** Every node but this one. */
    public List<String> peers() {
        return nodes.stream().filter(n -> !n.equals(name)).toList();
    }

    /** 1 for {@code n1}: for systems whose members are numbered ({@code myid}, {@code server.N}). */
    public int index() {
        return nodes.indexOf(name) + 1;
    }
}
