"""Helpers over python3-confluent-kafka (1.7.0 on librdkafka 2.0.2) shared by the interop tests."""

import time

from confluent_kafka import OFFSET_BEGINNING, TIMESTAMP_CREATE_TIME, Consumer, KafkaError, Producer, TopicPartition

from harness import TestFailure, check, check_equal, log


def check_topic_listed(bootstrap, topic, partitions=1, timeout=20):
    """The topic is in Metadata with `partitions` partitions, each with a leader."""
    c = consumer(bootstrap)
    try:
        t = c.list_topics(topic=topic, timeout=timeout).topics.get(topic)
    finally:
        c.close()
    check(t is not None and t.error is None, f"list_topics does not show {topic}: {t and t.error}")
    check_equal(len(t.partitions), partitions, f"{topic}: partition count in metadata")
    check(all(p.leader >= 0 for p in t.partitions.values()), f"{topic}: a partition without leader: {t.partitions}")


def producer(bootstrap, **conf):
    base = {"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 20, "message.timeout.ms": 60000,
            "batch.num.messages": 500}
    base.update(conf)
    return Producer(base)


def produce_all(prod, topic, records, partition=0, timeout=90):
    """records: list of dicts {key, value, headers, timestamp}; returns the delivered offsets in order."""
    reports = []

    def on_delivery(err, msg):
        reports.append((err, msg.offset() if err is None else None, msg.key()))

    for r in records:
        while True:
            try:
                prod.produce(topic, value=r["value"], key=r["key"], partition=partition,
                             headers=r.get("headers"), timestamp=r.get("timestamp", 0), on_delivery=on_delivery)
                break
            except BufferError:
                prod.poll(0.1)
        prod.poll(0)
    remaining = prod.flush(timeout)
    check(remaining == 0, f"producer.flush({timeout}) left {remaining} record(s) undelivered")
    check_equal(len(reports), len(records), "number of delivery reports")
    errors = [(i, err) for i, (err, _, _) in enumerate(reports) if err is not None]
    check(not errors, f"{len(errors)} record(s) failed delivery, first: #{errors[0][0] if errors else ''} "
                      f"{errors[0][1] if errors else ''}")
    offsets = [offset for _, offset, _ in reports]
    keys = [key for _, _, key in reports]
    check_equal(keys, [r["key"] for r in records], "delivery report order (keys)")
    return offsets


def consumer(bootstrap, **conf):
    # confluent-kafka 1.7 insists on a group.id even for assign(); nothing is committed.
    base = {"bootstrap.servers": bootstrap, "group.id": "sluice-interop", "enable.auto.commit": False,
            "enable.auto.offset.store": False, "enable.partition.eof": True, "auto.offset.reset": "error"}
    base.update(conf)
    return Consumer(base)


def partition_state(bootstrap, topic, partition=0, **conf):
    """(leader, sorted replicas, sorted ISR) of one partition as the cluster's metadata says, or None while
    the topic or partition is not listed (or listed with an error). conf: more client settings (security)."""
    c = consumer(bootstrap, **conf)
    try:
        t = c.list_topics(topic=topic, timeout=10).topics.get(topic)
    finally:
        c.close()
    if t is None or t.error is not None or partition not in t.partitions:
        return None
    p = t.partitions[partition]
    return p.leader, sorted(p.replicas), sorted(p.isrs)


def consume_range(bootstrap, topic, start_offset, count, partition=0, timeout=60, **conf):
    """Assigns partition at start_offset and reads `count` records (or fails after timeout)."""
    c = consumer(bootstrap, **conf)
    try:
        c.assign([TopicPartition(topic, partition, start_offset)])
        got = []
        errors = []  # transient ones (a broker restarting) are retried by librdkafka: report them on timeout
        deadline = time.monotonic() + timeout
        while len(got) < count:
            if time.monotonic() > deadline:
                start = {OFFSET_BEGINNING: "OFFSET_BEGINNING"}.get(start_offset, start_offset)
                raise TestFailure(f"consumed only {len(got)} of {count} records from {topic}[{partition}] "
                                  f"at {start} within {timeout} s; consumer errors: {errors[-5:]}")
            msg = c.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    continue
                if msg.error().fatal():
                    raise TestFailure(f"fatal consumer error on {topic}[{partition}]: {msg.error()}")
                errors.append(str(msg.error()))
                continue
            got.append(msg)
        return got
    finally:
        c.close()


def check_messages(got, expected, first_offset, what):
    check_equal(len(got), len(expected), f"{what}: number of records")
    for i, (msg, r) in enumerate(zip(got, expected)):
        where = f"{what} record #{i}"
        check_equal(msg.offset(), first_offset + i, f"{where}: offset")
        check_equal(msg.key(), r["key"], f"{where}: key")
        check_equal(msg.value(), r["value"], f"{where}: value")
        check_equal(msg.headers() or [], [(k, v) for k, v in r.get("headers") or []], f"{where}: headers")
        if r.get("timestamp"):
            check_equal(msg.timestamp(), (TIMESTAMP_CREATE_TIME, r["timestamp"]), f"{where}: (timestamp type, timestamp)")


__all__ = ["OFFSET_BEGINNING", "TopicPartition", "check_topic_listed", "producer", "produce_all", "consumer",
           "consume_range", "check_messages", "log"]
