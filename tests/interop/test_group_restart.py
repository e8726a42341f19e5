#!/usr/bin/python3
"""Committed offsets and lag through a sluiced restart, with python3-confluent-kafka consumers in a group:
produce N per partition, consume and commit M; the engine's lag (sluice_group_tool, i.e. engine/client's
group_client) says N-M per partition; sluiced restarts; the committed offsets are still there, and a restarted
consumer resumes exactly at them and reads the rest."""

import json
import os
import time

from confluent_kafka import Consumer, KafkaError, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from group_util import FAST_GROUPS, produce_numbered
from harness import TestFailure, check, check_equal, log, main, run

TOPIC = "group-restart"
GROUP = "group-resume"
PARTITIONS = 2
N = 30  # per partition
M = 12  # consumed and committed per partition before the restart


def group_tool():
    path = os.environ.get("GROUP_TOOL")
    if not path:
        import glob
        candidates = glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "build*", "tests", "group",
                                            "sluice_group_tool"))
        check(candidates, "no sluice_group_tool: set $GROUP_TOOL or build the target")
        path = max(candidates, key=os.path.getmtime)
    return path


def engine_lag(bootstrap):
    out = run([group_tool(), bootstrap, "lag", GROUP], timeout=30, what="sluice_group_tool lag")
    return json.loads(out.stdout.decode())


def consumer(bootstrap):
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP, "enable.auto.commit": False,
                  "auto.offset.reset": "earliest", "session.timeout.ms": 6000, "heartbeat.interval.ms": 500})
    c.subscribe([TOPIC])
    return c


def consume(c, per_partition_limit, timeout=60):
    """Consumes until each partition gave `per_partition_limit` records, committing each record after it."""
    got = {p: [] for p in range(PARTITIONS)}
    deadline = time.monotonic() + timeout
    paused = set()
    while any(len(v) < per_partition_limit for v in got.values()):
        if time.monotonic() > deadline:
            raise TestFailure(f"consumed only {[len(v) for v in got.values()]} within {timeout} s")
        msg = c.poll(0.1)
        if msg is None:
            continue
        if msg.error():
            check(msg.error().code() == KafkaError._PARTITION_EOF, f"consumer error {msg.error()}")
            continue
        p = msg.partition()
        if len(got[p]) >= per_partition_limit:
            # Past the limit for this partition: rewind and pause it so nothing beyond M is committed.
            if p not in paused:
                c.pause([TopicPartition(TOPIC, p)])
                c.seek(TopicPartition(TOPIC, p, msg.offset()))
                paused.add(p)
            continue
        got[p].append((msg.offset(), msg.value()))
        c.commit(message=msg, asynchronous=False)
    return got


def test(broker):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    for f in admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)]).values():
        f.result(30)
    produce_numbered(broker.bootstrap, TOPIC, PARTITIONS, N)

    c = consumer(broker.bootstrap)
    got = consume(c, M)
    for p in range(PARTITIONS):
        check_equal([o for o, _ in got[p]], list(range(M)), f"partition {p}: offsets consumed first")
    c.close()

    lag = engine_lag(broker.bootstrap)
    log(f"engine lag before the restart: {lag}")
    check_equal([(x["partition"], x["committed"], x["end"], x["lag"]) for x in lag["partitions"]],
                [(p, M, N, N - M) for p in range(PARTITIONS)], "engine lag per partition (partition, committed, end, lag)")
    check_equal(lag["total"], PARTITIONS * (N - M), "engine total lag")
    check_equal(lag["topics"], {TOPIC: PARTITIONS * (N - M)}, "engine lag per topic")

    broker.restart()

    probe = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": GROUP, "enable.auto.commit": False})
    try:
        offsets = probe.committed([TopicPartition(TOPIC, p) for p in range(PARTITIONS)], timeout=15)
    finally:
        probe.close()
    check_equal([tp.offset for tp in offsets], [M] * PARTITIONS, "committed offsets after the restart")
    check_equal(engine_lag(broker.bootstrap)["total"], PARTITIONS * (N - M), "engine total lag after the restart")

    c = consumer(broker.bootstrap)
    rest = consume(c, N - M)
    c.close()
    for p in range(PARTITIONS):
        check_equal([o for o, _ in rest[p]], list(range(M, N)), f"partition {p}: offsets consumed after the restart")
        check_equal(rest[p][0][1], f"r-{p}-{M}".encode(), f"partition {p}: first record after the restart")
    check_equal(engine_lag(broker.bootstrap)["total"], 0, "engine total lag at the end")
    log(f"resumed at offset {M} on every partition after the restart; lag is 0")


if __name__ == "__main__":
    main(test, extra_args=FAST_GROUPS)
