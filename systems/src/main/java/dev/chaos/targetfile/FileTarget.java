package dev.chaos.targetfile;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.chaos.backend.docker.ContainerTarget;
import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target defined by a target file ({@link TargetFiles}): its nodes are containers of the file's
 * image, each alone on its network with the proxy, every peer port through its own link per ordered
 * pair, exactly as the built-in docker targets; its clients and probes are the file's requests.
 */
public final class FileTarget extends ContainerTarget {

    private final TargetFile file;

    public FileTarget(TargetFile file) {
        this.file = file;
    }

    public TargetFile file() {
        return file;
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public String description() {
        return (file.description() != null ? file.description() + "; " : "") + "target file " + file.source();
    }

    @Override
    public List<String> workloads() {
        return List.copyOf(file.clients().keySet());
    }

    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return file.leader() != null ? FileCluster.WithLeader.class : FileCluster.class;
    }

    /** The cluster type's, less the node controls the file does not allow. */
    @Override
    public Set<Capability> capabilities(String backend) {
        Set<Capability> out = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.of(clusterType(backend))) {
            boolean control = Set.of(Capability.KILL, Capability.PAUSE, Capability.STOP_START, Capability.WIPE).contains(c);
            if (!control || file.control().contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    protected Cluster start(TargetContext ctx, DockerLab lab) throws Exception {
        String image = file.docker().image();
        try {
            Docker.client().inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException(file.source() + ": docker.image: " + image + " is not on this machine; build or load it"
                    + " first (chaos pulls nothing; 'docker images' lists what is here)");
        }
        Wiring w = ctx.wire(LinkPlan.of(file.clientPort(), file.peerPorts()));
        List<DockerLab.NodeSpec> specs = new ArrayList<>();
        for (String n : ctx.nodes()) {
            Map<String, String> vars = nodeVariables(n, ctx.nodes(), lab.runId());
            List<String> entrypoint = file.docker().entrypoint() == null ? null
                    : file.docker().entrypoint().stream().map(t -> t.render(vars)).toList();
            List<String> command = file.docker().command().stream().map(t -> t.render(vars)).toList();
            Map<String, String> env = new LinkedHashMap<>();
            file.docker().env().forEach((k, t) -> env.put(k, t.render(vars)));
            specs.add(new DockerLab.NodeSpec(n, image, entrypoint, command, env));
        }
        lab.startNodes(specs);
        FileCluster c = file.leader() != null ? new FileCluster.WithLeader(ctx, lab, w, file) : new FileCluster(ctx, lab, w, file);
        c.awaitReady(file.ready().timeout().toMillis());
        return c;
    }

    /** Node {@code n}'s values of {@link TargetFiles#NODE_VARIABLES}. */
    public Map<String, String> nodeVariables(String n, List<String> nodes, String run) {
        NodeTemplate d = file.docker();
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("node", n);
        vars.put("index", String.valueOf(nodes.indexOf(n) + 1));
        vars.put("nodes", String.join(",", nodes));
        vars.put("peers", String.join(",", nodes.stream().filter(p -> !p.equals(n)).toList()));
        vars.put("data-dir", d.dataDir());
        vars.put("client-port", String.valueOf(file.clientPort()));
        vars.put("peer-port", String.valueOf(file.peerPorts().isEmpty() ? file.clientPort() : file.peerPorts().get(0)));
        List<String> members = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            members.add(d.member() == null ? nodes.get(i)
                    : d.member().render(Map.of("member", nodes.get(i), "member-index", String.valueOf(i + 1))));
        }
        vars.put("initial-cluster", String.join(d.separator(), members));
        vars.put("run", run);
        return vars;
    }
}
