#!/usr/bin/python3
"""Durability across restarts (topics auto-created by the first produce): records acknowledged with acks=all are all there, in order, after sluiced is
stopped with SIGTERM and restarted on the same data dir, and after it is killed with SIGKILL (no chance to
flush or close anything) and restarted. New produces after recovery continue at the next offset."""

import signal

from confluent_kafka import OFFSET_BEGINNING, TopicPartition

import confluent_util as cu
from harness import check_equal, log, main

TOPIC = "restart-durability"
TOPIC2 = "restart-second"


def make_records(start, count, tag):
    return [{"key": f"{tag}-{i:05d}".encode(),
             "value": (f"{tag} record {i} " * (1 + i % 7)).encode() + bytes([i % 256]),
             "headers": [("phase", tag.encode())]} for i in range(start, start + count)]


def produce(bootstrap, topic, records, first_offset):
    prod = cu.producer(bootstrap, acks="all")
    offsets = cu.produce_all(prod, topic, records)
    check_equal(offsets, list(range(first_offset, first_offset + len(records))), f"{topic}: acked offsets")


def check_all(bootstrap, topic, records):
    got = cu.consume_range(bootstrap, topic, OFFSET_BEGINNING, len(records))
    cu.check_messages(got, records, 0, f"{topic} after restart")
    c = cu.consumer(bootstrap)
    try:
        check_equal(c.get_watermark_offsets(TopicPartition(topic, 0), timeout=20, cached=False),
                    (0, len(records)), f"{topic}: watermarks (low, high) after restart")
    finally:
        c.close()


def test(broker):
    bootstrap = broker.bootstrap
    records = make_records(0, 4000, "before-term")
    produce(bootstrap, TOPIC, records, 0)
    produce(bootstrap, TOPIC2, make_records(0, 10, "second"), 0)
    log(f"produced {len(records)} records with acks=all; SIGTERM")

    broker.terminate_gracefully()
    broker.start()
    check_all(bootstrap, TOPIC, records)
    check_all(bootstrap, TOPIC2, make_records(0, 10, "second"))
    log("all records there after SIGTERM + restart")

    more = make_records(len(records), 3000, "before-kill")
    produce(bootstrap, TOPIC, more, len(records))
    records += more
    log(f"produced {len(more)} more; SIGKILL")

    broker.restart(signal.SIGKILL)
    check_all(bootstrap, TOPIC, records)
    log("all acknowledged records there after SIGKILL + restart")

    after = make_records(len(records), 500, "after-kill")
    produce(bootstrap, TOPIC, after, len(records))
    records += after
    check_all(bootstrap, TOPIC, records)
    log("produce after recovery continues at the next offset")

    # A second clean restart after recovery: nothing lost, nothing duplicated.
    broker.terminate_gracefully()
    broker.start()
    check_all(bootstrap, TOPIC, records)


if __name__ == "__main__":
    main(test)
