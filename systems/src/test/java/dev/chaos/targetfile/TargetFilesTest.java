package dev.chaos.targetfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given target file text, expect the target it defines, or one error naming file:line, the field and the fix. */
class TargetFilesTest {

    /** The smallest file chaos runs: an image, a client port, readiness and a set client. */
    private static final String MINIMAL = """
            format: chaos-target/1
            name: kv
            docker:
              image: example/kv:1
              command: [--name, "{{node}}", --peers, "{{peers}}"]
            ports:
              client: 8080
              peers: [7000]
            ready: {tcp: true}
            clients:
              set:
                http:
                  add: {path: "/add/{{key}}/{{value}}"}
                  read: {path: "/read/{{key}}", result: {pointer: /elements, item: ""}}
                  local-read: {path: /all, result: {pointer: /elements, item: ""}}
            """;

    private static String error(String text) {
        return assertThrows(TargetFileException.class, () -> TargetFiles.parse(text, "my.yaml")).getMessage();
    }

    @Test
    void theShippedEtcdExampleReadsAsWritten() {
        FileTarget t = TargetFiles.load(Path.of("../docs/targets/etcd.yaml"));
        TargetFile f = t.file();
        assertEquals("etcd-file", t.name());
        assertEquals(2379, f.clientPort());
        assertEquals(List.of(2380), f.peerPorts());
        assertEquals(List.of("set", "cas-register"), t.workloads());
        assertEquals(Set.of(Capability.LEADER, Capability.KILL, Capability.PAUSE, Capability.STOP_START, Capability.HEALTH),
                t.capabilities("docker"));
        Map<String, String> n2 = t.nodeVariables("n2", List.of("n1", "n2", "n3"), "r1");
        List<String> cmd = f.docker().command().stream().map(x -> x.render(n2)).toList();
        assertEquals("n1=http://n1:2380,n2=http://n2:2380,n3=http://n3:2380", cmd.get(cmd.indexOf("--initial-cluster") + 1));
        assertEquals("n2", cmd.get(cmd.indexOf("--name") + 1));
        assertEquals("chaos-r1", cmd.get(cmd.indexOf("--initial-cluster-token") + 1));
    }

    @Test
    void theMinimalFileHasTheDefaults() {
        TargetFile f = TargetFiles.parse(MINIMAL, "my.yaml");
        assertEquals(Set.of(Capability.KILL, Capability.PAUSE, Capability.STOP_START), f.control());
        assertEquals(null, f.leader());
        assertEquals(Probe.Kind.TCP, f.ready().kind());
        assertEquals(90, f.ready().timeout().toSeconds());
        assertEquals(5, f.clients().get("set").timeout().toSeconds());
        FileTarget t = new FileTarget(f);
        assertEquals(FileCluster.class, t.clusterType("docker"));
        assertTrue(!t.capabilities("docker").contains(Capability.WIPE) && !t.capabilities("docker").contains(Capability.LEADER));
    }

    @Test
    void aTypoIsNamedWithItsLineAndTheFieldMeant() {
        String m = error(MINIMAL.replace("  command:", "  comand:"));
        assertEquals("my.yaml:5: docker.comand: unknown field; did you mean 'command'? (allowed here: build, command, data-dir, entrypoint,"
                + " env, files, image, initial-cluster)", m);
    }

    @Test
    void aMissingClientPortSaysWhatToWrite() {
        String m = error(MINIMAL.replace("  client: 8080\n", ""));
        assertTrue(m.startsWith("my.yaml:7: ports.client: missing; the port clients use, e.g. 'client: 2379'"), m);
    }

    @Test
    void anUnknownTemplateVariableNamesTheOnesThereAre() {
        String m = error(MINIMAL.replace("\"{{peers}}\"", "\"{{peer}}\""));
        assertTrue(m.startsWith("my.yaml:5: docker.command: unknown variable {{peer}}; here the variables are client-port,"
                + " data-dir, index, initial-cluster, node, nodes, peer-port, peers, run"), m);
        String op = error(MINIMAL.replace("/add/{{key}}/{{value}}", "/add/{{key}}/{{valu}}"));
        assertTrue(op.startsWith("my.yaml:13: clients.set.http.add.path: unknown variable {{valu}}"), op);
        String filter = error(MINIMAL.replace("/add/{{key}}/{{value}}", "/add/{{key | base65}}"));
        assertTrue(filter.contains("unknown filter 'base65'") && filter.contains("base64, json, prefix-end, url"), filter);
    }

    @Test
    void aWrongFormatOrBadValuesAreRefused() {
        assertEquals("my.yaml:1: format: 'chaos-target/2' is not a format this chaos reads; write 'chaos-target/1'",
                error(MINIMAL.replace("chaos-target/1", "chaos-target/2")));
        assertTrue(error(MINIMAL.replace("client: 8080", "client: 80800")).startsWith("my.yaml:7: ports.client: 80800 is not a port"));
        assertTrue(error(MINIMAL.replace("ready: {tcp: true}", "ready: {}")).startsWith("my.yaml:9: ready: give exactly one of tcp, http, command"));
        assertTrue(error(MINIMAL + "control: [kill, wip]\n").startsWith("my.yaml:16: control: 'wip' is not a node control"));
        assertTrue(error(MINIMAL.replace(", result: {pointer: /elements, item: \"\"}}", "}").replaceFirst("local-read.*\n", ""))
                .contains("clients.set.http.read.result: missing"));
        assertTrue(error(MINIMAL.replace("      local-read: {path: /all, result: {pointer: /elements, item: \"\"}}\n", ""))
                .contains("clients.set.http.local-read: missing; the convergence probe"));
        assertTrue(error("").contains("empty target file"));
        assertTrue(error("format: [").startsWith("my.yaml:1: not YAML"));
        assertEquals("my.yaml:16: name: given twice (also on line 2); keep one", error(MINIMAL + "name: again\n"));
    }

    @Test
    void configFilesAreTemplatesOfTheNodeVariablesAtAbsolutePaths() {
        TargetFile f = TargetFiles.load(Path.of("../docs/targets/etcd-config.yaml")).file();
        Map<String, String> n3 = new FileTarget(f).nodeVariables("n3", List.of("n1", "n2", "n3"), "r1");
        String conf = f.docker().files().get("/etc/chaos/etcd.yaml").render(n3);
        assertTrue(conf.startsWith("name: n3\ndata-dir: /var/lib/chaos-etcd\n"), conf);
        assertTrue(conf.contains("initial-cluster: n1=http://n1:2380,n2=http://n2:2380,n3=http://n3:2380\n"), conf);
        String relative = error(MINIMAL.replace("  image: example/kv:1", "  image: example/kv:1\n  files: {etc/kv.conf: x}"));
        assertTrue(relative.startsWith("my.yaml:5: docker.files.etc/kv.conf: 'etc/kv.conf' is not an absolute file path"), relative);
        String variable = error(MINIMAL.replace("  image: example/kv:1", "  image: example/kv:1\n  files: {/etc/kv.conf: \"id={{idx}}\"}"));
        assertTrue(variable.contains("docker.files./etc/kv.conf: unknown variable {{idx}}"), variable);
    }

    @Test
    void theRegistersProbeOfTheEtcdExampleReadsAMapAndCasIsOkOnlyWhenTheTransactionSucceeded() throws Exception {
        ClientSpec c = TargetFiles.load(Path.of("../docs/targets/etcd.yaml")).file().clients().get("cas-register");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        // r1 = "3", r2 = "0" (etcd's JSON: base64 keys and values)
        Object view = c.localRead().result().from(json.readTree("{\"kvs\": [{\"key\": \"cjE=\", \"value\": \"Mw==\"},"
                + " {\"key\": \"cjI=\", \"value\": \"MA==\"}]}"));
        assertEquals(Map.of("r1", 3L, "r2", 0L), view);
        Check succeeded = c.ops().get("cas").okWhen();
        assertTrue(succeeded.test(json.readTree("{\"succeeded\": true}"), Map.of()));
        assertTrue(!succeeded.test(json.readTree("{\"header\": {}}"), Map.of()), "etcd leaves a false 'succeeded' out");
        assertEquals(3L, c.ops().get("read").result().from(json.readTree("{\"kvs\": [{\"value\": \"Mw==\"}]}")));
        assertEquals(null, c.ops().get("read").result().from(json.readTree("{\"header\": {}}")), "no such key: null");
    }

    @Test
    void templatesRenderTheirFilters() {
        Template t = Template.parse("{{k | base64}} {{k | prefix-end}} {{q | json}} {{q | url}}", Set.of("k", "q"));
        assertEquals("czAv s00 a \\\"b\\\" a%20%22b%22", t.render(Map.of("k", "s0/", "q", "a \"b\"")));
    }

    /** MINIMAL with a local section instead of its docker one. */
    private static String local(String section) {
        return MINIMAL.replace("""
                docker:
                  image: example/kv:1
                  command: [--name, "{{node}}", --peers, "{{peers}}"]
                """, section);
    }

    @Test
    void aLocalSectionRunsOnLocalWithEachPeerAtItsOwnLink() {
        FileTarget t = new FileTarget(TargetFiles.parse(local("""
                local:
                  command: [kv, --conf, "{{dir}}/kv.conf", --primary, "{{n1-host}}:{{n1-peer-port}}"]
                  env: {KV_NAME: "{{node}}"}
                  files:
                    kv.conf: "listen {{host}}:{{client-port}} {{peer-port}}\\ndata {{data-dir}}\\npeers {{initial-cluster}}"
                  initial-cluster: {member: "{{member}}@{{member-host}}:{{member-peer-port}}"}
                """), "my.yaml"));
        assertEquals(List.of("local"), t.backends());
        List<String> nodes = List.of("n1", "n2", "n3");
        Map<String, String> n2 = t.exampleLocalVariables("n2", nodes);
        LocalTemplate l = t.file().local();
        List<String> cmd = l.command().stream().map(x -> x.render(n2)).toList();
        assertEquals("127.0.2.1:20101", cmd.get(4), "n2 reaches n1 at its own link to n1, on n1's peer port");
        assertTrue(cmd.get(2).endsWith("/nodes/n2/kv.conf"), cmd.get(2));
        String conf = l.files().get("kv.conf").render(n2);
        assertTrue(conf.startsWith("listen 127.0.0.1:20200 20201\n"), conf);
        assertTrue(conf.endsWith("peers n1@127.0.2.1:20101,n2@127.0.0.1:20201,n3@127.0.2.3:20301"), conf);
        assertEquals("n2", l.env().get("KV_NAME").render(n2));
        assertTrue(t.capabilities("local").contains(Capability.KILL));
    }

    @Test
    void aFileWithBothSectionsDefaultsToDockerAndOneWithNeitherIsRefused() {
        String both = MINIMAL.replace("ports:", "local:\n  command: [kv]\nports:");
        assertEquals(List.of("docker", "local"), TargetFiles.parse(both, "my.yaml").backends());
        String neither = error(local(""));
        assertTrue(neither.startsWith("my.yaml:") && neither.contains("'local: {command: [...]}'"), neither);
    }

    @Test
    void badLocalSectionsNameTheLineTheFieldAndTheFix() {
        String noCommand = error(local("local:\n  env: {A: b}\n"));
        assertTrue(noCommand.contains("local.command") && noCommand.contains("the program and its arguments"), noCommand);
        String outside = error(local("local:\n  command: [kv]\n  files: {../etc/kv.conf: x}\n"));
        assertTrue(outside.contains("not a file path inside the node's directory"), outside);
        String variable = error(local("local:\n  command: [kv, \"{{image}}\"]\n"));
        assertTrue(variable.contains("unknown variable {{image}}") && variable.contains("n1-host"), variable);
        String secondPeerPort = error(local("local:\n  command: [kv, \"{{peer-port-2}}\"]\n"));
        assertTrue(secondPeerPort.contains("unknown variable {{peer-port-2}}"), "one peer port, so no second: " + secondPeerPort);
        String typo = error(local("local:\n  comand: [kv]\n"));
        assertTrue(typo.contains("comand") && typo.contains("command"), typo);
    }

    @Test
    void theShippedRedisLocalExampleReadsAsWritten() {
        FileTarget t = TargetFiles.load(Path.of("../docs/targets/redis-local.yaml"));
        assertEquals(List.of("local"), t.backends());
        assertEquals(64, t.sha256().length());
        Map<String, String> n3 = t.exampleLocalVariables("n3", List.of("n1", "n2", "n3"));
        String cmd = t.file().local().command().get(2).render(n3);
        assertTrue(cmd.contains("--replicaof \"127.0.3.1\" \"20100\""), cmd);
    }

    /** A JDBC set client over MariaDB's driver: the smallest that reads. */
    private static final String JDBC = MINIMAL.substring(0, MINIMAL.indexOf("clients:")) + """
            clients:
              set:
                jdbc:
                  url: "jdbc:mariadb://{{host}}:{{port}}/chaos"
                  user: chaos
                  setup: ["CREATE TABLE IF NOT EXISTS elements (k VARCHAR(64), v BIGINT)"]
                  fail-codes: [1047]
                  add: {sql: "INSERT INTO elements (k, v) VALUES (?, ?)", params: ["{{key}}", "{{value}}"]}
                  read: {sql: "SELECT v FROM elements WHERE k = ?", params: ["{{key}}"], result: {column: V}}
                  local-read: {sql: "SELECT v FROM elements", result: {column: v}}
            """;

    @Test
    void theShippedRedisAndGaleraExamplesReadAsWritten() {
        TargetFile redis = TargetFiles.load(Path.of("../docs/targets/redis.yaml")).file();
        ClientSpec r = redis.clients().get("set");
        assertEquals(Protocol.RESP, r.protocol());
        assertEquals(List.of("SADD", "{{key}}", "{{value}}"), r.ops().get("add").resp().stream().map(Template::text).toList());
        assertEquals(Set.of("READONLY", "NOREPLICAS", "MASTERDOWN", "LOADING"), r.failErrors());
        assertEquals(List.of(6379), redis.peerPorts(), "replication goes through the peer links");
        TargetFile galera = TargetFiles.load(Path.of("../docs/targets/mariadb-galera.yaml")).file();
        assertEquals(List.of(4567, 4568, 4444), galera.peerPorts());
        ClientSpec set = galera.clients().get("set");
        assertEquals(Protocol.JDBC, set.protocol());
        assertEquals(Set.of(1047), set.failCodes());
        assertEquals("jdbc:mariadb://10.0.0.2:3306/chaos", set.jdbc().url().render(Map.of("host", "10.0.0.2", "port", "3306")));
        ClientSpec cas = galera.clients().get("cas-register");
        assertEquals(Set.of(1), cas.ops().get("cas").sql().rows(), "a compare that matched no row is fail");
        assertEquals("/k", cas.localRead().result().key());
    }

    @Test
    void aJdbcClientTakesItsResultByColumnLabelCaseInsensitively() throws Exception {
        ClientSpec c = TargetFiles.parse(JDBC, "my.yaml").clients().get("set");
        assertEquals(List.of("CREATE TABLE IF NOT EXISTS elements (k VARCHAR(64), v BIGINT)"), c.jdbc().setup());
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree("[{\"v\": 17}, {\"v\": 3}]");
        assertEquals(dev.chaos.history.Values.list(3L, 17L), c.ops().get("read").result().from(rows));
    }

    @Test
    void badRespAndJdbcClientsAreNamedWithTheirFix() {
        String twoPlaces = error(JDBC.replace("    jdbc:", "    resp: {}\n    jdbc:"));
        assertTrue(twoPlaces.contains("clients.set: give exactly one client: http"), twoPlaces);
        String marks = error(JDBC.replace("params: [\"{{key}}\", \"{{value}}\"]", "params: [\"{{key}}\"]"));
        assertTrue(marks.startsWith("my.yaml:17: clients.set.jdbc.add.params: the statement has 2 '?' and 1 params"), marks);
        String driver = error(JDBC.replace("jdbc:mariadb:", "jdbc:nosuchdb:"));
        assertTrue(driver.startsWith("my.yaml:13: clients.set.jdbc.url: no JDBC driver takes") && driver.contains("put its jar in ")
                && driver.endsWith("drivers"), driver);
        String column = error(JDBC.replace(", result: {column: V}", ""));
        assertTrue(column.contains("clients.set.jdbc.read.result: missing; a read names the column"), column);
        String typo = error(JDBC.replace("fail-codes: [1047]", "fail-code: [1047]"));
        assertTrue(typo.contains("clients.set.jdbc.fail-code: unknown field; did you mean 'fail-codes'?"), typo);
        String variable = error(JDBC.replace("{{host}}", "{{hostname}}"));
        assertTrue(variable.contains("clients.set.jdbc.url: unknown variable {{hostname}}"), variable);
        String resp = MINIMAL.substring(0, MINIMAL.indexOf("clients:")) + """
                clients:
                  set:
                    resp:
                      fail-errors: [readonly]
                      add: {command: [SADD, "{{key}}", "{{value}}"]}
                      read: {command: [SMEMBERS, "{{key}}"]}
                      local-read: {command: [SMEMBERS, s0]}
                """;
        assertTrue(error(resp).contains("clients.set.resp.fail-errors: 'readonly' is not an error code"), error(resp));
        String run = error(resp.replace("fail-errors: [readonly]", "fail-errors: [READONLY]").replace("add: {command:", "add: {run:"));
        assertTrue(run.contains("clients.set.resp.add.run: unknown field") && run.contains("allowed here: command, let, ok-when, result"), run);
    }
}
