"""Helpers for the consumer-group interop tests: sluiced arguments that keep rebalances fast, and producing
numbered records to every partition of a topic with python3-confluent-kafka."""

from confluent_kafka import Producer

from harness import check, check_equal

# Small delays so a test's rebalances take well under a second on the broker side.
FAST_GROUPS = ["--set", "group.initial.rebalance.delay.ms=100", "--set", "offsets.topic.num.partitions=4",
               "--set", "group.min.session.timeout.ms=1000"]


def produce_numbered(bootstrap, topic, partitions, per_partition, prefix="r"):
    """Produces per_partition records to each partition; values are b"<prefix>-<partition>-<i>". Returns them."""
    prod = Producer({"bootstrap.servers": bootstrap, "acks": "all", "linger.ms": 5})
    failures = []
    values = []
    for p in range(partitions):
        for i in range(per_partition):
            value = f"{prefix}-{p}-{i}".encode()
            values.append(value)
            prod.produce(topic, value=value, key=str(i).encode(), partition=p,
                         on_delivery=lambda err, msg: failures.append(err) if err else None)
        prod.poll(0)
    check_equal(prod.flush(60), 0, "records left unflushed")
    check(not failures, f"delivery failures: {failures[:3]}")
    return values
