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
}
