"""A three-process cluster: three `sluiced --config` processes with Kafka's KRaft properties.

Metadata from every node lists the three brokers; a topic with replication factor 3 and
min.insync.replicas=2 takes acks=all records from librdkafka (python3-confluent-kafka); kill -9 of a follower
leaves the others producing and consuming (the ISR shrinks through the controller); the follower restarts,
catches up and rejoins the ISR; at the end the three replicas' log files are byte-identical and a consumer
reads every acknowledged record in order.
"""

import glob
import os
import signal
import time

from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from cluster_harness import bootstrap_of, kraft_cluster
from harness import check, check_equal, log, main_without_broker, wait_until

TOPIC = "replicated"
# Short timeouts keep the faults quick: a follower leaves the ISR after 3 s behind, a broker without a
# heartbeat for 3 s is fenced and loses its leaderships.
PROPS = {"replica.lag.time.max.ms": "3000", "num.partitions": "1", "auto.create.topics.enable": "false",
         "broker.session.timeout.ms": "3000", "broker.heartbeat.interval.ms": "500",
         "leader.imbalance.check.interval.seconds": "2"}


def preferred_leads(bootstrap):
    """Whether the partition's first replica (its preferred leader) leads it."""
    c = cu.consumer(bootstrap)
    try:
        t = c.list_topics(topic=TOPIC, timeout=10).topics.get(TOPIC)
    finally:
        c.close()
    p = t.partitions.get(0) if t is not None else None
    return p is not None and p.replicas and p.leader == p.replicas[0]


def brokers_seen(bootstrap):
    c = cu.consumer(bootstrap)
    try:
        return len(c.list_topics(timeout=10).brokers)
    finally:
        c.close()


def records(start, count):
    return [{"key": b"k%06d" % i, "value": b"value-%06d" % i} for i in range(start, start + count)]


def log_bytes(node):
    files = sorted(glob.glob(os.path.join(node.data_dir, f"{TOPIC}-0", "*.log")))
    data = b""
    for f in files:
        with open(f, "rb") as fh:
            data += fh.read()
    return data


def test():
    with kraft_cluster(3, PROPS) as nodes:
        for node in nodes:
            wait_until(lambda: brokers_seen(node.bootstrap) == 3, 30, f"node {node.node_id} to list 3 brokers")
        log("every node lists 3 brokers")
        boot = bootstrap_of(nodes)
        admin = AdminClient({"bootstrap.servers": boot})
        created = admin.create_topics([NewTopic(TOPIC, 1, 3, config={"min.insync.replicas": "2"})],
                                      operation_timeout=30)
        created[TOPIC].result(60)
        state = wait_until(lambda: (lambda s: s if s and s[0] >= 0 and len(s[2]) == 3 else None)(cu.partition_state(boot, TOPIC)),
                           30, f"{TOPIC} to have a leader and 3 in-sync replicas")
        log(f"{TOPIC}: leader {state[0]}, replicas {state[1]}, isr {state[2]}")

        prod = cu.producer(boot)
        cu.produce_all(prod, TOPIC, records(0, 500))
        log("500 records acknowledged with acks=all by 3 replicas")

        leader = state[0]
        follower = next(n for n in nodes if n.node_id != leader)
        follower.stop(signal.SIGKILL)
        log(f"killed follower node {follower.node_id} with SIGKILL")
        cu.produce_all(prod, TOPIC, records(500, 500), timeout=60)
        after = cu.partition_state(bootstrap_of(nodes), TOPIC)
        check(after is not None and follower.node_id not in after[2],
              f"the killed follower should have left the ISR: {after}")
        log(f"500 more acknowledged with node {follower.node_id} down; isr now {after[2]}")

        follower.start()
        wait_until(lambda: (lambda s: s and len(s[2]) == 3)(cu.partition_state(bootstrap_of(nodes), TOPIC)), 60,
                   f"node {follower.node_id} to catch up and rejoin the ISR")
        log(f"node {follower.node_id} rejoined the ISR")
        cu.produce_all(prod, TOPIC, records(1000, 100))

        # The partition leader dies: the controller fences it and a live ISR member leads; the producer
        # (librdkafka retries through the leader change) gets every further record acknowledged.
        leader = cu.partition_state(bootstrap_of(nodes), TOPIC)[0]
        dead = next(n for n in nodes if n.node_id == leader)
        dead.stop(signal.SIGKILL)
        log(f"killed the partition leader, node {leader}, with SIGKILL")
        cu.produce_all(prod, TOPIC, records(1100, 400), timeout=60)
        moved = cu.partition_state(bootstrap_of(nodes), TOPIC)
        check(moved is not None and moved[0] not in (-1, leader), f"a live ISR member should lead now: {moved}")
        log(f"400 more acknowledged; leader now {moved[0]}, isr {moved[2]}")
        got = cu.consume_range(bootstrap_of(nodes), TOPIC, 0, 1500)
        check_equal([m.key() for m in got], [r["key"] for r in records(0, 1500)],
                    "every acknowledged record, in order, after the leader failover")
        dead.start()
        wait_until(lambda: (lambda s: s and len(s[2]) == 3)(cu.partition_state(bootstrap_of(nodes), TOPIC)), 60,
                   f"the old leader, node {leader}, to rejoin the ISR")
        log(f"node {leader} rejoined the ISR")
        wait_until(lambda: preferred_leads(bootstrap_of(nodes)), 20,
                   "leadership to return to the preferred replica (auto.leader.rebalance.enable)")
        log(f"leadership back on the preferred replica: {cu.partition_state(bootstrap_of(nodes), TOPIC)}")
        cu.produce_all(prod, TOPIC, records(1500, 100))

        got = cu.consume_range(bootstrap_of(nodes), TOPIC, 0, 1600)
        check_equal([m.key() for m in got], [r["key"] for r in records(0, 1600)], "keys consumed in order")

        def identical():
            blobs = [log_bytes(n) for n in nodes]
            return blobs[0] and all(b == blobs[0] for b in blobs)
        wait_until(identical, 30, "the three replicas' log files to be byte-identical")
        log(f"all three replicas hold the same {len(log_bytes(nodes[0]))} bytes")


if __name__ == "__main__":
    main_without_broker(test)
