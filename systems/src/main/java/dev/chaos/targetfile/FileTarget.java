package dev.chaos.targetfile;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerLab;
import dev.chaos.backend.local.LocalLab;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.TargetContext;
import dev.chaos.cluster.Wiring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target defined by a target file ({@link TargetFiles}): on docker its nodes are containers of the
 * file's image, each alone on its network with the proxy, every peer port through its own link per
 * ordered pair, exactly as the built-in docker targets; on local, processes of the file's command
 * line ({@link ProcessNodes}); its clients and probes are the file's requests.
 */
public final class FileTarget implements Target {

    /**
     * Writes the files a node's spec carries in its environment ({@code CHAOS_FILE_i_PATH}, and the
     * content base64 in {@code CHAOS_FILE_i}), then runs the real entrypoint and command: files go in
     * before the system starts, on every start, with nothing of chaos in the image but {@code sh} and
     * {@code base64} (Debian's coreutils).
     */
    static final String WRITE_FILES = "i=0; while [ \"$i\" -lt \"$CHAOS_FILES\" ]; do eval p=\\$CHAOS_FILE_${i}_PATH;"
            + " mkdir -p \"$(dirname \"$p\")\" && eval printf %s \\$CHAOS_FILE_${i} | base64 -d > \"$p\" || exit 1; i=$((i+1)); done;"
            + " unset CHAOS_FILES; exec \"$@\"";

    private final TargetFile file;
    private final String sha256;

    public FileTarget(TargetFile file) {
        this(file, null);
    }

    /** @param sha256 of the file's bytes as read, hex; null when it was not read from a file */
    public FileTarget(TargetFile file, String sha256) {
        this.file = file;
        this.sha256 = sha256;
    }

    /** The SHA-256 of the file as it was read (hex), recorded with a run so a replay can tell whether it changed; null if unknown. */
    public String sha256() {
        return sha256;
    }

    @Override
    public List<String> backends() {
        return file.backends();
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

    /** The same type on both backends: what differs (probing in a container or not, how to wipe) is its {@link FileNodes}. */
    @Override
    public Class<? extends Cluster> clusterType(String backend) {
        return file.leader() != null ? FileCluster.WithLeader.class : FileCluster.class;
    }

    @Override
    public Cluster start(TargetContext ctx) throws Exception {
        return switch (ctx.lab()) {
            case DockerLab docker when file.docker() != null -> start(ctx, docker);
            case LocalLab local when file.local() != null -> ProcessNodes.start(ctx, local, file);
            default -> throw new IllegalArgumentException(file.source() + ": runs on " + String.join(" or ", backends()) + ", not "
                    + ctx.lab().backend() + "; add a '" + ctx.lab().backend() + ":' section to run it there");
        };
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

    private Cluster start(TargetContext ctx, DockerLab lab) throws Exception {
        String image = file.docker().image();
        if (file.docker().build() != null) {
            build(ctx);
        }
        InspectImageResponse inspected;
        try {
            inspected = Docker.client().inspectImageCmd(image).exec();
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
            if (!file.docker().files().isEmpty()) {
                List<String> base = entrypoint != null ? entrypoint : imageList(inspected.getConfig().getEntrypoint());
                if (command.isEmpty() && file.docker().entrypoint() == null) {
                    command = imageList(inspected.getConfig().getCmd());
                }
                int i = 0;
                for (Map.Entry<String, Template> f : file.docker().files().entrySet()) {
                    env.put("CHAOS_FILE_" + i + "_PATH", f.getKey());
                    env.put("CHAOS_FILE_" + i, Base64.getEncoder().encodeToString(f.getValue().render(vars).getBytes(StandardCharsets.UTF_8)));
                    i++;
                }
                env.put("CHAOS_FILES", String.valueOf(i));
                List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", WRITE_FILES, "chaos-files"));
                wrapped.addAll(base);
                entrypoint = wrapped;
            }
            specs.add(new DockerLab.NodeSpec(n, image, entrypoint, command, env));
        }
        lab.startNodes(specs);
        ContainerNodes containers = new ContainerNodes(lab, w, ctx.runDir());
        FileCluster c = file.leader() != null ? new FileCluster.WithLeader(ctx, lab, w, file, containers)
                : new FileCluster(ctx, lab, w, file, containers);
        c.awaitReady(file.ready().timeout().toMillis());
        c.setup(file.ready().timeout().toMillis());
        return c;
    }

    /** Builds {@code docker.build} as the target's image tag; no pull, so its FROM must be on this machine (debian:bookworm-slim is). */
    private void build(TargetContext ctx) {
        long t0 = System.nanoTime();
        StringBuilder out = new StringBuilder();
        try {
            Docker.client().buildImageCmd(file.docker().build().toFile()).withTags(Set.of(file.docker().image())).withPull(false).withForcerm(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            if (item.getStream() != null) {
                                out.append(item.getStream());
                            }
                            if (item.getErrorDetail() != null) {
                                out.append(item.getErrorDetail().getMessage()).append('\n');
                            }
                            super.onNext(item);
                        }
                    }).awaitImageId();
        } catch (RuntimeException e) {
            String lines = out.toString().strip();
            int cut = lines.length() > 1500 ? lines.length() - 1500 : 0;
            throw new IllegalStateException(file.source() + ": docker.build: building " + file.docker().build() + " failed: "
                    + e.getMessage() + "; the build's output ends:\n" + lines.substring(cut));
        }
        ctx.log().accept("built " + file.docker().image() + " from " + file.docker().build() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    private static List<String> imageList(String[] parts) {
        return parts == null ? List.of() : List.of(parts);
    }

    /**
     * Node {@code n}'s values of {@link TargetFiles#localNodeVariables} as {@code chaos targets show}
     * prints them: with example ports (20000 + 100 × index + the port's place), as each run picks free ones.
     */
    public Map<String, String> exampleLocalVariables(String n, List<String> nodes) {
        List<Integer> planned = new ArrayList<>(List.of(file.clientPort()));
        file.peerPorts().stream().filter(p -> !planned.contains(p)).forEach(planned::add);
        return ProcessNodes.variables(file, n, nodes, "RUN", java.nio.file.Path.of("runs", "RUN", "nodes", n).toAbsolutePath(),
                (m, p) -> 20000 + 100 * (nodes.indexOf(m) + 1) + planned.indexOf(p),
                (from, to) -> "127.0." + (nodes.indexOf(from) + 1) + "." + (nodes.indexOf(to) + 1), "127.0.0.1");
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
