#!/usr/bin/python3
"""Log compaction against a real sluiced (log.cleaner.backoff.ms=300): a topic with cleanup.policy=compact and a
small segment.bytes gets several values per key plus tombstones, in many segments; after the cleaner has run,
a consumer from the beginning sees only the latest value of each key, each at the offset it was produced at,
and the tombstones are gone once delete.retention.ms has passed."""

import time

from confluent_kafka import TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from harness import check, check_equal, log, main, wait_until

TIMEOUT = 30
KEYS = 20
ROUNDS = 5


def produce_one_by_one(broker, topic, records):
    """Each record its own batch, so segments (segment.bytes=1024) roll often; returns key -> offsets written."""
    prod = cu.producer(broker.bootstrap, **{"linger.ms": 0})
    offsets = []

    def on_delivery(err, msg):
        check(err is None, f"delivery failed: {err}")
        offsets.append((msg.key(), msg.value(), msg.offset()))

    for key, value in records:
        prod.produce(topic, key=key, value=value, partition=0, on_delivery=on_delivery)
        prod.flush(10)
    check_equal(prod.flush(30), 0, f"{topic}: records still unacknowledged")
    return offsets


def consume_all(broker, topic, end):
    c = cu.consumer(broker.bootstrap)
    try:
        c.assign([TopicPartition(topic, 0, 0)])
        got = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is None:
                if got and got[-1][2] >= end - 1:
                    break
                continue
            if m.error() is None:
                got.append((m.key(), m.value(), m.offset()))
                if m.offset() >= end - 1:
                    break
        return got
    finally:
        c.close()


def test(broker):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    topic = "compacted"
    futures = admin.create_topics([NewTopic(topic, 1, 1, config={
        "cleanup.policy": "compact", "segment.bytes": "1024", "min.cleanable.dirty.ratio": "0.01",
        "delete.retention.ms": "1500"})], request_timeout=TIMEOUT)
    futures[topic].result(timeout=TIMEOUT)

    records = []
    for r in range(ROUNDS):
        for k in range(KEYS):
            records.append((b"key-%02d" % k, b"value-%02d-round-%d" % (k, r)))
    # Tombstones for the first five keys, then one more round of writes so the tombstones are not in the
    # active segment (the cleaner never touches the active segment).
    records += [(b"key-%02d" % k, None) for k in range(5)]
    records += [(b"filler-%02d" % k, b"x" * 60) for k in range(30)]
    written = produce_one_by_one(broker, topic, records)
    end = len(records)
    check_equal(written[-1][2], end - 1, "last offset")

    latest = {}
    for key, value, offset in written:
        latest[key] = (value, offset)
    expected_live = sorted((off, key, val) for key, (val, off) in latest.items() if val is not None)

    def compacted():
        got = consume_all(broker, topic, end)
        keys = [k for k, _, _ in got]
        return got if len(keys) == len(set(keys)) and len(got) < end else None

    got = wait_until(compacted, 30, "the cleaner to remove superseded values")
    seen = {key: (value, offset) for key, value, offset in got}
    for key, (value, offset) in latest.items():
        if value is None:
            continue
        check(key in seen, f"latest value of {key!r} missing after compaction")
        check_equal(seen[key], (value, offset), f"{key!r}: value and offset after compaction")
    check(all(o == latest[k][1] for k, _, o in got), "every surviving record is the latest of its key")
    offsets = [o for _, _, o in got]
    check_equal(offsets, sorted(offsets), "offsets stay in order")
    log(f"{topic}: {end} records produced, {len(got)} left after compaction, offsets kept")

    # Tombstones disappear after delete.retention.ms, in a later cleaner pass; as in Kafka a pass needs new
    # dirty data, so more records arrive once the tombstones have aged.
    time.sleep(1.6)
    more = produce_one_by_one(broker, topic, [(b"late-%02d" % k, b"y" * 60) for k in range(30)])
    for key, value, offset in more:
        expected_live.append((offset, key, value))
    expected_live.sort()
    end = more[-1][2] + 1

    def tombstones_gone():
        got = consume_all(broker, topic, end)
        return got if all(v is not None for _, v, _ in got) and len(got) == len(expected_live) else None

    got = wait_until(tombstones_gone, 30, "tombstones to be removed after delete.retention.ms")
    check_equal(sorted((o, k, v) for k, v, o in got), expected_live, "live records after tombstone removal")
    log(f"{topic}: tombstones removed; {len(got)} live keys remain at their original offsets")


if __name__ == "__main__":
    main(test, extra_args=["--set", "log.cleaner.backoff.ms=300"])
