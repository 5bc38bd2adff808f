package com.example.chaos;

import dev.chaos.junit.ChaosRunner;
import dev.chaos.junit.ChaosTest;

/** The built-in ZooKeeper target: five real ZooKeeper servers as local processes, every link through the fault proxy. */
class ZooKeeperPartitionTest {

    @ChaosTest
    void cleanSplitLosesNoAcknowledgedWrite(ChaosRunner chaos) {
        chaos.scenario("clean-split").target("zookeeper").run().assertValid();
    }
}
