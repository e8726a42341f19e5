#!/usr/bin/python3
"""confluent-kafka's AdminClient (librdkafka 2.0.2: CreateTopics v4, DeleteTopics v1, CreatePartitions v0,
DescribeConfigs v1, AlterConfigs v0) against sluiced: create topics (with configs, validate_only, and every
kind of bad request with Kafka's error code), describe topic and broker configs with sources and synonyms,
alter configs, add partitions, delete topics — each checked by reading back. message.timestamp.type=
LogAppendTime is checked through a real produce/consume. (python3-confluent-kafka 1.7.0 has neither
incremental_alter_configs nor delete_records: those are covered by test_admin_kafkajs and tests/admin.)"""

import time

from confluent_kafka import KafkaError, KafkaException, TIMESTAMP_LOG_APPEND_TIME
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource, NewPartitions, NewTopic

import confluent_util as cu
from harness import TestFailure, check, check_equal, log, main

TIMEOUT = 30


def results(futures):
    """{name: None on success, else the KafkaError}"""
    out = {}
    for name, f in futures.items():
        try:
            f.result(timeout=TIMEOUT)
            out[name] = None
        except KafkaException as e:
            out[name] = e.args[0]
    return out


def describe(admin, kind, name):
    resource = ConfigResource(kind, name)
    return admin.describe_configs([resource], request_timeout=TIMEOUT)[resource].result(timeout=TIMEOUT)


def topics(admin):
    return admin.list_topics(timeout=TIMEOUT).topics


def test(broker):
    admin = AdminClient({"bootstrap.servers": broker.bootstrap})

    # --- create, with configs; validate_only creates nothing ---
    got = results(admin.create_topics([NewTopic("adm-a", 3, 1, config={"retention.ms": "3600000",
                                                                        "cleanup.policy": "compact,delete"}),
                                       NewTopic("adm-b", 1, 1)], request_timeout=TIMEOUT))
    check_equal(got, {"adm-a": None, "adm-b": None}, "create_topics results")
    md = topics(admin)
    check("adm-a" in md and len(md["adm-a"].partitions) == 3, f"adm-a with 3 partitions in metadata: {md.get('adm-a')}")
    got = results(admin.create_topics([NewTopic("adm-dry", 2, 1)], validate_only=True, request_timeout=TIMEOUT))
    check_equal(got, {"adm-dry": None}, "validate_only create")
    check("adm-dry" not in topics(admin), "validate_only must not create the topic")
    log("created adm-a (3 partitions, configs) and adm-b; validate_only created nothing")

    # --- bad requests: Kafka's error codes ---
    cases = [
        (NewTopic("bad/name", 1, 1), KafkaError.TOPIC_EXCEPTION),
        (NewTopic("adm-b", 1, 1), KafkaError.TOPIC_ALREADY_EXISTS),
        (NewTopic("adm-rf", 1, 3), KafkaError.INVALID_REPLICATION_FACTOR),
        (NewTopic("adm-cfg", 1, 1, config={"retention.ms": "forever"}), KafkaError.INVALID_CONFIG),
        (NewTopic("adm-cfg2", 1, 1, config={"cleanup.policy": "shred"}), KafkaError.INVALID_CONFIG),
        (NewTopic("adm-cfg3", 1, 1, config={"no.such.config": "1"}), KafkaError.INVALID_CONFIG),
        (NewTopic("adm-asg", 2, replica_assignment=[[1], [5]]), KafkaError.INVALID_REPLICA_ASSIGNMENT),
    ]
    for new_topic, expected in cases:
        err = results(admin.create_topics([new_topic], request_timeout=TIMEOUT))[new_topic.topic]
        check(err is not None and err.code() == expected,
              f"create {new_topic.topic}: expected {KafkaError(expected).name()}, got {err}")
        if expected == KafkaError.INVALID_CONFIG:
            key = next(iter(new_topic.config))
            check(key in err.str(), f"INVALID_CONFIG message should name {key}: {err.str()}")
        if expected == KafkaError.INVALID_REPLICATION_FACTOR:
            check_equal(err.str(), "Replication factor: 3 larger than available brokers: 1.", "replication error message")
    # librdkafka itself refuses num_partitions=0 before sending; the broker's INVALID_PARTITIONS is in tests/admin.
    err = results(admin.create_topics([NewTopic("adm-asg-ok", 2, replica_assignment=[[1], [1]])],
                                      request_timeout=TIMEOUT))["adm-asg-ok"]
    check(err is None, f"explicit assignment to broker 1: {err}")
    check_equal(len(topics(admin)["adm-asg-ok"].partitions), 2, "partitions of adm-asg-ok")
    for name in ("bad/name", "adm-rf", "adm-cfg", "adm-cfg2", "adm-cfg3", "adm-asg"):
        check(name not in topics(admin), f"{name} must not exist after a failed create")
    log("bad requests answered with INVALID_TOPIC_EXCEPTION/TOPIC_ALREADY_EXISTS/INVALID_REPLICATION_FACTOR/"
        "INVALID_CONFIG/INVALID_REPLICA_ASSIGNMENT")

    # --- describe configs: values, sources, synonyms ---
    cfg = describe(admin, "topic", "adm-a")
    check_equal(cfg["retention.ms"].value, "3600000", "adm-a retention.ms")
    check_equal(cfg["retention.ms"].source, ConfigSource.DYNAMIC_TOPIC_CONFIG.value, "adm-a retention.ms source")
    synonyms = [(s.name, s.value, s.source) for s in cfg["retention.ms"].synonyms.values()]
    check(("log.retention.hours", "168", ConfigSource.DEFAULT_CONFIG.value) in synonyms,
          f"retention.ms synonyms should include log.retention.hours=168 (default): {synonyms}")
    check_equal(cfg["cleanup.policy"].value, "compact,delete", "adm-a cleanup.policy")
    check_equal(cfg["segment.bytes"].value, "1073741824", "adm-a segment.bytes")
    check(cfg["segment.bytes"].is_default, "segment.bytes is a default")
    for key in ("retention.bytes", "segment.ms", "delete.retention.ms", "min.compaction.lag.ms", "min.insync.replicas",
                "max.message.bytes", "message.timestamp.type", "compression.type", "unclean.leader.election.enable"):
        check(key in cfg, f"DescribeConfigs of a topic lists {key}")
    bcfg = describe(admin, "broker", "1")
    check(bcfg["log.dirs"].is_read_only, "log.dirs is read-only")
    check_equal(bcfg["log.retention.hours"].value, "168", "broker log.retention.hours")
    check_equal(bcfg["num.partitions"].source, ConfigSource.DEFAULT_CONFIG.value, "num.partitions source")
    log("describe_configs: topic overrides, defaults and synonyms; broker configs with read-only flags")

    # --- alter configs (AlterConfigs replaces the topic's overrides) ---
    res = ConfigResource("topic", "adm-a", set_config={"retention.ms": "7200000", "max.message.bytes": "500000"})
    admin.alter_configs([res], request_timeout=TIMEOUT)[res].result(timeout=TIMEOUT)
    cfg = describe(admin, "topic", "adm-a")
    check_equal(cfg["retention.ms"].value, "7200000", "retention.ms after alter_configs")
    check_equal(cfg["max.message.bytes"].value, "500000", "max.message.bytes after alter_configs")
    check_equal(cfg["cleanup.policy"].value, "delete", "cleanup.policy (not in the new set: back to default)")
    bad = ConfigResource("topic", "adm-a", set_config={"segment.bytes": "1"})
    try:
        admin.alter_configs([bad], request_timeout=TIMEOUT)[bad].result(timeout=TIMEOUT)
        raise TestFailure("alter_configs segment.bytes=1 should fail")
    except KafkaException as e:
        check_equal(e.args[0].code(), KafkaError.INVALID_CONFIG, "alter_configs segment.bytes=1 error")
        check("segment.bytes" in e.args[0].str(), f"message names the key: {e.args[0].str()}")
    dry = ConfigResource("topic", "adm-a", set_config={"retention.ms": "1"})
    admin.alter_configs([dry], validate_only=True, request_timeout=TIMEOUT)[dry].result(timeout=TIMEOUT)
    check_equal(describe(admin, "topic", "adm-a")["retention.ms"].value, "7200000", "validate_only alter changes nothing")
    bres = ConfigResource("broker", "1", set_config={"log.retention.ms": "86400000"})
    admin.alter_configs([bres], request_timeout=TIMEOUT)[bres].result(timeout=TIMEOUT)
    bcfg = describe(admin, "broker", "1")
    check_equal(bcfg["log.retention.ms"].value, "86400000", "broker log.retention.ms after alter")
    check_equal(bcfg["log.retention.ms"].source, ConfigSource.DYNAMIC_BROKER_CONFIG.value, "its source")
    check_equal(describe(admin, "topic", "adm-b")["retention.ms"].value, "86400000",
                "adm-b (no override) follows the broker's dynamic log.retention.ms")
    log("alter_configs: topic and broker, validation, validate_only, dynamic broker default reaching topics")

    # Kafka 3.x configs Sluice accepts without acting on (librdkafka's own admin tests alter these two): stored,
    # described back, documented as having no effect; a wrongly typed value is still refused.
    compat = ConfigResource("topic", "adm-a", set_config={"message.format.version": "3.0-IV1", "retention.ms": "7200000"})
    admin.alter_configs([compat], request_timeout=TIMEOUT)[compat].result(timeout=TIMEOUT)
    check_equal(describe(admin, "topic", "adm-a")["message.format.version"].value, "3.0-IV1", "message.format.version")
    bcompat = ConfigResource("broker", "1", set_config={"log.retention.ms": "86400000",
                                                         "sasl.kerberos.min.time.before.relogin": "58000"})
    admin.alter_configs([bcompat], request_timeout=TIMEOUT)[bcompat].result(timeout=TIMEOUT)
    check_equal(describe(admin, "broker", "1")["sasl.kerberos.min.time.before.relogin"].value, "58000",
                "sasl.kerberos.min.time.before.relogin after alter")
    badcompat = ConfigResource("broker", "1", set_config={"sasl.kerberos.min.time.before.relogin": "soon"})
    try:
        admin.alter_configs([badcompat], request_timeout=TIMEOUT)[badcompat].result(timeout=TIMEOUT)
        raise TestFailure("a non-numeric sasl.kerberos.min.time.before.relogin should fail")
    except KafkaException as e:
        check_equal(e.args[0].code(), KafkaError.INVALID_CONFIG, "bad compatibility config value error")
    log("alter_configs: Kafka-only configs (message.format.version, sasl.kerberos.*) accepted and described")

    # --- partitions ---
    got = results(admin.create_partitions([NewPartitions("adm-b", 4)], request_timeout=TIMEOUT))
    check_equal(got, {"adm-b": None}, "create_partitions adm-b -> 4")
    check_equal(len(topics(admin)["adm-b"].partitions), 4, "adm-b partitions after create_partitions")
    got = results(admin.create_partitions([NewPartitions("adm-b", 2)], request_timeout=TIMEOUT))
    check(got["adm-b"] is not None and got["adm-b"].code() == KafkaError.INVALID_PARTITIONS,
          f"shrinking must fail with INVALID_PARTITIONS: {got}")
    got = results(admin.create_partitions([NewPartitions("adm-b", 6)], validate_only=True, request_timeout=TIMEOUT))
    check_equal(got, {"adm-b": None}, "validate_only create_partitions")
    check_equal(len(topics(admin)["adm-b"].partitions), 4, "validate_only adds no partitions")
    log("create_partitions: 1 -> 4, shrink refused, validate_only")

    # --- LogAppendTime: the broker stamps the batches ---
    results(admin.create_topics([NewTopic("adm-lat", 1, 1, config={"message.timestamp.type": "LogAppendTime"})],
                                request_timeout=TIMEOUT))
    before = int(time.time() * 1000)
    prod = cu.producer(broker.bootstrap)
    cu.produce_all(prod, "adm-lat", [{"key": b"k", "value": b"v", "timestamp": 1000}])
    got = cu.consume_range(broker.bootstrap, "adm-lat", 0, 1)
    kind, ts = got[0].timestamp()
    check_equal(kind, TIMESTAMP_LOG_APPEND_TIME, "timestamp type with message.timestamp.type=LogAppendTime")
    check(before - 5000 <= ts <= int(time.time() * 1000) + 5000, f"log append time {ts} should be the broker's clock")
    log("LogAppendTime topic: consumed record carries the broker's append time")

    # --- delete topics ---
    got = results(admin.delete_topics(["adm-a", "adm-missing"], request_timeout=TIMEOUT))
    check(got["adm-a"] is None, f"delete adm-a: {got['adm-a']}")
    check(got["adm-missing"] is not None and got["adm-missing"].code() == KafkaError.UNKNOWN_TOPIC_OR_PART,
          f"deleting a missing topic: {got['adm-missing']}")
    check("adm-a" not in topics(admin), "adm-a is gone from metadata")
    resource = ConfigResource("topic", "adm-a")
    try:
        admin.describe_configs([resource], request_timeout=TIMEOUT)[resource].result(timeout=TIMEOUT)
        raise TestFailure("describe_configs of a deleted topic should fail")
    except KafkaException as e:
        check_equal(e.args[0].code(), KafkaError.UNKNOWN_TOPIC_OR_PART, "describe_configs of a deleted topic")
    log("delete_topics: deleted, missing topic answered UNKNOWN_TOPIC_OR_PARTITION")


if __name__ == "__main__":
    main(test)
