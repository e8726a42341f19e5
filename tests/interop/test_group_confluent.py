#!/usr/bin/python3
"""Consumer groups with python3-confluent-kafka (librdkafka 2.0.2): three consumers in one group on a
6-partition topic get two partitions each; when one closes, the other two take its partitions; with a commit
after processing each record, every produced record is consumed exactly once across the clean rebalance."""

import time

from confluent_kafka import Consumer, KafkaError, TopicPartition

from group_util import FAST_GROUPS, produce_numbered
from harness import check, check_equal, log, main

TOPIC = "group-six"
GROUP = "group-confluent"
PARTITIONS = 6
FIRST = 50   # records per partition before the rebalance
SECOND = 50  # records per partition after it


def consumer(bootstrap, name):
    return Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP, "client.id": name,
                     "enable.auto.commit": False, "auto.offset.reset": "earliest",
                     "session.timeout.ms": 6000, "heartbeat.interval.ms": 500,
                     "partition.assignment.strategy": "range", "topic.metadata.refresh.interval.ms": 2000})


def poll_all(consumers, seen, until, timeout, what):
    """Polls every consumer, committing each record synchronously after 'processing' it."""
    deadline = time.monotonic() + timeout
    while not until():
        check(time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}; consumed {len(seen)}")
        for name, c in consumers.items():
            msg = c.poll(0.05)
            if msg is None:
                continue
            if msg.error():
                check(msg.error().code() == KafkaError._PARTITION_EOF, f"{name}: consumer error {msg.error()}")
                continue
            seen.append((name, msg.partition(), msg.offset(), msg.value()))
            c.commit(message=msg, asynchronous=False)


def assignment(c):
    return sorted(tp.partition for tp in c.assignment())


def test(broker):
    from confluent_kafka.admin import AdminClient, NewTopic
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})
    futures = admin.create_topics([NewTopic(TOPIC, num_partitions=PARTITIONS, replication_factor=1)])
    for f in futures.values():
        f.result(30)
    expected = produce_numbered(broker.bootstrap, TOPIC, PARTITIONS, FIRST, "a")

    consumers = {name: consumer(broker.bootstrap, name) for name in ("c1", "c2", "c3")}
    for c in consumers.values():
        c.subscribe([TOPIC])
    seen = []

    def balanced():
        sizes = [len(assignment(c)) for c in consumers.values()]
        return sizes == [2, 2, 2]

    poll_all(consumers, seen, lambda: balanced() and len(seen) >= len(expected), 60, "3 x 2 partitions and all records")
    owned = {name: assignment(c) for name, c in consumers.items()}
    log(f"assignment with three consumers: {owned}")
    check_equal(sorted(p for ps in owned.values() for p in ps), list(range(PARTITIONS)), "partitions covered once")

    # c3 leaves cleanly (LeaveGroup); c1 and c2 take over its partitions.
    consumers.pop("c3").close()
    more = produce_numbered(broker.bootstrap, TOPIC, PARTITIONS, SECOND, "b")
    expected += more
    poll_all(consumers, seen,
             lambda: sorted(assignment(consumers["c1"]) + assignment(consumers["c2"])) == list(range(PARTITIONS))
             and len(seen) >= len(expected), 60, "two consumers owning all six partitions and every record")
    owned = {name: assignment(c) for name, c in consumers.items()}
    log(f"assignment after c3 left: {owned}")
    check(all(len(ps) == 3 for ps in owned.values()), f"3 + 3 partitions expected, got {owned}")
    # Anything delivered twice would show up now: keep polling a little longer.
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        for name, c in consumers.items():
            msg = c.poll(0.05)
            if msg is not None and not msg.error():
                seen.append((name, msg.partition(), msg.offset(), msg.value()))
    values = [v for _, _, _, v in seen]
    dupes = len(values) - len(set(values))
    check_equal(dupes, 0, "records consumed twice")
    check_equal(sorted(values), sorted(expected), "records consumed")
    log(f"{len(values)} records consumed exactly once across the rebalance")

    committed = consumers["c1"].committed([TopicPartition(TOPIC, p) for p in range(PARTITIONS)], timeout=10)
    check_equal([tp.offset for tp in committed], [FIRST + SECOND] * PARTITIONS, "committed offsets per partition")
    for c in consumers.values():
        c.close()


if __name__ == "__main__":
    main(test, extra_args=FAST_GROUPS)
