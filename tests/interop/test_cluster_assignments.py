#!/usr/bin/python3
"""Explicit replica assignments from real admin clients on a three-process cluster: confluent-kafka 1.7
(librdkafka) create_partitions with replica_assignment and kafka-python's NewPartitions(new_assignments),
both read back through Metadata; an unknown broker is refused with INVALID_REPLICA_ASSIGNMENT."""

from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient, NewPartitions, NewTopic
from kafka import KafkaAdminClient
from kafka.admin import NewPartitions as KpNewPartitions
from kafka.errors import InvalidReplicationAssignmentError

import confluent_util as cu
from cluster_harness import bootstrap_of, kraft_cluster
from harness import check, check_equal, log, main_without_broker, wait_until

TIMEOUT = 20
PROPS = {"broker.session.timeout.ms": "3000", "broker.heartbeat.interval.ms": "500"}


def replicas_of(bootstrap, topic):
    c = cu.consumer(bootstrap)
    try:
        t = c.list_topics(topic=topic, timeout=10).topics.get(topic)
    finally:
        c.close()
    if t is None or t.error is not None:
        return None
    return {i: list(p.replicas) for i, p in t.partitions.items()}


def test():
    with kraft_cluster(3, PROPS) as nodes:
        boot = bootstrap_of(nodes)
        admin = AdminClient({"bootstrap.servers": boot})
        wait_until(lambda: len(admin.list_topics(timeout=5).brokers) == 3, 30, "three brokers listed")
        created = admin.create_topics([NewTopic("placed", num_partitions=1, replica_assignment=[[3, 1]])],
                                      request_timeout=TIMEOUT)
        created["placed"].result(timeout=TIMEOUT)
        wait_until(lambda: replicas_of(boot, "placed") == {0: [3, 1]}, 20, "placed-0 on [3, 1]")

        log("confluent-kafka: create_partitions with replica_assignment")
        added = admin.create_partitions([NewPartitions("placed", 2, replica_assignment=[[2, 3]])],
                                        request_timeout=TIMEOUT)
        added["placed"].result(timeout=TIMEOUT)
        wait_until(lambda: replicas_of(boot, "placed") == {0: [3, 1], 1: [2, 3]}, 20, "placed-1 on [2, 3]")
        bad = admin.create_partitions([NewPartitions("placed", 3, replica_assignment=[[9, 1]])],
                                      request_timeout=TIMEOUT)
        try:
            bad["placed"].result(timeout=TIMEOUT)
            check(False, "an unknown broker must be refused")
        except KafkaException as e:
            check_equal(e.args[0].code(), 39, "error of an assignment to broker 9")

        log("kafka-python: NewPartitions(new_assignments)")
        kp = KafkaAdminClient(bootstrap_servers=boot, request_timeout_ms=TIMEOUT * 1000)
        try:
            kp.create_partitions({"placed": KpNewPartitions(3, new_assignments=[[1, 2]])})
            wait_until(lambda: (replicas_of(boot, "placed") or {}).get(2) == [1, 2], 20, "placed-2 on [1, 2]")
            try:
                kp.create_partitions({"placed": KpNewPartitions(4, new_assignments=[[1, 1]])})
                check(False, "a duplicate broker must be refused")
            except InvalidReplicationAssignmentError:
                pass
        finally:
            kp.close()


if __name__ == "__main__":
    main_without_broker(test)
