package dev.chaos.targetfile;

import dev.chaos.cluster.Capability;
import dev.chaos.scenario.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads target files ({@code format: chaos-target/1}, docs/targets.md) strictly: an unknown field,
 * a missing one, a value of the wrong shape and an unknown template variable are each an error
 * naming {@code file:line}, the field and the fix. Nothing is started here and Docker is not asked.
 */
public final class TargetFiles {

    public static final String FORMAT = "chaos-target/1";
    /** Where {@code chaos targets} looks for target files, beside the built-in targets. */
    public static final Path DEFAULT_DIR = Path.of("targets");

    /** The variables of a node's entrypoint, command and environment. */
    public static final Set<String> NODE_VARIABLES = Set.of("node", "index", "nodes", "peers", "data-dir", "client-port",
            "peer-port", "initial-cluster", "run");
    /** The most nodes a cluster has: the local backend's {@code {{nK-host}}} variables go up to it. */
    static final int MAX_NODES = 9;

    /**
     * The variables of a {@code local} node's command, environment and files, given the peer port
     * count: the node variables, where it listens ({@code host}, {@code client-port}, {@code peer-port},
     * {@code peer-port-2}, ...), its directory ({@code dir}), and for each node K the address this
     * node reaches K at ({@code nK-host}, {@code nK-peer-port}: its own link to K, or itself).
     */
    public static Set<String> localNodeVariables(int peerPorts) {
        Set<String> vars = new TreeSet<>(NODE_VARIABLES);
        vars.addAll(List.of("dir", "host"));
        for (int k = 2; k <= peerPorts; k++) {
            vars.add("peer-port-" + k);
        }
        for (int k = 1; k <= MAX_NODES; k++) {
            vars.add("n" + k + "-host");
            vars.add("n" + k + "-peer-port");
        }
        return vars;
    }

    /** The variables of a {@code local} {@code initial-cluster} member: who, and where this node reaches it. */
    static Set<String> localMemberVariables(int peerPorts) {
        Set<String> vars = new TreeSet<>(Set.of("member", "member-index", "member-host", "member-peer-port"));
        for (int k = 2; k <= peerPorts; k++) {
            vars.add("member-peer-port-" + k);
        }
        return vars;
    }

    /** The variables of an operation's request. */
    public static final Set<String> OP_VARIABLES = Set.of("node", "process", "key", "value", "from", "to", "serializable",
            "address");
    /** The variables of the convergence probe's request and of probes (ready, leader). */
    public static final Set<String> PROBE_VARIABLES = Set.of("node", "index", "address");
    static final Map<String, List<String>> OPS = Map.of("set", List.of("add", "read"), "cas-register", List.of("read", "write", "cas"));

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Map<String, Capability> CONTROL = Map.of("kill", Capability.KILL, "pause", Capability.PAUSE,
            "stop-start", Capability.STOP_START, "wipe", Capability.WIPE);

    private TargetFiles() {
    }

    /** Whether {@code --target} names a file rather than a target by name. */
    public static boolean isFile(String target) {
        return target.endsWith(".yaml") || target.endsWith(".yml") || target.contains("/") || target.contains("\\");
    }

    public static FileTarget load(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new TargetFileException(source + ": no such target file");
        }
        try {
            if (Files.size(file) > Yaml.MAX_CHARS) {
                throw new TargetFileException(source + ": " + Files.size(file) + " bytes; a target file is at most " + Yaml.MAX_CHARS);
            }
            byte[] bytes = Files.readAllBytes(file);
            return new FileTarget(parse(new String(bytes, StandardCharsets.UTF_8), source), sha256(bytes));
        } catch (IOException e) {
            throw new TargetFileException(source + ": cannot read: " + e.getMessage());
        }
    }

    /** The SHA-256 of {@code bytes}, hex: how a run records the target file it ran, so a replay can tell whether it changed. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Every {@code *.yaml} / {@code *.yml} in {@code dir}, by file name; none when the directory is absent. */
    public static List<Path> in(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new TargetFileException(dir + ": cannot list: " + e.getMessage());
        }
    }

    public static TargetFile parse(String text, String source) {
        Yaml top = Yaml.root(text, source).only("format", "name", "description", "docker", "local", "ports", "ready", "leader",
                "control", "clients");
        String format = top.requireString("format", "start the file with 'format: " + FORMAT + "'");
        if (!format.equals(FORMAT)) {
            throw top.error("format", "'" + format + "' is not a format this chaos reads; write '" + FORMAT + "'");
        }
        String name = top.requireString("name", "give the target a name, e.g. 'name: mydb'");
        if (!NAME.matcher(name).matches()) {
            throw top.error("name", "'" + name + "' is not a name: lower-case letters, digits and '-', e.g. mydb");
        }
        String description = top.string("description");
        if (!top.has("docker") && !top.has("local")) {
            throw top.error("docker", "missing; say how to run a node: 'docker: {image: ..., command: [...]}', or on the local"
                    + " backend 'local: {command: [...]}' (or both)");
        }
        NodeTemplate docker = top.has("docker") ? docker(name, source, top.requireMap("docker", "say how to run a node in a container"))
                : null;
        Yaml ports = top.requireMap("ports", "give the ports: 'ports: {client: 2379, peers: [2380]}'").only("client", "peers");
        Integer client = ports.port("client");
        if (client == null) {
            throw ports.error("client", "missing; the port clients use, e.g. 'client: 2379'");
        }
        List<Integer> peers = new ArrayList<>();
        List<String> peerText = ports.strings("peers");
        for (String p : peerText == null ? List.<String>of() : peerText) {
            try {
                int v = Integer.parseInt(p.strip());
                if (v < 1 || v > 65535 || peers.contains(v)) {
                    throw new NumberFormatException();
                }
                peers.add(v);
            } catch (NumberFormatException e) {
                throw ports.error("peers", "'" + p + "' is not a port (1..65535) or is given twice");
            }
        }
        LocalTemplate local = top.has("local") ? local(top.requireMap("local", "say how to run a node as a process"), peers.size()) : null;
        Probe ready = probe(top.requireMap("ready", "say when a node serves, e.g. 'ready: {tcp: true}' or"
                + " 'ready: {http: {path: /health}}'"), true);
        Yaml leaderYaml = top.map("leader");
        Probe leader = leaderYaml == null ? null : probe(leaderYaml, false);
        Set<Capability> control = EnumSet.noneOf(Capability.class);
        List<String> controls = top.strings("control");
        for (String c : controls == null ? List.of("kill", "pause", "stop-start") : controls) {
            Capability cap = CONTROL.get(c);
            if (cap == null) {
                throw top.error("control", "'" + c + "' is not a node control; give any of kill, pause, stop-start, wipe");
            }
            control.add(cap);
        }
        Yaml cs = top.requireMap("clients", "give a client per workload, e.g. 'clients: {set: {http: ...}}'").only("set", "cas-register");
        Map<String, ClientSpec> clients = new LinkedHashMap<>();
        for (String w : cs.keys()) {
            clients.put(w, client(cs.requireMap(w, "give its client"), w, source));
        }
        if (clients.isEmpty()) {
            throw top.error("clients", "no client; give one for set (add, read) or cas-register (read, write, cas)");
        }
        return new TargetFile(source, name, description, docker, client, List.copyOf(peers), ready, leader, control, clients, local);
    }

    /** The {@code local} section: a command line, environment and files per node, run as a process of this machine. */
    private static LocalTemplate local(Yaml l, int peerPorts) {
        l.only("command", "env", "files", "initial-cluster");
        Set<String> vars = localNodeVariables(peerPorts);
        List<Template> command = templates(l, "command", vars);
        if (command == null || command.isEmpty()) {
            throw l.error("command", "missing; the program and its arguments as a list, e.g. 'command: [redis-server,"
                    + " \"{{dir}}/redis.conf\"]'");
        }
        Map<String, Template> env = env(l, vars);
        Map<String, Template> files = new LinkedHashMap<>();
        Map<String, String> filesText = l.stringMap("files");
        if (filesText != null) {
            Yaml fy = l.map("files");
            for (Map.Entry<String, String> e : filesText.entrySet()) {
                Path p = Path.of(e.getKey()).normalize();
                if (e.getKey().isBlank() || p.isAbsolute() || p.startsWith("..") || e.getKey().endsWith("/")) {
                    throw fy.error(e.getKey(), "'" + e.getKey() + "' is not a file path inside the node's directory; give a"
                            + " relative one, e.g. mydb.conf (written to {{dir}}/mydb.conf)");
                }
                files.put(p.toString(), fy.template(e.getKey(), e.getValue() == null ? "" : e.getValue(), vars));
            }
        }
        Members ic = initialCluster(l, "{{member}}={{member-host}}:{{member-peer-port}}", localMemberVariables(peerPorts));
        return new LocalTemplate(command, env, files, ic.member(), ic.separator());
    }

    private static NodeTemplate docker(String name, String source, Yaml d) {
        d.only("image", "build", "entrypoint", "command", "env", "files", "data-dir", "initial-cluster");
        if (d.has("image") == d.has("build")) {
            throw d.error("give exactly one of image (on this machine, e.g. 'image: chaos/etcd:0.1.0'; nothing is pulled) or build"
                    + " (a folder with a Dockerfile, relative to this file, e.g. 'build: ./mydb')");
        }
        Path build = null;
        String image;
        if (d.has("build")) {
            Path base = Path.of(source).toAbsolutePath().getParent();
            build = base.resolve(d.requireString("build", "a folder with a Dockerfile")).normalize();
            if (!Files.isRegularFile(build.resolve("Dockerfile"))) {
                throw d.error("build", build + " has no Dockerfile; give the folder that holds one (relative to this file)");
            }
            image = "chaos-target/" + name + ":latest";
        } else {
            image = d.requireString("image", "the image every node runs");
        }
        List<Template> entrypoint = templates(d, "entrypoint", NODE_VARIABLES);
        List<Template> command = templates(d, "command", NODE_VARIABLES);
        Map<String, Template> env = env(d, NODE_VARIABLES);
        Map<String, Template> files = new LinkedHashMap<>();
        Map<String, String> filesText = d.stringMap("files");
        if (filesText != null) {
            Yaml fy = d.map("files");
            for (Map.Entry<String, String> e : filesText.entrySet()) {
                if (!e.getKey().startsWith("/") || e.getKey().endsWith("/") || e.getKey().contains("'")) {
                    throw fy.error(e.getKey(), "'" + e.getKey() + "' is not an absolute file path, e.g. /etc/mydb.conf");
                }
                files.put(e.getKey(), fy.template(e.getKey(), e.getValue() == null ? "" : e.getValue(), NODE_VARIABLES));
            }
        }
        String dataDir = d.string("data-dir");
        Members ic = initialCluster(d, "{{member}}=http://{{member}}:2380", Set.of("member", "member-index"));
        return new NodeTemplate(image, build, entrypoint, command == null ? List.of() : command, env, files,
                dataDir == null ? "/var/lib/chaos" : dataDir, ic.member(), ic.separator());
    }

    /** A node's {@code env:} (local or docker), each value a template of {@code vars}. */
    private static Map<String, Template> env(Yaml node, Set<String> vars) {
        Map<String, Template> env = new LinkedHashMap<>();
        Map<String, String> text = node.stringMap("env");
        if (text != null) {
            Yaml envYaml = node.map("env");
            text.forEach((k, v) -> env.put(k, envYaml.template(k, v == null ? "" : v, vars)));
        }
        return env;
    }

    /** The {@code initial-cluster:} entry of each member and their separator; no member (null) when the block is absent. */
    private record Members(Template member, String separator) {
    }

    private static Members initialCluster(Yaml node, String example, Set<String> vars) {
        Yaml ic = node.map("initial-cluster");
        if (ic == null) {
            return new Members(null, ",");
        }
        ic.only("member", "separator");
        String m = ic.requireString("member", "one member's entry, e.g. 'member: \"" + example + "\"'");
        return new Members(ic.template("member", m, vars), ic.has("separator") ? ic.string("separator") : ",");
    }

    private static List<Template> templates(Yaml y, String key, Set<String> vars) {
        List<String> items = y.strings(key);
        if (items == null) {
            return null;
        }
        List<Template> out = new ArrayList<>();
        for (String s : items) {
            out.add(y.template(key, s, vars));
        }
        return out;
    }

    private static Probe probe(Yaml p, boolean readiness) {
        if (readiness) {
            p.only("tcp", "http", "command", "timeout");
        } else {
            p.only("http", "command");
        }
        int kinds = (p.has("tcp") ? 1 : 0) + (p.has("http") ? 1 : 0) + (p.has("command") ? 1 : 0);
        if (kinds != 1) {
            throw p.error("give exactly one of " + (readiness ? "tcp, " : "") + "http, command");
        }
        Duration timeout = readiness ? duration(p, "timeout", Duration.ofSeconds(90)) : null;
        if (p.has("tcp")) {
            if (!Boolean.TRUE.equals(p.bool("tcp"))) {
                throw p.error("tcp", "write 'tcp: true' (the client port accepts a connection), or use http or command");
            }
            return new Probe(Probe.Kind.TCP, null, Set.of(), null, null, timeout);
        }
        if (p.has("command")) {
            return new Probe(Probe.Kind.COMMAND, null, Set.of(), null, templates(p, "command", PROBE_VARIABLES), timeout);
        }
        Yaml h = p.map("http").only("method", "path", "body", "headers", "status", "pointer", "equals", "equals-pointer");
        HttpCall call = call(h, PROBE_VARIABLES);
        Set<Integer> status = statuses(h, "status");
        Check check = check(h, PROBE_VARIABLES, !readiness);
        return new Probe(Probe.Kind.HTTP, call, status.isEmpty() ? Set.of(200) : status, check, null, timeout);
    }

    private static Check check(Yaml h, Set<String> vars, boolean required) {
        String pointer = h.string("pointer");
        if (pointer == null) {
            if (required) {
                throw h.error("pointer", "missing; the JSON pointer whose value says yes, with equals or equals-pointer");
            }
            if (h.has("equals") || h.has("equals-pointer")) {
                throw h.error(h.has("equals") ? "equals" : "equals-pointer", "needs 'pointer': the value it compares");
            }
            return null;
        }
        pointer(h, "pointer", pointer);
        if (h.has("equals") == h.has("equals-pointer")) {
            throw h.error("pointer", "give exactly one of equals (a value) or equals-pointer (another value of the reply)");
        }
        String ep = h.string("equals-pointer");
        if (ep != null) {
            pointer(h, "equals-pointer", ep);
        }
        return new Check(pointer, h.template("equals", vars), ep);
    }

    private static void pointer(Yaml y, String key, String p) {
        if (!p.isEmpty() && !p.startsWith("/")) {
            throw y.error(key, "'" + p + "' is not a JSON pointer; it starts with '/', e.g. /kvs/0/value");
        }
    }

    private static HttpCall call(Yaml h, Set<String> vars) {
        String method = h.string("method");
        method = method == null ? (h.has("body") ? "POST" : "GET") : method;
        if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
            throw h.error("method", "'" + method + "' is not one of GET, POST, PUT, DELETE, PATCH");
        }
        String path = h.requireString("path", "the request's path, e.g. 'path: /v3/kv/put'");
        if (!path.startsWith("/")) {
            throw h.error("path", "'" + path + "' must start with '/' (the node's address is chaos' to choose)");
        }
        Map<String, Template> headers = new LinkedHashMap<>();
        Map<String, String> ht = h.stringMap("headers");
        if (ht != null) {
            Yaml hy = h.map("headers");
            ht.forEach((k, v) -> headers.put(k, hy.template(k, v == null ? "" : v, vars)));
        }
        return new HttpCall(method, h.template("path", vars), h.template("body", vars), headers);
    }

    private static Set<Integer> codes(Yaml h, String key, boolean http) {
        if (http) {
            return statuses(h, key);
        }
        List<String> s = h.strings(key);
        Set<Integer> out = new HashSet<>();
        for (String v : s == null ? List.<String>of() : s) {
            try {
                int c = Integer.parseInt(v.strip());
                if (c < 0 || c > 255) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw h.error(key, "'" + v + "' is not an exit code (0..255)");
            }
        }
        return out;
    }

    private static Set<Integer> statuses(Yaml h, String key) {
        List<String> s = h.strings(key);
        Set<Integer> out = new HashSet<>();
        for (String v : s == null ? List.<String>of() : s) {
            try {
                int c = Integer.parseInt(v.strip());
                if (c < 100 || c > 599) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw h.error(key, "'" + v + "' is not an HTTP status (100..599)");
            }
        }
        return out;
    }

    private static Duration duration(Yaml y, String key, Duration otherwise) {
        String s = y.string(key);
        if (s == null) {
            return otherwise;
        }
        Duration d = Durations.parse(s);
        if (d == null || d.isZero() || d.isNegative()) {
            throw y.error(key, "'" + s + "' is not a duration; write e.g. 500ms, 5s, 2m");
        }
        return d;
    }

    private static ClientSpec client(Yaml c, String workload, String source) {
        c.only("http", "command", "resp", "jdbc");
        List<Protocol> given = java.util.Arrays.stream(Protocol.values()).filter(p -> c.has(p.key())).toList();
        if (given.size() != 1) {
            throw c.error("give exactly one client: http (requests to the node's client port), command (a command per operation,"
                    + " run on this machine), resp (a Redis-protocol command per operation) or jdbc (SQL per operation),"
                    + " docs/targets.md");
        }
        Protocol protocol = given.get(0);
        Yaml h = c.map(protocol.key());
        List<String> ops = OPS.get(workload);
        List<String> allowed = new ArrayList<>(ops);
        allowed.addAll(List.of("timeout", "local-read"));
        if (protocol == Protocol.RESP) {
            allowed.add("fail-errors");
        }
        if (protocol == Protocol.JDBC) {
            allowed.addAll(List.of("url", "user", "password", "setup", "fail-sqlstates", "fail-codes"));
        }
        h.only(allowed.toArray(String[]::new));
        Duration timeout = duration(h, "timeout", Duration.ofSeconds(5));
        Map<String, OpSpec> out = new LinkedHashMap<>();
        for (String f : ops) {
            Yaml o = h.requireMap(f, "the " + workload + " workload needs " + String.join(", ", ops) + " and local-read");
            out.put(f, op(o, new OpKind(workload, f, false), OP_VARIABLES, protocol));
        }
        Yaml lr = h.requireMap("local-read", "the convergence probe: how to read one node's own view of every "
                + (workload.equals("set") ? "element" : "register"));
        OpSpec local = op(lr, new OpKind(workload, "read", true), PROBE_VARIABLES, protocol);
        if (workload.equals("cas-register") && (local.result() == null || local.result().key() == null || local.result().item() == null)) {
            throw lr.error("result", protocol == Protocol.JDBC ? "the registers' convergence probe reads a map: give column (each"
                    + " register's value) and key (its name), e.g. {column: v, key: k}"
                    : "the registers' convergence probe reads a map: give pointer (an array), key (each register's"
                    + " name) and item (its value), e.g. {pointer: /kvs, key: /key, item: /value, decode: base64}");
        }
        Set<String> failErrors = new HashSet<>();
        Set<Integer> failCodes = new HashSet<>();
        JdbcSpec jdbc = null;
        if (protocol == Protocol.RESP) {
            List<String> fe = h.strings("fail-errors");
            for (String e : fe == null ? RESP_FAIL_ERRORS : fe) {
                if (!e.matches("[A-Z][A-Z0-9_]*")) {
                    throw h.error("fail-errors", "'" + e + "' is not an error code: the first word of a RESP error reply, upper case,"
                            + " e.g. READONLY");
                }
                failErrors.add(e);
            }
        }
        if (protocol == Protocol.JDBC) {
            jdbc = jdbc(h, source);
            List<String> states = h.strings("fail-sqlstates");
            for (String st : states == null ? List.<String>of() : states) {
                if (!st.matches("[0-9A-Z]{2}|[0-9A-Z]{5}")) {
                    throw h.error("fail-sqlstates", "'" + st + "' is not an SQLState (5 characters, e.g. 40001) or class (2, e.g. 40)");
                }
                failErrors.add(st);
            }
            List<String> codes = h.strings("fail-codes");
            for (String code : codes == null ? List.<String>of() : codes) {
                try {
                    failCodes.add(Integer.parseInt(code.strip()));
                } catch (NumberFormatException e) {
                    throw h.error("fail-codes", "'" + code + "' is not a vendor error code (a whole number, e.g. 1047)");
                }
            }
        }
        return new ClientSpec(workload, protocol, timeout, out, local, jdbc, failErrors, failCodes);
    }

    /** The RESP error codes that mean not done, when the file names none. */
    static final List<String> RESP_FAIL_ERRORS = List.of("READONLY", "NOREPLICAS", "MASTERDOWN", "LOADING", "WRONGTYPE", "NOSCRIPT");

    /** The variables of a JDBC URL. */
    public static final Set<String> JDBC_URL_VARIABLES = Set.of("host", "port", "node", "address");

    private static JdbcSpec jdbc(Yaml h, String source) {
        String urlText = h.requireString("url", "the JDBC URL, e.g. 'url: \"jdbc:mariadb://{{host}}:{{port}}/mydb\"'");
        Template url = h.template("url", urlText, JDBC_URL_VARIABLES);
        Path drivers = Path.of(source).toAbsolutePath().getParent().resolve("drivers");
        String sample = url.render(Map.of("host", "localhost", "port", "1", "node", "n1", "address", "localhost:1"));
        if (!sample.startsWith("jdbc:")) {
            throw h.error("url", "'" + urlText + "' is not a JDBC URL; it starts with jdbc:, e.g. jdbc:postgresql://{{host}}:{{port}}/mydb");
        }
        if (JdbcDrivers.forUrl(sample, drivers) == null) {
            throw h.error("url", "no JDBC driver takes '" + urlText + "'; PostgreSQL's (jdbc:postgresql:) and MariaDB's"
                    + " (jdbc:mariadb:) are built in; for another, put its jar in " + drivers);
        }
        List<String> setup = h.strings("setup");
        return new JdbcSpec(url, h.string("user"), h.string("password"), setup == null ? List.of() : setup, drivers);
    }

    /** Which operation is being read: the workload, the op's name, and whether it is the convergence probe. */
    private record OpKind(String workload, String f, boolean local) {

        boolean read() {
            return f.equals("read");
        }

        /** A read whose result is a list of elements (a set's), not one value. */
        boolean elements() {
            return workload.equals("set");
        }
    }

    private static OpSpec op(Yaml o, OpKind kind, Set<String> baseVars, Protocol protocol) {
        boolean http = protocol == Protocol.HTTP;
        boolean read = kind.read();
        switch (protocol) {
            case HTTP -> o.only("let", "method", "path", "body", "headers", "ok", "fail", "ok-when", "error-when", "result");
            case COMMAND -> o.only("let", "run", "ok", "fail", "ok-when", "error-when", "result");
            case RESP -> o.only("let", "command", "ok-when", "result");
            case JDBC -> o.only("let", "sql", "params", "rows", "result");
        }
        Set<String> vars = new TreeSet<>(baseVars);
        Map<String, Template> let = new LinkedHashMap<>();
        Map<String, String> lt = o.stringMap("let");
        if (lt != null) {
            Yaml ly = o.map("let");
            for (Map.Entry<String, String> e : lt.entrySet()) {
                if (!NAME.matcher(e.getKey()).matches() || !Character.isLetter(e.getKey().charAt(0))) {
                    throw ly.error(e.getKey(), "'" + e.getKey() + "' is not a variable name: a lower-case letter, then letters,"
                            + " digits and '-'");
                }
                let.put(e.getKey(), ly.template(e.getKey(), e.getValue() == null ? "" : e.getValue(), vars));
                vars.add(e.getKey());
            }
        }
        if (protocol == Protocol.RESP) {
            List<Template> resp = templates(o, "command", vars);
            if (resp == null || resp.isEmpty()) {
                throw o.error("command", "missing; the command and its arguments as a list, e.g. 'command: [SADD, \"{{key}}\","
                        + " \"{{value}}\"]'");
            }
            return new OpSpec(let, null, null, resp, null, Set.of(), Set.of(), okWhen(o, vars), null, respResult(o, kind));
        }
        if (protocol == Protocol.JDBC) {
            return new OpSpec(let, null, null, null, sql(o, vars), Set.of(), Set.of(), null, null, sqlResult(o, kind));
        }
        HttpCall call = http ? call(o, vars) : null;
        List<Template> command = null;
        if (!http) {
            command = templates(o, "run", vars);
            if (command == null || command.isEmpty()) {
                throw o.error("run", "missing; the command as a list, e.g. 'run: [sh, -c, \"mytool --add {{value}} {{address}}\"]'");
            }
        }
        Set<Integer> ok = codes(o, "ok", http);
        Set<Integer> fail = codes(o, "fail", http);
        for (int s : ok) {
            if (fail.contains(s)) {
                throw o.error("fail", "status " + s + " is both ok and fail");
            }
        }
        Check okWhen = okWhen(o, vars);
        String errorWhen = o.string("error-when");
        if (errorWhen != null) {
            pointer(o, "error-when", errorWhen);
        }
        Extract result = result(o, protocol);
        if (result == null && read) {
            throw o.error("result", "missing; a read says where its result is, e.g. 'result: {pointer: /kvs, item: /key,"
                    + " decode: base64}'");
        }
        return new OpSpec(let, call, command, null, null, ok, fail, okWhen, errorWhen, result);
    }

    private static Check okWhen(Yaml o, Set<String> vars) {
        Yaml ow = o.map("ok-when");
        if (ow == null) {
            return null;
        }
        ow.only("pointer", "equals", "equals-pointer");
        return check(ow, vars, true);
    }

    /** A RESP op's result: as given (pointers into the reply as JSON), or by default the whole reply: elements for a set, a value for a register. */
    private static Extract respResult(Yaml o, OpKind kind) {
        Extract r = result(o, Protocol.RESP);
        if (r != null || !kind.read()) {
            return r;
        }
        if (kind.elements()) {
            return new Extract("", "", null, null, null);
        }
        if (!kind.local()) {
            return new Extract("", null, null, null, null);
        }
        return null; // the registers' probe: the caller asks for key and item
    }

    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static SqlOp sql(Yaml o, Set<String> vars) {
        String text = o.requireString("sql", "the statement, with ? for each parameter, e.g. 'sql: \"INSERT INTO elements (k, v)"
                + " VALUES (?, ?)\"'");
        List<Template> params = templates(o, "params", vars);
        params = params == null ? List.of() : params;
        long marks = text.chars().filter(ch -> ch == '?').count();
        if (marks != params.size()) {
            throw o.error(params.isEmpty() ? "sql" : "params", "the statement has " + marks + " '?' and " + params.size()
                    + " params; give one template per '?', in order, e.g. 'params: [\"{{key}}\", \"{{value}}\"]'");
        }
        Set<Integer> rows = new HashSet<>();
        List<String> rt = o.strings("rows");
        for (String v : rt == null ? List.<String>of() : rt) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                rows.add(n);
            } catch (NumberFormatException e) {
                throw o.error("rows", "'" + v + "' is not a row count (0 or more), e.g. 'rows: [1]'");
            }
        }
        return new SqlOp(text, params, rows);
    }

    /** An SQL op's result: the rows' {@code column} (elements, or the first row's value), with {@code key}: a register per row. */
    private static Extract sqlResult(Yaml o, OpKind kind) {
        Yaml r = o.map("result");
        if (r == null) {
            if (kind.read()) {
                throw o.error("result", "missing; a read names the column holding its result, e.g. 'result: {column: v}'");
            }
            return null;
        }
        r.only("column", "key");
        String column = r.requireString("column", "the column holding the result, e.g. 'column: v'");
        if (!COLUMN.matcher(column).matches()) {
            throw r.error("column", "'" + column + "' is not a column label (letters, digits, _); alias an expression: SELECT x AS v");
        }
        String col = "/" + column.toLowerCase(java.util.Locale.ROOT);
        String key = r.string("key");
        if (key != null) {
            if (!COLUMN.matcher(key).matches()) {
                throw r.error("key", "'" + key + "' is not a column label (letters, digits, _)");
            }
            if (!(kind.local() && !kind.elements())) {
                throw r.error("key", "only the registers' local-read names each row's register; here give column alone");
            }
            return new Extract("", col, null, null, "/" + key.toLowerCase(java.util.Locale.ROOT));
        }
        return kind.elements() ? new Extract("", col, null, null, null) : new Extract("/0" + col, null, null, null, null);
    }

    /** The {@code result} of an HTTP, command or RESP op as written; null when absent. */
    private static Extract result(Yaml o, Protocol protocol) {
        boolean http = protocol == Protocol.HTTP;
        Extract result = null;
        Yaml r = o.map("result");
        if (r != null) {
            r.only("pointer", "item", "decode", "match", "lines", "key");
            boolean lines = Boolean.TRUE.equals(r.bool("lines"));
            if (lines && protocol != Protocol.COMMAND) {
                throw r.error("lines", "only a command's output is read by lines; " + (http ? "an HTTP" : "a RESP")
                        + " reply is read by pointer");
            }
            if (lines && r.has("pointer")) {
                throw r.error("lines", "give pointer (the output is JSON) or lines: true (one element per line), not both");
            }
            String p = lines ? null : r.string("pointer"); // "" is the whole reply
            if (p == null && protocol == Protocol.RESP) {
                p = ""; // a RESP reply is small: its whole by default
            }
            if (!lines && p == null) {
                throw r.error("pointer", "missing; the JSON pointer of the result, e.g. /kvs (\"\" for the whole reply)"
                        + (protocol == Protocol.COMMAND ? ", or 'lines: true' for one element per output line" : ""));
            }
            if (p != null) {
                pointer(r, "pointer", p);
            }
            String item = r.string("item");
            if (item != null) {
                pointer(r, "item", item);
            }
            String decode = r.string("decode");
            if (decode != null && !decode.equals("base64") && !decode.equals("none")) {
                throw r.error("decode", "'" + decode + "' is not base64 or none");
            }
            Pattern match = null;
            String m = r.string("match");
            if (m != null) {
                try {
                    match = Pattern.compile(m);
                } catch (PatternSyntaxException e) {
                    throw r.error("match", "not a regular expression: " + e.getDescription());
                }
                if (match.matcher("").groupCount() < 1) {
                    throw r.error("match", "'" + m + "' has no group; put the number in one, e.g. '/e([0-9]+)$'");
                }
            }
            String key = r.string("key");
            if (key != null) {
                pointer(r, "key", key);
                if (item == null || p == null) {
                    throw r.error("key", "names each register in an array: give pointer (the array) and item (the value) too");
                }
            }
            result = new Extract(p, item, decode, match, key);
        }
        return result;
    }
}
