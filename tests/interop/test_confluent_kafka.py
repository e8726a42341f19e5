#!/usr/bin/python3
"""python3-confluent-kafka (librdkafka 2.0.2) against sluiced: acks=all produce with explicit timestamps to an
auto-created topic, assign-and-read from the beginning, offsets_for_times (ListOffsets by timestamp), watermarks.

(The topic is auto-created by the produce, as auto.create.topics.enable allows; creating it with
AdminClient.create_topics waits for sluiced to implement CreateTopics.)"""

import time

from confluent_kafka import OFFSET_BEGINNING, OFFSET_END, TopicPartition

import confluent_util as cu
from harness import check, check_equal, log, main

TOPIC = "confluent-timestamps"
N = 3000
STEP_MS = 10  # record i has timestamp BASE + i * STEP_MS


def make_records(base_ms):
    records = []
    for i in range(N):
        value = (f"confluent value {i} " * (1 + i % 9)).encode() if i % 3 else bytes([i % 256]) * (i % 500 + 1)
        # No null header values: confluent-kafka 1.7.0 over-releases Py_None for them when consuming and the
        # interpreter then aborts at exit ("none_dealloc").
        headers = [("idx", str(i).encode()), ("bin", b"\x00\x01\xfe\xff")]
        if i % 10 == 0:
            headers.append(("empty", b""))
        records.append({"key": f"ck-{i:05d}".encode(), "value": value, "headers": headers,
                        "timestamp": base_ms + i * STEP_MS})
    return records


def offset_for_time(c, ts, timeout=20):
    result = c.offsets_for_times([TopicPartition(TOPIC, 0, ts)], timeout=timeout)
    check_equal(len(result), 1, f"offsets_for_times({ts}) result count")
    check(result[0].error is None, f"offsets_for_times({ts}) error: {result[0].error}")
    return result[0].offset


def test(broker):
    bootstrap = broker.bootstrap
    base_ms = int(time.time() * 1000) - 3_600_000  # an hour ago, spread over N * STEP_MS ms
    records = make_records(base_ms)
    prod = cu.producer(bootstrap, acks="all")
    offsets = cu.produce_all(prod, TOPIC, records)
    check_equal(offsets, list(range(N)), "offsets in the delivery reports")
    log(f"produced {N} records with acks=all")

    got = cu.consume_range(bootstrap, TOPIC, OFFSET_BEGINNING, N)
    cu.check_messages(got, records, 0, f"{TOPIC} from the beginning")
    log(f"consumed {N} records from OFFSET_BEGINNING")

    c = cu.consumer(bootstrap)
    try:
        low, high = c.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=20, cached=False)
        check_equal((low, high), (0, N), "get_watermark_offsets (low, high)")

        middle = N // 2 + 17
        exact = offset_for_time(c, base_ms + middle * STEP_MS)
        check_equal(exact, middle, "offsets_for_times(timestamp of record #middle)")
        between = offset_for_time(c, base_ms + middle * STEP_MS - STEP_MS // 2)
        check_equal(between, middle, "offsets_for_times(just before record #middle's timestamp)")
        first = offset_for_time(c, base_ms - 60_000)
        check_equal(first, 0, "offsets_for_times(before every record)")
        after_last = offset_for_time(c, base_ms + N * STEP_MS + 60_000)
        check(after_last in (OFFSET_END, N),
              f"offsets_for_times(after the last record): expected -1 (no such record) or {N}, got {after_last}")
    finally:
        c.close()

    from_middle = cu.consume_range(bootstrap, TOPIC, exact, 5)
    cu.check_messages(from_middle, records[middle:middle + 5], middle, f"{TOPIC} from offsets_for_times' offset")
    log(f"offsets_for_times -> {exact}; reading from there starts at record #{middle}")

    cu.check_topic_listed(bootstrap, TOPIC, partitions=1)


if __name__ == "__main__":
    main(test)
