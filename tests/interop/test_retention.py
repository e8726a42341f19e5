#!/usr/bin/python3
"""Retention against a real sluiced (log.retention.check.interval.ms=500): topics created through the admin
API with small segment.bytes / segment.ms and a short retention.ms, or a small retention.bytes; after producing,
the earliest offset (ListOffsets) advances, the old segments' files are gone, the active segment stays, and a
consumer starting below the new log start is reset the Kafka way (auto.offset.reset=earliest)."""

import glob
import os
import time

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from harness import check, check_equal, log, main, wait_until

CHECK_INTERVAL_MS = 500
TIMEOUT = 30


def segment_bases(broker, topic, partition=0):
    files = glob.glob(os.path.join(broker.data_dir, f"{topic}-{partition}", "*.log"))
    return sorted(int(os.path.basename(f)[:-4]) for f in files)


def segment_bytes_on_disk(broker, topic, partition=0):
    return sum(os.path.getsize(f) for f in glob.glob(os.path.join(broker.data_dir, f"{topic}-{partition}", "*.log")))


def watermarks(broker, topic):
    c = cu.consumer(broker.bootstrap)
    try:
        return c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10, cached=False)
    finally:
        c.close()


def produce_batches(broker, topic, count, size=200):
    """`count` records, each its own batch (flushed one by one), so segments can roll between them."""
    prod = cu.producer(broker.bootstrap, **{"linger.ms": 0})
    for i in range(count):
        prod.produce(topic, value=(b"%06d" % i) * (size // 6), key=b"k%d" % i, partition=0)
        prod.flush(10)
    check_equal(prod.flush(30), 0, f"{topic}: records still unacknowledged")


def first_consumed_offset(broker, topic):
    """A consumer asked for offset 0 (now below the log start) resets to the earliest offset."""
    c = Consumer({"bootstrap.servers": broker.bootstrap, "group.id": "retention-check", "enable.auto.commit": False,
                  "auto.offset.reset": "earliest"})
    try:
        c.assign([TopicPartition(topic, 0, 0)])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            m = c.poll(0.5)
            if m is not None and m.error() is None:
                return m.offset()
        return None
    finally:
        c.close()


def create(admin, topic, configs):
    futures = admin.create_topics([NewTopic(topic, 1, 1, config=configs)], request_timeout=TIMEOUT)
    futures[topic].result(timeout=TIMEOUT)


def test(broker):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})

    # --- retention.ms with size-based rolling ---
    topic = "ret-ms"
    create(admin, topic, {"segment.bytes": "2048", "retention.ms": "3000"})
    produce_batches(broker, topic, 60)
    before = segment_bases(broker, topic)
    check(len(before) >= 4, f"{topic}: segment.bytes=2048 should have rolled several segments, got {before}")
    low, high = watermarks(broker, topic)
    check_equal((low, high), (0, 60), f"{topic}: watermarks right after producing")
    low = wait_until(lambda: watermarks(broker, topic)[0] or None, 20, f"{topic}: earliest offset to advance")
    after = segment_bases(broker, topic)
    check(after and after[0] == low, f"{topic}: the first remaining segment should start at the log start {low}: {after}")
    check(all(b not in after for b in before if b < low), f"{topic}: old segment files still there: {before} -> {after}")
    check_equal(watermarks(broker, topic)[1], 60, f"{topic}: high watermark unchanged")
    check(low <= 60, f"{topic}: log start {low} beyond the end")
    first = first_consumed_offset(broker, topic)
    if low < 60:
        # The segments were written over the seconds the produce took, so they expire one after another and
        # the log start may move on while the consumer starts: it resets to the earliest offset of its
        # moment, between the start seen before and the one seen after.
        low_after = watermarks(broker, topic)[0]
        check(first is not None and low <= first <= low_after,
              f"{topic}: a consumer starting at 0 resets to the earliest offset: got {first}, expected one in "
              f"[{low}, {low_after}]")
    log(f"{topic}: {len(before)} segments -> {len(after)}, earliest offset 0 -> {low}")

    # --- retention.ms with time-based rolling (segment.ms) ---
    topic = "ret-segms"
    create(admin, topic, {"segment.ms": "300", "retention.ms": "2500"})
    produce_batches(broker, topic, 5)
    time.sleep(0.5)
    produce_batches(broker, topic, 5)  # the first append after segment.ms rolls a new segment
    bases = segment_bases(broker, topic)
    check(len(bases) >= 2, f"{topic}: segment.ms=300 should have rolled: {bases}")
    # On a slow machine the first burst itself may roll (it takes over 300 ms): then its segments expire one
    # after the other, and the log start passes 0-4 in steps. Wait for all of them, not just the first.
    low = wait_until(lambda: (lambda start: start if start >= 5 else None)(watermarks(broker, topic)[0]), 20,
                     f"{topic}: earliest offset to pass the first burst (offsets 0-4)")
    check(0 not in segment_bases(broker, topic), f"{topic}: segment 0's files still there")
    log(f"{topic}: time-rolled segments {bases}; earliest offset now {low}")

    # --- retention.bytes ---
    topic = "ret-bytes"
    create(admin, topic, {"segment.bytes": "2048", "retention.bytes": "6000", "retention.ms": "-1"})
    produce_batches(broker, topic, 100)
    total_before = segment_bytes_on_disk(broker, topic)
    check(total_before > 12000, f"{topic}: expected well over 12 kB on disk, got {total_before}")
    low = wait_until(lambda: watermarks(broker, topic)[0] or None, 20, f"{topic}: earliest offset to advance")
    # Retention deletes whole segments while the rest stays above retention.bytes: what remains is at most
    # retention.bytes plus the active segment.
    wait_until(lambda: segment_bytes_on_disk(broker, topic) <= 6000 + 2048 + 300, 20,
               f"{topic}: size on disk to drop to retention.bytes plus the active segment")
    after = segment_bases(broker, topic)
    check(after[0] == watermarks(broker, topic)[0], f"{topic}: first segment {after[0]} should start at the log start")
    check_equal(watermarks(broker, topic)[1], 100, f"{topic}: high watermark")
    log(f"{topic}: {total_before} bytes -> {segment_bytes_on_disk(broker, topic)} bytes, earliest offset {low}")


if __name__ == "__main__":
    main(test, extra_args=["--set", f"log.retention.check.interval.ms={CHECK_INTERVAL_MS}"])
