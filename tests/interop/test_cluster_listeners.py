"""Every broker registers each of its client listeners (Kafka's RegisterBrokerRecord endpoints), so a client is
sent to the other brokers' port of the listener it came in on; and the nodes' own connections are secured as
clients of the listener they reach.

Three `sluiced --config` processes, each with a PLAINTEXT listener (the nodes' own traffic), a SASL_PLAINTEXT
listener for clients and a CONTROLLER listener. A librdkafka client bootstrapped on one node's SASL port alone
sees every broker at its SASL port and produces acks=all to partitions led by all three nodes (a broker
advertised at its PLAINTEXT port would fail its SASL handshake), then reads every record back; a PLAINTEXT
client of the same cluster sees the PLAINTEXT ports.

Then three nodes whose only listeners are secured: SASL_SSL (PLAIN) between brokers and for clients, and an
mTLS controller listener for the quorum, with the authorizer on and no ACLs. The nodes log in as the super
user `broker` (and prove themselves with their certificate to the controller listener): the quorum elects,
an RF=3 topic gets three in-sync replicas and takes acks=all records, a user without ACLs is refused, and a
plaintext client on the SASL_SSL port fails while the cluster keeps serving.

Last, two nodes of which only the first has the SASL listener: a SASL client sees one broker, and a
partition led by the other carries LISTENER_NOT_FOUND with no leader (Kafka's answer), while a PLAINTEXT
client sees that leader.
"""

import tempfile

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from cluster_harness import kraft_cluster
from harness import HOST, check, check_equal, free_port, log, main_without_broker, wait_until
from test_security import KEY_PASSWORD, make_certificates

TOPIC = "listeners"
JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";'
PROPS = {
    "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
    "inter.broker.listener.name": "PLAINTEXT",
    "sasl.enabled.mechanisms": "PLAIN",
    "listener.name.sasl_plaintext.plain.sasl.jaas.config": JAAS,
    "num.partitions": "1",
    "auto.create.topics.enable": "false",
}


SASL = {"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN", "sasl.username": "alice",
        "sasl.password": "alice-secret"}


def brokers_of(conf):
    admin = AdminClient(conf)
    return {b.id: b.port for b in admin.list_topics(timeout=10).brokers.values()}


def plaintext_and_sasl_listeners():
    sasl_ports = {}

    def node_props(node_id, client_port, controller_port):
        sasl_ports[node_id] = free_port()
        return {"listeners": f"PLAINTEXT://{HOST}:{client_port},SASL_PLAINTEXT://{HOST}:{sasl_ports[node_id]},"
                             f"CONTROLLER://{HOST}:{controller_port}"}

    with kraft_cluster(3, PROPS, node_props) as nodes:
        plaintext_ports = {n.node_id: n.port for n in nodes}
        boot = f"{HOST}:{sasl_ports[1]}"
        first = {"bootstrap.servers": boot, **SASL}
        wait_until(lambda: len(brokers_of(first)) == 3, 30, "the SASL client to see 3 brokers")
        check_equal(brokers_of(first), sasl_ports, "brokers as a SASL_PLAINTEXT client sees them (their SASL ports)")
        check_equal(brokers_of({"bootstrap.servers": f"{HOST}:{plaintext_ports[2]}"}), plaintext_ports,
                    "brokers as a PLAINTEXT client sees them")
        log(f"SASL ports {sasl_ports}, PLAINTEXT ports {plaintext_ports}: each client sees its own listener")

        admin = AdminClient(first)
        admin.create_topics([NewTopic(TOPIC, 3, 3)], operation_timeout=30)[TOPIC].result(60)

        def leaders():
            states = [cu.partition_state(boot, TOPIC, p, **SASL) for p in range(3)]
            return None if any(s is None or s[0] < 0 for s in states) else sorted({s[0] for s in states})

        # One bootstrap address: the producer must reach the other leaders through the metadata it was given.
        prod = cu.producer(boot, **SASL)
        wait_until(lambda: leaders() == [1, 2, 3], 30, "the 3 partitions to be led by the 3 nodes")
        for p in range(3):
            records = [{"key": b"p%d-%03d" % (p, i), "value": b"v%03d" % i} for i in range(100)]
            cu.produce_all(prod, TOPIC, records, partition=p)
        log("300 records acknowledged (acks=all) by leaders on all three nodes over SASL_PLAINTEXT")
        for p in range(3):
            got = cu.consume_range(boot, TOPIC, 0, 100, partition=p, **SASL)
            check_equal([m.key() for m in got], [b"p%d-%03d" % (p, i) for i in range(100)],
                        f"records of partition {p}, read back over SASL_PLAINTEXT")


def secured_between_nodes():
    certs = make_certificates(tempfile.mkdtemp(prefix="sluice-certs-"))
    jaas = ('org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" '
            'password="broker-secret" user_broker="broker-secret" user_alice="alice-secret";')
    props = {
        "listener.security.protocol.map": "SASL_SSL:SASL_SSL,CONTROLLER:SSL",
        "inter.broker.listener.name": "SASL_SSL",
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": certs["keystore"],
        "ssl.key.password": KEY_PASSWORD,
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": certs["ca"],
        "listener.name.controller.ssl.client.auth": "required",
        "sasl.enabled.mechanisms": "PLAIN",
        "sasl.mechanism.inter.broker.protocol": "PLAIN",
        "listener.name.sasl_ssl.plain.sasl.jaas.config": jaas,
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "super.users": "User:broker;User:CN=localhost,O=Sluice",
        "allow.everyone.if.no.acl.found": "false",
        "num.partitions": "1",
        "auto.create.topics.enable": "false",
    }

    def node_props(node_id, client_port, controller_port):
        return {"listeners": f"SASL_SSL://{HOST}:{client_port},CONTROLLER://{HOST}:{controller_port}"}

    def conf(nodes, user, password):
        return {"bootstrap.servers": ",".join(f"{HOST}:{n.port}" for n in nodes), "security.protocol": "SASL_SSL",
                "sasl.mechanism": "PLAIN", "sasl.username": user, "sasl.password": password,
                "ssl.ca.location": certs["ca"]}

    with kraft_cluster(3, props, node_props) as nodes:
        broker = conf(nodes, "broker", "broker-secret")
        secured = {k: v for k, v in broker.items() if k != "bootstrap.servers"}
        boot = broker["bootstrap.servers"]
        wait_until(lambda: len(brokers_of(broker)) == 3, 40, "3 brokers registered over the secured listeners")
        admin = AdminClient(broker)  # kept: a collected client's futures fail with _DESTROY
        admin.create_topics([NewTopic("secured", 1, 3)], operation_timeout=30)["secured"].result(60)
        wait_until(lambda: (lambda s: s and len(s[2]) == 3)(cu.partition_state(boot, "secured", 0, **secured)), 40,
                   "3 in-sync replicas: the followers fetch over SASL_SSL")
        prod = cu.producer(boot, **secured)
        cu.produce_all(prod, "secured", [{"key": b"k%03d" % i, "value": b"v"} for i in range(200)])
        got = cu.consume_range(boot, "secured", 0, 200, **secured)
        check_equal(len(got), 200, "records read back from the secured cluster")
        log("quorum, replication and ISR over SASL_SSL and mTLS; 200 acks=all records round-trip")

        alice = conf(nodes, "alice", "alice-secret")
        alice_admin = AdminClient(alice)
        refused = alice_admin.create_topics([NewTopic("alice-topic", 1, 3)], operation_timeout=10)
        try:
            refused["alice-topic"].result(30)
            outcome = "created"
        except KafkaException as e:
            outcome = str(e)
        check("AUTHORIZATION_FAILED" in outcome.upper(), f"alice (no ACLs) creating a topic: {outcome}")
        plain = AdminClient({"bootstrap.servers": f"{HOST}:{nodes[0].port}", "socket.timeout.ms": 3000})
        try:
            outcome = f"answered with {len(plain.list_topics(timeout=4).brokers)} brokers"
        except KafkaException as e:
            outcome = None
        check(outcome is None, f"a PLAINTEXT client on the SASL_SSL port was {outcome}")
        check_equal(len(brokers_of(broker)), 3, "brokers after the refused clients")


def a_leader_without_the_listener():
    sasl_ports = {}

    def node_props(node_id, client_port, controller_port):
        listeners = f"PLAINTEXT://{HOST}:{client_port},CONTROLLER://{HOST}:{controller_port}"
        if node_id == 1:
            sasl_ports[1] = free_port()
            listeners += f",SASL_PLAINTEXT://{HOST}:{sasl_ports[1]}"
        return {"listeners": listeners}

    with kraft_cluster(2, PROPS, node_props) as nodes:
        plain_boot = f"{HOST}:{nodes[0].port}"
        wait_until(lambda: len(brokers_of({"bootstrap.servers": plain_boot})) == 2, 30, "2 brokers registered")
        admin = AdminClient({"bootstrap.servers": plain_boot})
        admin.create_topics([NewTopic("led-by-2", 1, replica_assignment=[[2]])], operation_timeout=30)["led-by-2"].result(60)
        wait_until(lambda: (lambda s: s and s[0] == 2)(cu.partition_state(plain_boot, "led-by-2")), 30,
                   "node 2 to lead led-by-2 (as a PLAINTEXT client sees it)")
        sasl = {"bootstrap.servers": f"{HOST}:{sasl_ports[1]}", **SASL}
        check_equal(brokers_of(sasl), {1: sasl_ports[1]}, "brokers a SASL client sees (node 2 has no SASL listener)")
        seen = AdminClient(sasl).list_topics(topic="led-by-2", timeout=10).topics["led-by-2"].partitions[0]
        check_equal((seen.leader, seen.error.code() if seen.error else None), (-1, KafkaError.LISTENER_NOT_FOUND),
                    "led-by-2[0] as a SASL client sees it")
        log("a partition led by a broker without the SASL listener: LISTENER_NOT_FOUND, no leader, for SASL clients")


def test():
    plaintext_and_sasl_listeners()
    secured_between_nodes()
    a_leader_without_the_listener()
    log("ok")


if __name__ == "__main__":
    main_without_broker(test)
