"""Idempotent producers through faults on `sluiced --nodes 3 --control-stdin` (replication factor 3,
min.insync.replicas=2): librdkafka (confluent-kafka, enable.idempotence=true) and kafkajs (idempotent: true)
each stream numbered values to one partition while its leader is killed (no clean handover) and restarted.
librdkafka also meets slow replication: every follower's fetches wait longer than the producer's
request.timeout.ms, so its produce requests time out after the leader appended them and are retried, batch
by batch, with their original sequence numbers.

A consumer then reads the partition from the start and must find every value exactly once and in the order
sent: no duplicate (a retried batch appended twice, by the old leader or the new one, which must know the
producer's last batches from replication), no gap (a batch refused as out of order, or lost), no reordering.
"""

import json
import os
import shutil
import subprocess
import threading
import time

from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from cluster_harness import controlled_cluster
from harness import check, log, main_without_broker, wait_until
from idempotence_util import BOUND_S, IdempotentProducer, check_exactly_once, read_values

HERE = os.path.dirname(os.path.abspath(__file__))
KAFKAJS_DIR = os.path.join(HERE, "kafkajs")
PROPS = {
    "replica.lag.time.max.ms": "3000",
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


def partition_leader(bootstrap, topic):
    state = cu.partition_state(bootstrap, topic)
    return state[0] if state and state[0] >= 0 else None


def full_isr(bootstrap, topic):
    state = cu.partition_state(bootstrap, topic)
    return state if state and state[0] >= 0 and len(state[2]) == 3 else None


def kill_leader_and_restart(cluster, topic, wait_progress, what):
    leader = wait_until(lambda: partition_leader(cluster.bootstrap, topic), 10, f"a leader of {topic}")
    cluster.command(f"kill {leader}")
    wait_until(lambda: partition_leader(cluster.bootstrap, topic) not in (None, leader), BOUND_S,
               f"a new leader of {topic} after killing node {leader}", interval=0.2)
    wait_progress(f"{what} while node {leader} is down")
    cluster.command(f"start {leader}")
    wait_until(lambda: full_isr(cluster.bootstrap, topic), BOUND_S, f"node {leader} back in the ISR of {topic}",
               interval=0.2)
    wait_progress(f"{what} after node {leader} is back")


def librdkafka_phase(cluster, topic):
    # request.timeout.ms below the slow replication's delay, so that the slow phase makes librdkafka retry.
    producer = IdempotentProducer(cluster.bootstrap, topic, **{"request.timeout.ms": 800})
    producer.start()
    try:
        producer.wait_progress(300, "before any fault")
        kill_leader_and_restart(cluster, topic, lambda what: producer.wait_progress(300, what), "librdkafka")
        # Replication slower than request.timeout.ms: produce requests time out after their append and are
        # retried; only the leader's producer state keeps them from being appended again.
        leader = partition_leader(cluster.bootstrap, topic)
        for node in cluster.ports:
            if node != leader:
                cluster.command(f"delay {node} {leader} 1000")
        producer.wait_progress(100, "while replication is slow")
        cluster.command("heal")
        producer.wait_progress(300, "after healing")
    finally:
        producer.stop()
    check(not producer.errors, f"librdkafka: {len(producer.errors)} record(s) failed, first: "
                               f"{producer.errors[:1]}")
    log(f"librdkafka: {producer.sent} sent, {producer.acked_count()} acknowledged")
    check_exactly_once(read_values(cluster.bootstrap, topic), [b"r%08d" % i for i in range(producer.sent)],
                       "librdkafka idempotent producer")


def kafkajs_phase(cluster, topic, count=3000, per_send=20):
    node = shutil.which("node")
    check(node is not None, "node is not on PATH (scripts/install-deps.sh installs nodejs)")
    check(os.path.isdir(os.path.join(KAFKAJS_DIR, "node_modules", "kafkajs")),
          f"kafkajs is not installed in {KAFKAJS_DIR}/node_modules: run `npm ci` there (make deps does)")
    proc = subprocess.Popen([node, os.path.join(KAFKAJS_DIR, "idempotent_produce.js"), cluster.bootstrap, topic,
                             str(count), str(per_send)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acked = [0]
    done = threading.Event()

    def read():
        for line in proc.stdout:
            line = line.strip()
            if line.startswith("{"):
                message = json.loads(line)
                acked[0] = message["acked"]
                if message.get("done"):
                    done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_progress(what, more=200):
        before = acked[0]
        wait_until(lambda: acked[0] >= min(count, before + more) or proc.poll() is not None, BOUND_S,
                   f"kafkajs: {more} more acknowledged {what}", interval=0.1)
        check(proc.poll() is None or done.is_set(), f"kafkajs producer exited early: {proc.stderr.read()[-3000:]}")

    try:
        wait_progress("before any fault")
        kill_leader_and_restart(cluster, topic, wait_progress, "kafkajs")
        status = proc.wait(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    check(status == 0 and done.is_set(), f"kafkajs producer failed (status {status}): {proc.stderr.read()[-3000:]}")
    check_exactly_once(read_values(cluster.bootstrap, topic), [b"j%08d" % i for i in range(count)],
                       "kafkajs idempotent producer")


def test():
    started = time.monotonic()
    with controlled_cluster(3, PROPS) as cluster:
        wait_until(cluster.controller, 15, "an active controller")
        admin = AdminClient({"bootstrap.servers": cluster.bootstrap})
        wait_until(lambda: len(admin.list_topics(timeout=5).brokers) == 3, 15, "three registered brokers")
        topics = ["idempotent-librdkafka", "idempotent-kafkajs"]
        futures = admin.create_topics([NewTopic(t, 1, 3) for t in topics], operation_timeout=15)
        for t in topics:
            futures[t].result(30)
            wait_until(lambda: full_isr(cluster.bootstrap, t), BOUND_S, f"full ISR of {t}", interval=0.2)
        librdkafka_phase(cluster, topics[0])
        kafkajs_phase(cluster, topics[1])
    log(f"whole test {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main_without_broker(test)
