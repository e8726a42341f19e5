#!/usr/bin/python3
"""The ACL authorizer with real clients, against one sluiced with authorizer.class.name=StandardAuthorizer,
super.users=User:admin and a SASL_PLAINTEXT listener with SCRAM-SHA-512 users admin, alice and bob:
- kafka-python 2.0.2's KafkaAdminClient (as admin) creates ACLs, describes them with filters (by principal,
  by PREFIXED pattern, by literal resource name) and deletes them by filter;
- alice, allowed WRITE/READ on `orders` and READ on group `alice-group`, produces and consumes in that group
  with confluent-kafka, and with kcat over SCRAM;
- bob, allowed only READ on `orders`, gets TOPIC_AUTHORIZATION_FAILED producing and nothing is written
  (the end offset, read as admin, does not move); without a group ACL he gets GROUP_AUTHORIZATION_FAILED;
- PREFIXED and DENY: alice may READ every `logs-` topic except `logs-private`, which a DENY takes back;
- Metadata hides the topics alice may not DESCRIBE, and names asked for explicitly get
  TOPIC_AUTHORIZATION_FAILED;
- the ACLs are metadata records: they are still there after a restart."""

import os
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition

import kcat_client as kcat
from harness import (HOST, Sluiced, check, check_equal, free_port, log, main_without_broker, sluiced_session,
                     wait_until)

from kafka import KafkaConsumer
from kafka import TopicPartition as KafkaTopicPartition
from kafka.admin import (ACL, ACLFilter, ACLOperation, ACLPermissionType, ACLResourcePatternType, KafkaAdminClient,
                         NewTopic, ResourcePattern, ResourcePatternFilter, ResourceType)

USERS = {"admin": "admin-secret", "alice": "alice-secret", "bob": "bob-secret"}
TOPICS = ["orders", "logs-app", "logs-private", "secret"]


def properties(ports):
    return "\n".join([
        f"listeners=PLAINTEXT://{HOST}:{ports['PLAINTEXT']},SASL_PLAINTEXT://{HOST}:{ports['SASL_PLAINTEXT']}",
        "sasl.enabled.mechanisms=SCRAM-SHA-512",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users=User:admin",
        "auto.create.topics.enable=false",
        "",
    ])


def sasl(ports, user):
    return {"bootstrap.servers": f"{HOST}:{ports['SASL_PLAINTEXT']}", "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanism": "SCRAM-SHA-512", "sasl.username": user, "sasl.password": USERS[user]}


def kafka_python_conf(ports, user):
    return dict(bootstrap_servers=f"{HOST}:{ports['SASL_PLAINTEXT']}", security_protocol="SASL_PLAINTEXT",
                sasl_mechanism="SCRAM-SHA-512", sasl_plain_username=user, sasl_plain_password=USERS[user])


def acl(user, op, permission, rtype, name, pattern=ACLResourcePatternType.LITERAL):
    return ACL(principal=f"User:{user}", host="*", operation=op, permission_type=permission,
               resource_pattern=ResourcePattern(rtype, name, pattern))


def any_filter(principal=None, rtype=ResourceType.ANY, name=None, pattern=ACLResourcePatternType.ANY):
    return ACLFilter(principal=principal, host=None, operation=ACLOperation.ANY,
                     permission_type=ACLPermissionType.ANY,
                     resource_pattern=ResourcePatternFilter(rtype, name, pattern))


def describe(admin, flt):
    acls, error = admin.describe_acls(flt)
    check(error.errno == 0, f"DescribeAcls answered {error}")
    return sorted((a.principal, a.resource_pattern.resource_type.name, a.resource_pattern.resource_name,
                   a.resource_pattern.pattern_type.name, a.operation.name, a.permission_type.name) for a in acls)


def end_offset(ports, topic):
    consumer = KafkaConsumer(**kafka_python_conf(ports, "admin"))
    try:
        tp = KafkaTopicPartition(topic, 0)
        return consumer.end_offsets([tp])[tp]
    finally:
        consumer.close()


def produce(conf, topic, values):
    """Delivery errors of each message (None when delivered)."""
    producer = Producer({**conf, "acks": "all", "message.timeout.ms": 15000, "retries": 0})
    results = []
    for v in values:
        producer.produce(topic, value=v.encode(), partition=0,
                         on_delivery=lambda err, msg: results.append(err))
    producer.flush(20)
    check_equal(len(results), len(values), f"delivery reports for {topic}")
    return results


def consume_group(conf, topic, group, want, timeout=25):
    """(values read, first error) of a group consumer subscribed to `topic`."""
    consumer = Consumer({**conf, "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe([topic])
    values, error = [], None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and len(values) < want and error is None:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() != KafkaError._PARTITION_EOF:
                    error = msg.error()
                continue
            values.append(msg.value().decode())
        if values and error is None:
            consumer.commit(asynchronous=False)
    finally:
        consumer.close()
    return values, error


def fetch_error(conf, topic, group):
    """The first error an assigned consumer (it joins no group; `group` is one it may DESCRIBE, as librdkafka
    still looks its coordinator up) sees fetching `topic`."""
    consumer = Consumer({**conf, "group.id": group, "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    consumer.assign([TopicPartition(topic, 0, 0)])
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and msg.error() and msg.error().code() != KafkaError._PARTITION_EOF:
                return msg.error()
            if msg is not None and not msg.error():
                return None
        return None
    finally:
        consumer.close()


def test():
    with sluiced_session("sluice-acls-") as session:
        tmp = session.tmp
        ports = {"PLAINTEXT": free_port(), "SASL_PLAINTEXT": free_port()}
        path = os.path.join(tmp, "broker.properties")
        with open(path, "w") as f:
            f.write(properties(ports))
        data_dir = os.path.join(tmp, "data")
        os.makedirs(data_dir)
        scram = []
        for user, password in USERS.items():
            scram += ["--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]"]
        session.broker = broker = Sluiced(data_dir, port=ports["PLAINTEXT"], extra_args=["--config", path, *scram])
        broker.start()

        admin = KafkaAdminClient(**kafka_python_conf(ports, "admin"))
        admin.create_topics([NewTopic(t, 1, 1) for t in TOPICS])
        R, W, A, D = ACLOperation.READ, ACLOperation.WRITE, ACLPermissionType.ALLOW, ACLPermissionType.DENY
        T, G = ResourceType.TOPIC, ResourceType.GROUP
        created = admin.create_acls([
            acl("alice", W, A, T, "orders"), acl("alice", R, A, T, "orders"), acl("alice", R, A, G, "alice-group"),
            acl("alice", R, A, T, "logs-", ACLResourcePatternType.PREFIXED), acl("alice", R, D, T, "logs-private"),
            acl("bob", R, A, T, "orders"), acl("bob", R, A, G, "other-group")])
        check_equal(len(created["failed"]), 0, f"ACLs refused: {created['failed']}")
        check_equal(len(created["succeeded"]), 7, "ACLs created")

        alice_acls = describe(admin, any_filter("User:alice"))
        check_equal(len(alice_acls), 5, f"alice's ACLs ({alice_acls})")
        prefixed = describe(admin, any_filter(rtype=T, pattern=ACLResourcePatternType.PREFIXED))
        check_equal(prefixed, [("User:alice", "TOPIC", "logs-", "PREFIXED", "READ", "ALLOW")], "PREFIXED ACLs")
        orders = describe(admin, any_filter(rtype=T, name="orders", pattern=ACLResourcePatternType.LITERAL))
        check_equal([(a[0], a[4]) for a in orders], [("User:alice", "READ"), ("User:alice", "WRITE"),
                                                     ("User:bob", "READ")], "ACLs on topic orders")
        matching = describe(admin, any_filter(rtype=T, name="logs-private", pattern=ACLResourcePatternType.MATCH))
        check_equal([(a[2], a[5]) for a in matching], [("logs-", "ALLOW"), ("logs-private", "DENY")],
                    "MATCH filter for logs-private")
        log("kafka-python created 7 ACLs and described them by principal, PREFIXED pattern, name and MATCH")

        before = end_offset(ports, "orders")
        results = produce(sasl(ports, "alice"), "orders", [f"alice {i}" for i in range(10)])
        check(all(r is None for r in results), f"alice's produce to orders: {results[:3]}")
        values, error = consume_group(sasl(ports, "alice"), "orders", "alice-group", 10)
        check(error is None, f"alice consuming in alice-group: {error}")
        check_equal(values, [f"alice {i}" for i in range(10)], "alice's records read back in her group")
        log("alice produced and consumed in alice-group with confluent-kafka")

        results = produce(sasl(ports, "bob"), "orders", ["bob 0", "bob 1"])
        check(all(r is not None and r.code() == KafkaError.TOPIC_AUTHORIZATION_FAILED for r in results),
              f"bob's produce without WRITE should fail with TOPIC_AUTHORIZATION_FAILED: {results}")
        check_equal(end_offset(ports, "orders"), before + 10, "end offset of orders after bob's refused produce")
        log("bob's produce was refused with TOPIC_AUTHORIZATION_FAILED and wrote nothing")

        values, error = consume_group(sasl(ports, "bob"), "orders", "bob-group", 1, timeout=15)
        check(error is not None and error.code() == KafkaError.GROUP_AUTHORIZATION_FAILED,
              f"bob consuming in a group he has no ACL for: {error} (read {len(values)})")
        check_equal(values, [], "records bob read without a group ACL")
        log(f"bob's group consumer was refused: {error}")

        produce(sasl(ports, "admin"), "logs-app", ["app 0", "app 1"])
        produce(sasl(ports, "admin"), "logs-private", ["private 0"])
        check_equal(fetch_error(sasl(ports, "alice"), "logs-app", "alice-group"), None,
                    "alice reading logs-app (PREFIXED allow)")
        error = fetch_error(sasl(ports, "alice"), "logs-private", "alice-group")
        check(error is not None and error.code() == KafkaError.TOPIC_AUTHORIZATION_FAILED,
              f"alice reading logs-private (DENY wins over the prefix): {error}")
        log("PREFIXED allows logs-app, and a literal DENY takes logs-private back")

        listed = Consumer({**sasl(ports, "alice"), "group.id": "alice-group"})
        try:
            topics = listed.list_topics(timeout=10).topics
            check_equal(sorted(t for t in topics if not t.startswith("__")), ["logs-app", "logs-private", "orders"],
                        "topics alice sees (DESCRIBE is implied by READ; DENY READ does not deny DESCRIBE)")
            secret = listed.list_topics("secret", timeout=10).topics["secret"]
            check(secret.error is not None and secret.error.code() == KafkaError.TOPIC_AUTHORIZATION_FAILED,
                  f"Metadata for secret, asked by name: {secret.error}")
        finally:
            listed.close()
        log("Metadata hides secret from alice and answers TOPIC_AUTHORIZATION_FAILED when she names it")

        kcat_extra = ["-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=SCRAM-SHA-512",
                      "-X", "sasl.username=alice", "-X", f"sasl.password={USERS['alice']}"]
        bootstrap = f"{HOST}:{ports['SASL_PLAINTEXT']}"
        kcat.produce(bootstrap, "orders", [(b"k", b"kcat value")], extra=kcat_extra, timeout=30)
        got = kcat.consume(bootstrap, "orders", extra=kcat_extra, timeout=30)
        check_equal(got[-1]["value"], b"kcat value", "kcat's record read back by kcat as alice")
        log("kcat produced and consumed as alice over SCRAM-SHA-512")

        admin.close()
        broker.restart()
        admin = KafkaAdminClient(**kafka_python_conf(ports, "admin"))
        check_equal(describe(admin, any_filter("User:alice")), alice_acls, "alice's ACLs after a restart")
        deleted = admin.delete_acls([any_filter("User:bob")])
        check_equal(len(deleted), 1, "DeleteAcls filter results")
        flt, matched, error = deleted[0]
        check(error.errno == 0, f"DeleteAcls error {error}")
        check_equal(len(matched), 2, "bob's ACLs deleted")
        check_equal(describe(admin, any_filter("User:bob")), [], "bob's ACLs after DeleteAcls")
        check_equal(len(describe(admin, any_filter())), 5, "ACLs left")
        admin.close()
        results = produce(sasl(ports, "alice"), "orders", ["after restart"])
        check(results == [None], f"alice's produce after the restart: {results}")
        log("ACLs survived a restart; DeleteAcls removed bob's two")
        broker.check_alive("at the end")
        broker.terminate_gracefully()


if __name__ == "__main__":
    main_without_broker(test)
