#!/usr/bin/python3
"""python3-kafka (kafka-python 2.0.2) against sluiced: KafkaProducer with acks='all', 1 (gzip) and 0 to
auto-created topics, KafkaConsumer with assign + seek_to_beginning, offsets_for_times and end offsets.
(KafkaAdminClient.create_topics waits for sluiced to implement CreateTopics.)

No api_version is passed: kafka-python must infer the broker version from ApiVersions v0 (pipelined with
Metadata v0), exactly as it does against Apache Kafka."""

import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from harness import TestFailure, check, check_equal, log, main

N = 1000
STEP_MS = 10
VARIANTS = [  # (topic, acks, compression)
    ("kp-acks-all", "all", None),
    ("kp-acks-1-gzip", 1, "gzip"),
    ("kp-acks-0", 0, None),
]


def make_records(topic, base_ms):
    return [{"key": f"{topic}-k{i:04d}".encode(),
             "value": (f"kafka-python {i} " * (1 + i % 13)).encode() + bytes([i % 256, 0, 255]),
             "headers": [("idx", str(i).encode()), ("empty", b"")],
             "timestamp": base_ms + i * STEP_MS} for i in range(N)]


def produce(bootstrap, topic, acks, compression, records):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks=acks, compression_type=compression,
                             linger_ms=10, request_timeout_ms=30000, max_block_ms=30000)
    try:
        futures = [producer.send(topic, key=r["key"], value=r["value"], headers=r["headers"], partition=0,
                                 timestamp_ms=r["timestamp"]) for r in records]
        producer.flush(timeout=60)
        metas = []
        for i, f in enumerate(futures):
            try:
                metas.append(f.get(timeout=30))
            except Exception as e:
                raise TestFailure(f"{topic} (acks={acks}): send of record #{i} failed: {e!r}")
    finally:
        producer.close(timeout=10)
    if acks != 0:  # acks=0 has no response, so no offsets
        check_equal([m.offset for m in metas], list(range(len(records))), f"{topic} (acks={acks}): offsets")
    return metas


def consume_all(consumer, tp, count, timeout=60):
    consumer.assign([tp])
    consumer.seek_to_beginning(tp)
    got = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=500).values():
            got.extend(batch)
    check(len(got) >= count, f"{tp.topic}: consumed only {len(got)} of {count} records within {timeout} s")
    return got


def check_records(got, records, topic):
    check_equal(len(got), len(records), f"{topic}: number of records")
    for i, (msg, r) in enumerate(zip(got, records)):
        where = f"{topic} record #{i}"
        check_equal(msg.offset, i, f"{where}: offset")
        check_equal(msg.key, r["key"], f"{where}: key")
        check_equal(msg.value, r["value"], f"{where}: value")
        check_equal(list(msg.headers), r["headers"], f"{where}: headers")
        check_equal(msg.timestamp, r["timestamp"], f"{where}: timestamp")
        check_equal(msg.timestamp_type, 0, f"{where}: timestamp type (0 = CreateTime)")


def test(broker):
    bootstrap = broker.bootstrap
    base_ms = int(time.time() * 1000) - 600_000
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             auto_offset_reset="earliest", request_timeout_ms=30000)
    try:
        for topic, acks, compression in VARIANTS:
            records = make_records(topic, base_ms)
            produce(bootstrap, topic, acks, compression, records)
            log(f"{topic}: produced {N} records (acks={acks}, compression={compression})")
            broker.check_alive(f"after producing to {topic}")

            tp = TopicPartition(topic, 0)
            got = consume_all(consumer, tp, N)
            check_records(got, records, topic)
            log(f"{topic}: consumed and checked {N} records")

            check_equal(consumer.beginning_offsets([tp]), {tp: 0}, f"{topic}: beginning_offsets")
            check_equal(consumer.end_offsets([tp]), {tp: N}, f"{topic}: end_offsets")

            middle = N // 2 + 3
            found = consumer.offsets_for_times({tp: base_ms + middle * STEP_MS})
            check(found.get(tp) is not None, f"{topic}: offsets_for_times found nothing: {found}")
            check_equal((found[tp].offset, found[tp].timestamp), (middle, base_ms + middle * STEP_MS),
                        f"{topic}: offsets_for_times (offset, timestamp) for record #{middle}")
            beyond = consumer.offsets_for_times({tp: base_ms + N * STEP_MS + 60_000})
            check(beyond.get(tp) is None, f"{topic}: offsets_for_times after the last record should be None, "
                                          f"got {beyond}")

            consumer.seek(tp, found[tp].offset)
            first = None
            deadline = time.monotonic() + 30
            while first is None and time.monotonic() < deadline:
                for batch in consumer.poll(timeout_ms=500, max_records=1).values():
                    first = first or batch[0]
            check(first is not None, f"{topic}: nothing read after seek({middle})")
            check_equal((first.offset, first.key), (middle, records[middle]["key"]),
                        f"{topic}: first record after seeking to offsets_for_times' offset")
    finally:
        consumer.close()


if __name__ == "__main__":
    main(test)
