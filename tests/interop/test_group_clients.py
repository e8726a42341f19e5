#!/usr/bin/python3
"""Consumer groups with every client: a kafkajs consumer group, a kafka-python KafkaConsumer group and
`kcat -G` each consume a 3-partition topic fully as a group and commit; the committed offsets are the
partitions' end offsets."""

import json
import os
import shutil
import subprocess
import time

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from group_util import FAST_GROUPS, produce_numbered
from harness import check, check_equal, log, main, run

TOPIC = "group-everyone"
PARTITIONS = 3
PER_PARTITION = 40
KAFKAJS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kafkajs")


def committed(bootstrap, group):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        return [tp.offset for tp in c.committed([TopicPartition(TOPIC, p) for p in range(PARTITIONS)], timeout=10)]
    finally:
        c.close()


def kafkajs_group(broker, expected):
    node = shutil.which("node")
    check(node is not None, "node is not on PATH")
    result = run([node, os.path.join(KAFKAJS_DIR, "group_consume.js"), broker.bootstrap, TOPIC, "group-kafkajs",
                  str(len(expected))], timeout=120, what="node group_consume.js")
    out = json.loads(result.stdout.decode().strip().splitlines()[-1])
    check_equal(out["count"], len(expected), "kafkajs: records consumed")
    check_equal(out["distinct"], len(expected), "kafkajs: distinct records")
    check_equal(out["partitions"], list(range(PARTITIONS)), "kafkajs: partitions consumed")
    check_equal([c["offset"] for c in out["committed"]], [PER_PARTITION] * PARTITIONS, "kafkajs: committed offsets")
    log(f"kafkajs consumer group consumed {out['count']} records and committed {out['committed']}")


def kafka_python_group(broker, expected):
    from kafka import KafkaConsumer
    consumer = KafkaConsumer(TOPIC, bootstrap_servers=broker.bootstrap, group_id="group-kafka-python",
                             auto_offset_reset="earliest", enable_auto_commit=False, session_timeout_ms=10000,
                             heartbeat_interval_ms=500, consumer_timeout_ms=1000)
    got = []
    deadline = time.monotonic() + 60
    try:
        while len(got) < len(expected):
            check(time.monotonic() < deadline, f"kafka-python consumed only {len(got)} of {len(expected)}")
            for batch in consumer.poll(timeout_ms=500).values():
                got.extend(m.value for m in batch)
        consumer.commit()
        check_equal(sorted(got), sorted(expected), "kafka-python: records consumed")
        assigned = sorted(tp.partition for tp in consumer.assignment())
        check_equal(assigned, list(range(PARTITIONS)), "kafka-python: assignment")
    finally:
        consumer.close()
    check_equal(committed(broker.bootstrap, "group-kafka-python"), [PER_PARTITION] * PARTITIONS,
                "kafka-python: committed offsets")
    log(f"kafka-python consumer group consumed {len(got)} records")


def kcat_group(broker, expected):
    # kcat -G runs a balanced consumer until killed; read until every record came, then stop it.
    proc = subprocess.Popen(["kcat", "-u", "-b", broker.bootstrap, "-G", "group-kcat", "-o", "beginning",
                             "-X", "session.timeout.ms=6000", "-X", "auto.commit.interval.ms=100",
                             "-f", "%s\\n", TOPIC], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    got = []
    try:
        deadline = time.monotonic() + 60
        while len(got) < len(expected):
            check(time.monotonic() < deadline, f"kcat -G printed only {len(got)} of {len(expected)} records")
            line = proc.stdout.readline()
            if line == b"" and proc.poll() is not None:
                check(False, f"kcat exited early: {proc.stderr.read().decode()[-2000:]}")
            if line:
                got.append(line.rstrip(b"\n"))
        check_equal(sorted(got), sorted(expected), "kcat -G: records consumed")
        # Auto commit runs every 100 ms; wait until it has caught up.
        deadline = time.monotonic() + 15
        while committed(broker.bootstrap, "group-kcat") != [PER_PARTITION] * PARTITIONS:
            check(time.monotonic() < deadline, f"kcat -G committed {committed(broker.bootstrap, 'group-kcat')}")
            time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(10)
    log(f"kcat -G consumed {len(got)} records and committed them")


def test(broker):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    for f in admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)]).values():
        f.result(30)
    expected = produce_numbered(broker.bootstrap, TOPIC, PARTITIONS, PER_PARTITION)
    kafkajs_group(broker, [v.decode() for v in expected])
    kafka_python_group(broker, expected)
    kcat_group(broker, expected)


if __name__ == "__main__":
    main(test, extra_args=FAST_GROUPS)
