package dev.chaos.cluster;

/**
 * One link: a proxy's name, the nodes it joins ({@code from} is {@code client} for a node's client
 * link), the peer port's role (-1 for client links), the real address it forwards to and where it
 * listens ({@code :0} for any free port).
 */
public record LinkSpec(String name, String from, String to, int role, String upstream, String listen) {
}
