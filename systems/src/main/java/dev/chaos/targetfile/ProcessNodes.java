package dev.chaos.targetfile;

import dev.chaos.backend.local.LocalLab;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.LocalLeftovers;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A target file's nodes as processes of this machine ({@code local:}): each runs the file's command
 * in its own directory ({@code nodes/<node>/} of the run), as a process group of its own so that
 * kill, pause and stop reach everything it starts, with the owner in its environment so that
 * {@code chaos clean} finds it if chaos itself is killed. Each node listens on 127.0.0.1 at ports
 * of its own; it reaches peer K at {@code {{nK-host}}:{{nK-peer-port}}}, its own link to K, so
 * a partition cuts exactly the links it names.
 */
final class ProcessNodes implements FileNodes {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final LocalLab lab;
    private final TargetFile file;
    private final Wiring wiring;
    private final java.util.function.Consumer<String> log;
    private final Map<String, Map<String, String>> vars = new LinkedHashMap<>();

    private ProcessNodes(LocalLab lab, TargetFile file, Wiring wiring, java.util.function.Consumer<String> log) {
        this.lab = lab;
        this.file = file;
        this.wiring = wiring;
        this.log = log;
    }

    /** Creates the links, writes every node's files, starts every node, and waits until all are ready. */
    static FileCluster start(TargetContext ctx, LocalLab lab, TargetFile file) throws Exception {
        LocalTemplate t = file.local();
        String program = t.command().get(0).text();
        if (!program.contains("{{") && findProgram(program) == null) {
            throw new IllegalStateException(file.source() + ": local.command: '" + program + "' is not a program on this machine"
                    + (program.contains("/") ? "" : " (searched PATH)") + "; install it, or give its full path");
        }
        Wiring w = ctx.wire(LinkPlan.of(file.clientPort(), file.peerPorts()));
        ProcessNodes nodes = new ProcessNodes(lab, file, w, ctx.log());
        String run = ctx.runDir().toAbsolutePath().normalize().getFileName().toString();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        Map<String, Map<String, String>> envs = new LinkedHashMap<>();
        for (String n : ctx.nodes()) { // everything filled in before any node starts
            Path dir = lab.nodeDir(n);
            Map<String, String> v = variables(file, n, ctx.nodes(), run, dir, w::port, w::peerHost, w.host(n));
            nodes.vars.put(n, v);
            Files.createDirectories(Path.of(v.get("data-dir")));
            nodes.writeFiles(n);
            commands.put(n, t.command().stream().map(x -> fill(file, x, v)).toList());
            Map<String, String> env = new LinkedHashMap<>();
            t.env().forEach((k, x) -> env.put(k, fill(file, x, v)));
            env.putAll(LocalLeftovers.ownerEnvironment());
            envs.put(n, env);
        }
        for (String n : ctx.nodes()) {
            lab.startNode(n, commands.get(n), envs.get(n), true);
        }
        FileCluster c = file.leader() != null ? new FileCluster.WithLeader(ctx, lab, w, file, nodes)
                : new FileCluster(ctx, lab, w, file, nodes);
        c.awaitReady(file.ready().timeout().toMillis());
        return c;
    }

    /** The template filled in; one naming a node beyond this cluster's size ({{n5-host}} of 3 nodes) is an error saying so. */
    private static String fill(TargetFile file, Template x, Map<String, String> v) {
        try {
            return x.render(v);
        } catch (IllegalStateException e) {
            String text = x.text().length() > 80 ? x.text().substring(0, 80) + "..." : x.text();
            throw new IllegalStateException(file.source() + ": local: '" + text + "': " + e.getMessage() + " in a cluster of "
                    + v.get("nodes").split(",").length + " nodes; run with more --nodes, or name a node it has");
        }
    }

    /**
     * Node {@code n}'s values of {@link TargetFiles#localNodeVariables}: {@code port} gives a node's real
     * port for a planned one, {@code peerHost} the host of {@code from}'s own links to {@code to}.
     */
    static Map<String, String> variables(TargetFile file, String n, List<String> nodes, String run, Path dir,
                                         BiFunction<String, Integer, Integer> port, BiFunction<String, String, String> peerHost,
                                         String host) {
        List<Integer> peers = file.peerPorts();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("node", n);
        v.put("index", String.valueOf(nodes.indexOf(n) + 1));
        v.put("nodes", String.join(",", nodes));
        v.put("peers", String.join(",", nodes.stream().filter(p -> !p.equals(n)).toList()));
        v.put("dir", dir.toString());
        v.put("data-dir", dir.resolve("data").toString());
        v.put("host", host);
        v.put("client-port", String.valueOf(port.apply(n, file.clientPort())));
        v.put("peer-port", String.valueOf(port.apply(n, peers.isEmpty() ? file.clientPort() : peers.get(0))));
        for (int k = 2; k <= peers.size(); k++) {
            v.put("peer-port-" + k, String.valueOf(port.apply(n, peers.get(k - 1))));
        }
        List<String> members = new ArrayList<>();
        for (int k = 1; k <= nodes.size(); k++) {
            String m = nodes.get(k - 1);
            // itself where it listens; a peer at this node's own link to it (with no peer ports there are no links)
            String at = m.equals(n) || peers.isEmpty() ? host : peerHost.apply(n, m);
            int first = port.apply(m, peers.isEmpty() ? file.clientPort() : peers.get(0));
            v.put("n" + k + "-host", at);
            v.put("n" + k + "-peer-port", String.valueOf(first));
            Map<String, String> mv = new LinkedHashMap<>();
            mv.put("member", m);
            mv.put("member-index", String.valueOf(k));
            mv.put("member-host", at);
            mv.put("member-peer-port", String.valueOf(first));
            for (int j = 2; j <= peers.size(); j++) {
                mv.put("member-peer-port-" + j, String.valueOf(port.apply(m, peers.get(j - 1))));
            }
            members.add(file.local().member() == null ? m : file.local().member().render(mv));
        }
        v.put("initial-cluster", String.join(file.local().separator(), members));
        v.put("run", run);
        return v;
    }

    /** Writes the node's {@code files} into its directory. */
    private void writeFiles(String node) throws IOException {
        Map<String, String> v = vars.get(node);
        Path dir = Path.of(v.get("dir"));
        for (Map.Entry<String, Template> f : file.local().files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, fill(file, f.getValue(), v), StandardCharsets.UTF_8);
        }
    }

    /** Runs on this machine, with the probe's variables (the node's own address); a probe still running at 5 s is killed (no). */
    @Override
    public int probe(String node, List<String> command) throws Exception {
        Command.Run r = Command.run(command, PROBE_TIMEOUT);
        return r.timedOut() ? -1 : r.exit();
    }

    /** Deletes the data directory and creates it empty, and writes the node's files again. */
    @Override
    public void wipe(String node) throws IOException {
        Path data = Path.of(vars.get(node).get("data-dir"));
        if (Files.exists(data)) {
            dev.chaos.cluster.Directories.deleteTree(data);
        }
        Files.createDirectories(data);
        writeFiles(node);
        log.accept("wiped " + data);
    }

    /** ADDRESS (its own client port), CLIENT (its client link), PID (-1 when down), DIR and DATA. */
    @Override
    public Map<String, String> describe(String node) {
        Map<String, String> m = lab.describe(node, wiring);
        m.put("DIR", vars.get(node).get("dir"));
        m.put("DATA", vars.get(node).get("data-dir"));
        return m;
    }

    /** The program as the node's process would find it: a path, or the first match on PATH; null when there is none. */
    static Path findProgram(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        for (String d : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
