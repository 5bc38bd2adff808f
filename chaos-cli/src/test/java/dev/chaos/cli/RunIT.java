package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.set.SetChecker;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.LocalLeftovers;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.nemesis.NemesisFactory;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.Step;
import dev.chaos.backend.local.LocalBackend;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.TargetContext;
import dev.chaos.sut.zookeeper.ZooKeeperTarget;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Client;
import dev.chaos.workload.SetWorkload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run against real local ZooKeeper: verdicts, and nothing left behind. */
class RunIT {

    @Test
    void shortCleanSplitOnThreeNodesIsValidAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "clean-split", "--nodes", "3", "--duration", "30s", "--rate", "50",
            "--seed", "7", "--out", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, exit, out + "\n" + err);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertTrue(results.get("valid").asBoolean());
        assertEquals(0, results.get("checkers").get("set").get("lost-count").asInt());
        assertTrue(results.get("checkers").get("set").get("acknowledged").asInt() > 100, results.toString());
        assertTrue(results.get("checkers").get("convergence").get("converged").asBoolean());
        assertTrue(Files.readString(dir.resolve("history.jsonl")).contains("\"f\":\"start-partition\""), "a fault was injected");
        for (String f : List.of("history.jsonl", "results.json", "run.log", "scenario.json", "nodes/n1.log", "nodes/n3.log")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        assertNothingLeftBehind(dir);
    }

    /**
     * A second built-in end to end: pause (SIGSTOP/SIGCONT) on 3 nodes, its schedule scaled to 30 s.
     * ZooKeeper keeps a quorum with one node frozen, so nothing may be lost, and every pause and
     * resume must be in the history with the node it froze.
     */
    @Test
    void shortPauseOnThreeNodesIsValidAndRecordsEachPauseWithItsNode(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"run", "pause", "--nodes", "3", "--duration", "30s", "--rate", "50", "--seed", "5",
            "--out", dir.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(results.get("valid").asBoolean() ? 0 : 1, exit, out + "\n" + err);
        // nothing lost and converged, whichever node froze; the failover SLO (10 s) depends on whether
        // that node led (ZooKeeper then re-elects: seconds on 2 busy cores), so only its measurement is required
        assertTrue(results.get("checkers").get("set").get("valid").asBoolean(), results.toString());
        assertEquals(0, results.get("checkers").get("set").get("lost-count").asInt());
        assertTrue(results.get("checkers").get("convergence").get("valid").asBoolean(), results.toString());
        JsonNode slo = results.get("checkers").get("slo").get("thresholds").get(0);
        assertEquals("failover-max", slo.get("name").asText());
        assertTrue(slo.get("measured").isNumber(), slo.toString());
        assertEquals(slo.get("measured").asLong() <= 10_000, slo.get("valid").asBoolean(), slo.toString());
        List<String> history = Files.readAllLines(dir.resolve("history.jsonl"));
        Pattern start = Pattern.compile("\"f\":\"start-pause\",\"value\":\\[\"n[1-3]\"\\]");
        Pattern stop = Pattern.compile("\"f\":\"stop-pause\",\"value\":\\[\"n[1-3]\"\\]");
        // the schedule scaled to 30 s: pauses at 2.5 s, 12.5 s and 22.5 s, each held 5 s (the last until the heal at 25 s)
        assertEquals(3, history.stream().filter(l -> start.matcher(l).find()).count(), "three pauses with their node");
        assertEquals(3, history.stream().filter(l -> stop.matcher(l).find()).count(), "three resumes with their node");
        JsonNode scenario = new ObjectMapper().readTree(dir.resolve("scenario.json").toFile());
        assertEquals("pause", scenario.get("scenario").get("name").asText());
        assertEquals(5, scenario.get("scenario").get("seed").asInt());
        assertEquals(3, scenario.get("plan").size());
        assertNothingLeftBehind(dir);
    }

    /** No process started for the run is alive, and every port its nodes used can be bound again. */
    static void assertNothingLeftBehind(Path dir) throws IOException {
        String marker = dir.toAbsolutePath().toString();
        List<String> alive = ProcessHandle.allProcesses()
                .filter(p -> LocalLeftovers.arguments(p).map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + String.join(" ", LocalLeftovers.arguments(p).orElse(List.of()))).toList();
        assertEquals(List.of(), alive, "processes of the run still alive");
        // every address a node or a link listened on: each node's ports, at 127.0.0.1 and at every
        // pair address its peers' hosts files give it
        Set<String> addresses = new TreeSet<>();
        Pattern server = Pattern.compile("server\\.\\d+=(\\w+):(\\d+):(\\d+)");
        Pattern client = Pattern.compile("clientPort=(\\d+)");
        Pattern host = Pattern.compile("(127\\.\\d+\\.\\d+\\.\\d+) (\\w+)");
        java.util.Map<String, List<String>> portsOf = new java.util.HashMap<>();
        List<String[]> hostLines = new ArrayList<>();
        try (var files = Files.walk(dir.resolve("nodes"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals("zoo.cfg")) {
                    String cfg = Files.readString(f);
                    Matcher m = server.matcher(cfg);
                    while (m.find()) {
                        portsOf.put(m.group(1), List.of(m.group(2), m.group(3)));
                    }
                    Matcher c = client.matcher(cfg);
                    while (c.find()) {
                        addresses.add("127.0.0.1:" + c.group(1));
                    }
                } else if (name.equals("hosts")) {
                    Matcher h = host.matcher(Files.readString(f));
                    while (h.find()) {
                        hostLines.add(new String[] {h.group(1), h.group(2)});
                    }
                }
            }
        }
        for (String[] h : hostLines) {
            for (String port : portsOf.getOrDefault(h[1], List.of())) {
                addresses.add(h[0] + ":" + port);
            }
        }
        assertTrue(addresses.size() >= 3 * 3, "node and link addresses found: " + addresses);
        for (String a : addresses) {
            String[] hp = a.split(":");
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress(hp[0], Integer.parseInt(hp[1])));
            }
        }
    }

    /**
     * The checkers can fail: a client that acknowledges some adds without ever sending them must
     * make the set checker report exactly those elements as lost.
     */
    @Test
    void aClientThatAcknowledgesUnsentAddsIsCaughtLosingExactlyThose(@TempDir Path tmp) throws Exception {
        Set<Long> faked = new ConcurrentSkipListSet<>();
        Scenario scenario = new Scenario("clean-split", "", "set", 3, 50.0, 4, Duration.ofSeconds(12), Duration.ofSeconds(5),
                Duration.ofSeconds(30), "linearizable", 11L, List.of(new Step("clean-split", null, Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(6), null, null, null, null, null)), List.of("set"), null);
        RunSpec spec = new RunSpec(scenario, "zookeeper", "local", 11, tmp);
        try (Lab lab = new LocalBackend().open(spec.nodes(), tmp, "lying", s -> { })) {
            Cluster real = new ZooKeeperTarget().start(new TargetContext(spec.nodes(), tmp, lab, true, Duration.ofSeconds(60), s -> { }));
            LinkFaults links = new LinkFaults(lab.proxyApi(), lab.topology());
            try {
                Cluster lying = new LyingCluster(real, faked);
                Path history = new Runner(spec, lying, new SetWorkload(), new NemesisFactory(lying, links), s -> { }).run("test");
                CheckResult r = new SetChecker().check(HistoryFiles.read(history).history());
                assertEquals(Verdict.INVALID, r.verdict(), r.summary().toString());
                assertTrue(faked.size() > 3, "some adds were faked: " + faked);
                List<Object> lost = new ArrayList<>(faked);
                assertEquals(lost, r.details().get("lost"), "exactly the faked elements are lost");
            } finally {
                real.close();
            }
        }
        assertNothingLeftBehind(tmp);
    }

    /** Wraps a real cluster; its clients acknowledge every seventh add without sending it. */
    record LyingCluster(Cluster real, Set<Long> faked) implements Cluster {
        @Override
        public List<String> nodes() {
            return real.nodes();
        }

        @Override
        public Client openClient(String node, Workload workload) throws Exception {
            Client c = real.openClient(node, workload);
            return new Client() {
                @Override
                public Op invoke(Op op) {
                    if (op.f().equals("add") && (Long) op.value() % 7 == 3) {
                        faked.add((Long) op.value());
                        return new Op(-1, -1, op.process(), OpType.OK, op.f(), null, op.value(), op.node(), null, false);
                    }
                    return c.invoke(op);
                }

                @Override
                public void close() {
                    c.close();
                }
            };
        }

        @Override
        public Object localRead(String node, Workload workload) throws Exception {
            return real.localRead(node, workload);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
