package dev.chaos.cli;

import dev.chaos.cluster.Capability;
import dev.chaos.targetfile.ClientSpec;
import dev.chaos.targetfile.FileTarget;
import dev.chaos.targetfile.HttpCall;
import dev.chaos.targetfile.OpSpec;
import dev.chaos.targetfile.LocalTemplate;
import dev.chaos.targetfile.NodeTemplate;
import dev.chaos.targetfile.Probe;
import dev.chaos.targetfile.Template;
import dev.chaos.targetfile.TargetFile;
import dev.chaos.targetfile.TargetFileException;
import dev.chaos.targetfile.TargetFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chaos targets show FILE}: a target file as chaos reads it, defaults filled in and each node's command line rendered. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {
            "Read a target file (docs/targets.md) strictly and print it resolved: every",
            "default filled in, what scenarios may do with it, and each node's container",
            "(entrypoint, command, environment) as it would start in a cluster of N nodes",
            "({{run}} shown as RUN). Nothing is started. Exit 254 names the file, line and",
            "field of the first mistake."
        })
final class TargetFileShow implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a target file")
    Path file;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "render the nodes of a cluster of N (default: ${DEFAULT-VALUE})")
    int nodes;

    @Override
    public Integer call() {
        if (nodes < 3 || nodes > 9) {
            throw new UsageException("--nodes: " + nodes + " is outside 3..9");
        }
        FileTarget t;
        try {
            t = TargetFiles.load(file);
        } catch (TargetFileException e) {
            throw new UsageException(e.getMessage());
        }
        TargetFile f = t.file();
        PrintWriter out = spec.commandLine().getOut();
        out.println("format: " + TargetFiles.FORMAT);
        out.println("name: " + f.name());
        out.println("description: " + t.description());
        out.println("backends: [" + String.join(", ", t.backends()) + "]   # the first is the default");
        out.println("workloads: [" + String.join(", ", t.workloads()) + "]");
        for (String b : t.backends()) {
            out.println("capabilities on " + b + ": [" + t.capabilities(b).stream().map(Capability::id).collect(Collectors.joining(", ")) + "]");
        }
        NodeTemplate d = f.docker();
        out.println("ports: {client: " + f.clientPort() + ", peers: " + f.peerPorts() + "}   # each peer port: a proxy per ordered pair of nodes");
        out.println("ready: " + probe(f.ready()) + ", timeout: " + f.ready().timeout().toSeconds() + "s");
        out.println("leader: " + (f.leader() == null ? "none (isolate-leader is refused)" : probe(f.leader())));
        out.println("nodes:   # a cluster of " + nodes);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("n" + i);
        }
        for (String n : d == null ? List.<String>of() : names) {
            Map<String, String> vars = t.nodeVariables(n, names, "RUN");
            out.println("  " + n + ":");
            out.println("    image: " + d.image());
            if (d.entrypoint() != null) {
                out.println("    entrypoint: " + render(d.entrypoint(), vars));
            }
            out.println("    command: " + render(d.command(), vars));
            if (!d.env().isEmpty()) {
                out.println("    env: {" + d.env().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().render(vars))
                        .collect(Collectors.joining(", ")) + "}");
            }
            if (!d.files().isEmpty()) {
                out.println("    files:");
                d.files().forEach((path, content) -> {
                    out.println("      " + path + ": |");
                    content.render(vars).lines().forEach(l -> out.println("        " + l));
                });
            }
        }
        LocalTemplate l = f.local();
        for (String n : l == null ? List.<String>of() : names) {
            Map<String, String> vars = t.exampleLocalVariables(n, names);
            out.println("  " + n + ":   # local, example ports (each run picks free ones)");
            out.println("    command: " + render(l.command(), vars));
            if (!l.env().isEmpty()) {
                out.println("    env: {" + l.env().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().render(vars))
                        .collect(Collectors.joining(", ")) + "}");
            }
            l.files().forEach((path, content) -> {
                out.println("    " + vars.get("dir") + "/" + path + ": |");
                content.render(vars).lines().forEach(x -> out.println("      " + x));
            });
        }
        out.println("clients:");
        for (ClientSpec c : f.clients().values()) {
            out.println("  " + c.workload() + ":   # " + c.protocol().key() + ", time-out " + c.timeout().toMillis() + " ms");
            if (c.jdbc() != null) {
                out.println("    url: " + c.jdbc().url().text() + (c.jdbc().user() == null ? "" : "   # user " + c.jdbc().user()));
                c.jdbc().setup().forEach(sql -> out.println("    setup: " + sql));
            }
            if (c.protocol() == dev.chaos.targetfile.Protocol.RESP || c.protocol() == dev.chaos.targetfile.Protocol.JDBC) {
                out.println("    fail when: " + (c.protocol() == dev.chaos.targetfile.Protocol.RESP ? "error reply " + new java.util.TreeSet<>(c.failErrors())
                        : "SQLState or class " + new java.util.TreeSet<>(c.failErrors()) + " (and 40001, 40P01, 22, 23, 42), vendor code "
                        + new java.util.TreeSet<>(c.failCodes())));
            }
            for (Map.Entry<String, OpSpec> e : c.ops().entrySet()) {
                out.println("    " + e.getKey() + ": " + op(e.getValue()));
            }
            out.println("    local-read: " + op(c.localRead()));
        }
        out.flush();
        return 0;
    }

    private static String render(List<Template> ts, Map<String, String> vars) {
        return "[" + ts.stream().map(x -> x.render(vars)).collect(Collectors.joining(", ")) + "]";
    }

    private static String probe(Probe p) {
        return switch (p.kind()) {
            case TCP -> "tcp to the client port";
            case COMMAND -> "command " + p.command() + " (in the node's container on docker, on this machine on local) exits 0";
            case HTTP -> call(p.http()) + " answers " + p.status() + (p.check() == null ? ""
                    : " with " + p.check().pointer() + " = " + (p.check().equals() != null ? p.check().equals().text()
                    : p.check().equalsPointer()));
        };
    }

    private static String call(HttpCall c) {
        return c.method() + " " + c.path().text() + (c.body() == null ? "" : " " + c.body().text());
    }

    private static String op(OpSpec o) {
        String lets = o.let().isEmpty() ? "" : "let " + o.let().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue().text())
                .collect(Collectors.joining(", ")) + "; ";
        if (o.resp() != null || o.sql() != null) {
            String request = o.resp() != null ? o.resp().stream().map(Template::text).collect(Collectors.joining(" ", "[", "]"))
                    : o.sql().sql() + (o.sql().params().isEmpty() ? "" : " " + o.sql().params().stream().map(Template::text)
                    .collect(Collectors.joining(", ", "[", "]"))) + (o.sql().rows().isEmpty() ? "" : "; done when rows " + o.sql().rows());
            return lets + request + (o.okWhen() == null ? "" : "; ok when " + o.okWhen().pointer() + " = " + o.okWhen().equals())
                    + (o.result() == null ? "" : "; result " + o.result().pointer() + (o.result().item() == null ? "" : "[*]" + o.result().item())
                    + (o.result().key() == null ? "" : " by " + o.result().key()));
        }
        String request = o.call() != null ? call(o.call()) : "run " + o.command().stream().map(Template::text)
                .collect(Collectors.joining(" ", "[", "]"));
        return lets + request + "; ok: " + (o.ok().isEmpty() ? (o.call() != null ? "2xx" : "exit 0") : o.ok()) + (o.fail().isEmpty() ? "" : ", fail: " + o.fail())
                + (o.okWhen() == null ? "" : ", ok when " + o.okWhen().pointer())
                + (o.errorWhen() == null ? "" : ", unknown when " + o.errorWhen() + " is present")
                + ", else info (write) / fail (read)"
                + (o.result() == null ? "" : "; result " + (o.result().pointer() == null ? "one element per line" : o.result().pointer()) + (o.result().item() == null ? "" : "[*]" + o.result().item())
                + (o.result().decode() == null ? "" : " " + o.result().decode()) + (o.result().match() == null ? "" : " ~ " + o.result().match()));
    }
}
