"""kcat, kafka-python and kafkajs against a three-process cluster, through a leader change; then two of the
three nodes down: acks=all acknowledges nothing and, once the followers lag, fails with NOT_ENOUGH_REPLICAS.

Three `sluiced --config` processes (cluster_harness). Topics are created with replication factor 3 and
min.insync.replicas=2 (auto-created ones too: default.replication.factor=3).
"""

import json
import os
import shutil
import signal
import time

from confluent_kafka import KafkaError
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

import confluent_util as cu
import kcat_client as kcat
from cluster_harness import bootstrap_of, kraft_cluster
from harness import TestFailure, check, check_equal, log, main_without_broker, run, wait_until

PROPS = {"replica.lag.time.max.ms": "3000", "num.partitions": "1", "default.replication.factor": "3",
         "min.insync.replicas": "2", "broker.session.timeout.ms": "3000", "broker.heartbeat.interval.ms": "500"}
KAFKAJS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kafkajs")


def fully_replicated(bootstrap, topic):
    s = cu.partition_state(bootstrap, topic)
    return s if s and s[0] >= 0 and len(s[1]) == 3 and len(s[2]) == 3 else None


def kcat_brokers(bootstrap):
    out = run(["kcat", "-b", bootstrap, "-L"], timeout=30, what="kcat -L").stdout.decode()
    return sum(1 for line in out.splitlines() if line.strip().startswith("broker "))


def kafka_python_produce(bootstrap, topic, start, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", retries=20, retry_backoff_ms=300,
                             request_timeout_ms=10000, max_block_ms=30000, metadata_max_age_ms=1000)
    try:
        futures = [producer.send(topic, key=b"k%06d" % i, value=b"kafka-python %d" % i, partition=0)
                   for i in range(start, start + count)]
        producer.flush(timeout=60)
        for i, f in enumerate(futures):
            f.get(timeout=30)  # raises if not acknowledged
    finally:
        producer.close(timeout=10)


def kafka_python_consume(bootstrap, topic, count):
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=20000)
    try:
        tp = TopicPartition(topic, 0)
        consumer.assign([tp])
        consumer.seek_to_beginning(tp)
        got = []
        deadline = time.monotonic() + 60
        while len(got) < count and time.monotonic() < deadline:
            for msgs in consumer.poll(timeout_ms=1000).values():
                got.extend(msgs)
        return got
    finally:
        consumer.close()


def test():
    with kraft_cluster(3, PROPS) as nodes:
        boot = bootstrap_of(nodes)
        wait_until(lambda: kcat_brokers(nodes[0].bootstrap) == 3, 30, "kcat -L to list 3 brokers")
        log("kcat -L lists 3 brokers")

        # kcat produces to an auto-created, replicated topic; kafka-python reads it back.
        topic = "clients"
        kcat.produce(boot, topic, [(b"k%06d" % i, b"kcat %d" % i) for i in range(200)])
        state = wait_until(lambda: fully_replicated(boot, topic), 30, f"{topic} to be replicated 3 ways")
        log(f"{topic}: auto-created with replicas {state[1]}, leader {state[0]}")
        got = kafka_python_consume(boot, topic, 200)
        check_equal([m.key for m in got], [b"k%06d" % i for i in range(200)], "kafka-python reads kcat's records")

        # kafkajs (2.2.4) produces and reads offsets on another replicated topic (one seed: it finds the rest).
        node = shutil.which("node")
        check(node is not None, "node is not on PATH (scripts/install-deps.sh installs nodejs)")
        base_ms = int(time.time() * 1000) - 600_000
        result = run([node, os.path.join(KAFKAJS_DIR, "produce_consume.js"), nodes[1].bootstrap, "clients-js", "300", str(base_ms)],
                     timeout=150, what="node produce_consume.js")
        summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
        check(summary.get("ok"), f"kafkajs did not report success against the cluster: {summary}")
        check_equal(len(kcat.consume(boot, "clients-js")), 300, "kafkajs records read back with kcat")
        log("kafkajs produced 300 records to the cluster; kcat read them back")

        # The leader dies; kafka-python's acks=all producer goes on through the leader change.
        leader = state[0]
        dead = next(n for n in nodes if n.node_id == leader)
        dead.stop(signal.SIGKILL)
        log(f"killed the leader of {topic}, node {leader}")
        kafka_python_produce(bootstrap_of(nodes), topic, 200, 200)
        after = cu.partition_state(bootstrap_of(nodes), topic)
        check(after is not None and after[0] not in (-1, leader), f"a new leader should lead {topic}: {after}")
        got = kcat.consume(bootstrap_of(nodes), topic)
        check_equal([r["key"] for r in got], [b"k%06d" % i for i in range(400)],
                    "kcat reads all 400 acknowledged records in order after the leader change")
        log(f"kafka-python's 200 records acknowledged by the new leader {after[0]}; kcat reads all 400")
        dead.start()
        wait_until(lambda: fully_replicated(bootstrap_of(nodes), topic), 60, f"node {leader} to rejoin the ISR")

        # Two of three down: no acks=all record may be acknowledged.
        survivor_id = cu.partition_state(bootstrap_of(nodes), topic)[0]
        for n in nodes:
            if n.node_id != survivor_id:
                n.stop(signal.SIGKILL)
        log(f"killed two nodes; only node {survivor_id} (the leader) is up")
        # No retries, so each delivery report carries the broker's own answer. The first request is
        # appended (the followers were in sync when it came) and can only fail once they lag past
        # replica.lag.time.max.ms; after that the leader refuses acks=all before appending.
        prod = cu.producer(bootstrap_of(nodes), **{"message.timeout.ms": 20000, "request.timeout.ms": 5000,
                                                   "message.send.max.retries": 0})

        def produce_round(tag):
            reports = []
            for i in range(20):
                prod.produce(topic, key=b"lost-%s-%d" % (tag, i), value=b"x", partition=0,
                             on_delivery=lambda err, msg: reports.append(err))
            prod.flush(30)
            check_equal(len(reports), 20, f"delivery reports of round {tag!r} with two nodes down")
            acknowledged = [e for e in reports if e is None]
            check(not acknowledged, f"{len(acknowledged)} record(s) acknowledged with two of three replicas down")
            return {e.name() for e in reports}, {e.code() for e in reports}

        names, codes = produce_round(b"appended")
        log(f"two of three nodes down, the first acks=all request failed with {sorted(names)}")
        check(codes <= {KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.NOT_ENOUGH_REPLICAS_AFTER_APPEND,
                        KafkaError.REQUEST_TIMED_OUT}, f"unexpected errors: {sorted(names)}")
        names, codes = produce_round(b"refused")
        log(f"then every acks=all record failed with {sorted(names)}")
        check_equal(codes, {KafkaError.NOT_ENOUGH_REPLICAS},
                    "the leader must refuse acks=all with NOT_ENOUGH_REPLICAS once its followers are gone")

if __name__ == "__main__":
    main_without_broker(test)
