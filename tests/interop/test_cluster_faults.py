"""Faults under continuous produce: `sluiced --nodes 3 --control-stdin`, a confluent-kafka producer with
acks=all sending numbered records to a 3-partition topic (replication factor 3, min.insync.replicas=2) from a
background thread, while the test (a) stops and restarts a partition leader, (b) stops and restarts the
active controller, (c) isolates a node from its peers and heals it, (d) delays a leader's links to its peers.
During (a) to (c) the other nodes lead every partition, keep the faulty node out of every ISR and acknowledge
writes. After each fault: every partition gets its full ISR back within a bound, the producer is
acknowledged again, and a consumer reading from the start finds every acknowledged record at the offset its
acknowledgement named.

This fails if acks=all acknowledged what only one replica had (the old leader truncates it away when it
rejoins as a follower; with acks=1 instead of all, this test fails in the isolation step), if an ISR never
heals, or if acknowledged data is lost in a leader change.
"""

import threading
import time

from confluent_kafka import OFFSET_BEGINNING, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from cluster_harness import controlled_cluster
from harness import TestFailure, check, log, main_without_broker, wait_until

TOPIC = "faults"
PARTITIONS = 3
PROPS = {
    "replica.lag.time.max.ms": "1500",
    "replica.fetch.wait.max.ms": "200",
    "broker.session.timeout.ms": "2000",
    "broker.heartbeat.interval.ms": "300",
    "controller.quorum.election.timeout.ms": "500",
    "controller.quorum.fetch.timeout.ms": "1500",
    "controller.quorum.election.backoff.max.ms": "500",
    "controller.quorum.request.timeout.ms": "1500",
    "default.replication.factor": "3",
    "min.insync.replicas": "2",
    "offsets.topic.replication.factor": "3",
    "auto.create.topics.enable": "false",
}
ISR_BOUND_S = 30
PROGRESS_BOUND_S = 30


class ContinuousProducer:
    """Sends b"v%08d" values round-robin over the partitions until stopped; keeps what was acknowledged."""

    def __init__(self, bootstrap):
        self.producer = cu.producer(bootstrap, **{"linger.ms": 5, "message.timeout.ms": 20000,
                                                   "request.timeout.ms": 5000,
                                                   "metadata.max.age.ms": 1000, "retry.backoff.ms": 100})
        self.lock = threading.Lock()
        self.acked = {p: [] for p in range(PARTITIONS)}  # partition -> [(offset, value)]
        self.failed = 0
        self.sent = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _on_delivery(self, err, msg):
        with self.lock:
            if err is None:
                self.acked[msg.partition()].append((msg.offset(), msg.value()))
            else:
                self.failed += 1  # not acknowledged: allowed to be lost, or to be there

    def _run(self):
        while not self.stopping.is_set():
            value = b"v%08d" % self.sent
            try:
                self.producer.produce(TOPIC, value=value, partition=self.sent % PARTITIONS,
                                      on_delivery=self._on_delivery)
                self.sent += 1
            except BufferError:
                pass
            self.producer.poll(0.004)  # ~200 records/s, and the delivery callbacks
        self.producer.flush(30)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join(60)

    def acked_count(self):
        with self.lock:
            return sum(len(v) for v in self.acked.values())

    def snapshot(self):
        with self.lock:
            return {p: list(v) for p, v in self.acked.items()}


def topic_state(bootstrap):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    try:
        t = admin.list_topics(topic=TOPIC, timeout=5).topics.get(TOPIC)
    except Exception:  # a node restarting: ask again
        return None
    if t is None or t.error is not None or len(t.partitions) != PARTITIONS:
        return None
    return {p: (m.leader, sorted(m.replicas), sorted(m.isrs)) for p, m in t.partitions.items()}


def full_isr(bootstrap):
    state = topic_state(bootstrap)
    if state and all(leader >= 0 and len(isr) == 3 and isr == replicas for leader, replicas, isr in state.values()):
        return state
    return None


def wait_full_isr(cluster, what):
    started = time.monotonic()
    state = wait_until(lambda: full_isr(cluster.bootstrap), ISR_BOUND_S, f"full ISR on every partition {what}",
                       interval=0.3)
    log(f"full ISR {what} after {time.monotonic() - started:.1f} s: {state}")
    return state


def wait_progress(producer, what):
    """The producer is acknowledged again: the cluster serves acks=all writes after the fault."""
    before = producer.acked_count()
    wait_until(lambda: producer.acked_count() >= before + 50, PROGRESS_BOUND_S,
               f"50 more acknowledged records {what}", interval=0.2)


def check_acked_records(bootstrap, acked, what):
    """A consumer reading each partition from the start, in offset order, finds every acknowledged record at the
    offset its acknowledgement named."""
    wanted = {p: max((o for o, _ in records), default=-1) for p, records in acked.items()}
    seen = {p: {} for p in range(PARTITIONS)}
    c = cu.consumer(bootstrap, **{"enable.partition.eof": False})
    try:
        c.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in range(PARTITIONS)])
        deadline = time.monotonic() + 40
        done = lambda: all(max(seen[p], default=-1) >= wanted[p] for p in range(PARTITIONS))
        while not done():
            if time.monotonic() > deadline:
                progress = {p: (max(seen[p], default=-1), wanted[p]) for p in range(PARTITIONS)}
                raise TestFailure(f"{what}: the consumer did not reach the last acknowledged offsets "
                                  f"(reached, wanted) per partition: {progress}")
            for msg in c.consume(num_messages=1000, timeout=0.5):
                if msg.error():
                    if msg.error().fatal():
                        raise TestFailure(f"{what}: fatal consumer error {msg.error()}")
                    continue
                partition_seen = seen[msg.partition()]
                check(msg.offset() > max(partition_seen, default=-1),
                      f"{what}: {TOPIC}[{msg.partition()}] offset {msg.offset()} came after a higher one")
                partition_seen[msg.offset()] = msg.value()
    finally:
        c.close()
    total = 0
    for p, records in acked.items():
        for offset, value in records:
            got = seen[p].get(offset)
            if got != value:
                raise TestFailure(f"{what}: acknowledged record {value!r} at {TOPIC}[{p}] offset {offset} is "
                                  f"{'missing' if got is None else f'replaced by {got!r}'}")
        # Two acknowledgements never name one offset: each acknowledged record has a place of its own in the
        # partition's one history. (Values need not grow with offsets: without idempotence librdkafka may
        # retry an old batch after newer ones once it moved to another leader.)
        offsets = [offset for offset, _ in records]
        check(len(set(offsets)) == len(offsets), f"{what}: {TOPIC}[{p}]: two acknowledgements for one offset")
        total += len(records)
    log(f"{what}: all {total} acknowledged records found at their offsets")


def wait_out_of_every_isr(cluster, node, what):
    """The nodes other than `node` lead every partition and keep `node` out of every ISR (it stopped or is cut
    off, and the producer keeps writing: replica.lag.time.max.ms passes)."""
    others = ",".join(f"127.0.0.1:{port}" for n, port in cluster.ports.items() if n != node)

    def shrunk():
        state = topic_state(others)
        return state if state and all(node not in isr and leader not in (-1, node)
                                      for leader, _, isr in state.values()) else None
    state = wait_until(shrunk, ISR_BOUND_S, f"node {node} out of every ISR and leadership {what}", interval=0.3)
    log(f"{what}: {state}")


def leader_of(cluster, partition):
    state = wait_until(lambda: topic_state(cluster.bootstrap), 10, "the topic's metadata")
    return state[partition][0]


def after_fault(cluster, producer, what):
    wait_full_isr(cluster, what)
    wait_progress(producer, what)
    check_acked_records(cluster.bootstrap, producer.snapshot(), what)


def test():
    started = time.monotonic()
    with controlled_cluster(3, PROPS) as cluster:
        wait_until(cluster.controller, 15, "an active controller")
        admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
        # librdkafka sends CreateTopics to the controller Metadata names: wait until every broker registered.
        wait_until(lambda: len(admin.list_topics(timeout=5).brokers) == 3, 15, "three registered brokers")
        futures = admin.create_topics([NewTopic(TOPIC, PARTITIONS, 3, config={"min.insync.replicas": "2"})],
                                      operation_timeout=15)
        futures[TOPIC].result(30)
        wait_full_isr(cluster, "after creating the topic")
        producer = ContinuousProducer(cluster.bootstrap)
        producer.start()
        try:
            wait_progress(producer, "before any fault")

            # (a) The leader of partition 0 stops (its partitions move to the ISR) and comes back.
            leader = leader_of(cluster, 0)
            cluster.command(f"stop {leader}")
            wait_out_of_every_isr(cluster, leader, f"while node {leader} is stopped")
            wait_progress(producer, f"while node {leader} is stopped")
            cluster.command(f"start {leader}")
            after_fault(cluster, producer, f"after stopping and restarting partition leader {leader}")

            # (b) The active controller stops (another is elected) and comes back.
            controller = wait_until(cluster.controller, 10, "an active controller")
            cluster.command(f"stop {controller}")
            wait_until(lambda: cluster.controller() not in (None, controller), 15,
                       f"a controller other than node {controller}")
            wait_out_of_every_isr(cluster, controller, f"while controller {controller} is stopped")
            cluster.command(f"start {controller}")
            check(all(n["running"] for n in cluster.status()["nodes"]), "every node runs again")
            after_fault(cluster, producer, f"after stopping and restarting controller {controller}")

            # (c) A partition leader is cut off from its peers (clients still reach it) and healed.
            isolated = leader_of(cluster, 1)
            cluster.command(f"isolate {isolated}")
            wait_out_of_every_isr(cluster, isolated, f"while node {isolated} is isolated")
            wait_progress(producer, f"while node {isolated} is isolated")
            cluster.command("heal")
            after_fault(cluster, producer, f"after isolating node {isolated} and healing")

            # (d) Slow links from a partition leader to its followers: acks=all waits longer, loses nothing.
            slow = leader_of(cluster, 2)
            for other in cluster.ports:
                if other != slow:
                    cluster.command(f"delay {slow} {other} 200")
            wait_progress(producer, f"while node {slow}'s links are slow")
            cluster.command("heal")
            after_fault(cluster, producer, f"after slowing node {slow}'s links")
        finally:
            producer.stop()
        log(f"{producer.sent} sent, {producer.acked_count()} acknowledged, {producer.failed} not acknowledged")
        check(producer.acked_count() > 500, f"only {producer.acked_count()} records acknowledged in the whole test")
        check_acked_records(cluster.bootstrap, producer.snapshot(), "at the end")
    log(f"whole test {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main_without_broker(test)
