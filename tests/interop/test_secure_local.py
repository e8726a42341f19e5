#!/usr/bin/python3
"""sluiced --secure DIR, the one-step secure local node, with real clients and only what DIR gives them:
- DIR holds the CA (ca.pem, 0644), its key and the node's keystore, the admin password and the client
  settings (0600 each), and sluiced prints the exact `kcat -F DIR/kcat.conf -L` line;
- `kcat -F DIR/kcat.conf -L` lists the broker; confluent-kafka with kcat.conf's settings creates a topic,
  produces and consumes as admin over SASL_SSL with SCRAM-SHA-512; kcat -F produces and consumes too;
- client.properties is what Kafka's Java tools take (SASL_SSL, the SCRAM JAAS line with the password, the
  PEM truststore);
- a wrong password fails with librdkafka's authentication error; a plaintext client is closed cleanly and
  the broker keeps serving;
- the authorizer is on with no ACL allowing anyone but admin: a second SCRAM user is refused the topic;
- a restart on the same DIR reuses the CA, the node certificate and the password (old records readable);
  a new DIR on the same data dir is warned about (the metadata keeps the first admin password);
- --secure with listeners of the user's own refuses to start with a clear message;
- `sluiced --nodes 3 --secure DIR`: three nodes whose only listeners are SASL_SSL, reaching each other over
  them (a PLAIN login as a super user); kcat -F lists the three brokers at their own ports, and an RF=3 topic
  gets three in-sync replicas and takes acks=all records from admin."""

import os
import signal
import stat
import subprocess
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, NewTopic

import kcat_client as kcat
from harness import (HOST, Sluiced, TestFailure, check, check_equal, find_sluiced, free_port, log, main_without_broker,
                     read_log, run, sluiced_session, wait_until)
from test_security import check_plaintext_on_tls_port, failed_connection_error

SECRET_FILES = ["ca.key", "node.pem", "admin.password", "kcat.conf", "client.properties"]


def read_properties(path):
    out = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                out[key] = value
    return out


def read(path):
    with open(path, "rb") as f:
        return f.read()


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def wait_for_instructions(broker, secure_dir, start):
    line = f"try: kcat -F {secure_dir}/kcat.conf -L"
    wait_until(lambda: broker.log_text().split(f"===== start #{start}:")[-1].count(line) == 1, 10,
               f"sluiced to print '{line}'")


def kcat_list(conf_path, port):
    out = run([kcat.KCAT, "-F", conf_path, "-L", "-m", "15"], timeout=30, what="kcat -F kcat.conf -L")
    text = out.stdout.decode()
    check("1 brokers:" in text and f"broker 1 at {HOST}:{port}" in text, f"kcat -L should list the broker: {text}")
    return text


def create_topic(conf, topic):
    admin = AdminClient(conf)
    futures = admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)], request_timeout=15)
    futures[topic].result(timeout=20)


def produce(conf, topic, values):
    producer = Producer({**conf, "acks": "all", "linger.ms": 5, "message.timeout.ms": 15000})
    failures = []
    for v in values:
        producer.produce(topic, value=v.encode(), partition=0, on_delivery=lambda err, msg: err and failures.append(err))
    left = producer.flush(20)
    return left, failures


def consume(conf, topic, n, timeout=20):
    consumer = Consumer({**conf, "group.id": f"{topic}-reader", "enable.auto.commit": False})
    try:
        consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        got = []
        errors = []
        deadline = time.monotonic() + timeout
        while len(got) < n and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                errors.append(msg.error())
                if not msg.error().retriable():
                    break
            else:
                got.append(msg.value().decode())
        return got, errors
    finally:
        consumer.close()


def refused_to_start(args, what, expected):
    result = run([find_sluiced(), *args], timeout=20, check_status=False, what=f"sluiced {what}")
    stderr = result.stderr.decode()
    check_equal(result.returncode, 2, f"sluiced {what}: exit status (stderr {stderr[-500:]!r})")
    check(expected in stderr, f"sluiced {what} should say '{expected}', said: {stderr[-800:]}")
    log(f"sluiced {what} refused: {stderr.splitlines()[0]}")


def secure_cluster(tmp):
    """sluiced --nodes 3 --port 0 --secure DIR, driven only by what DIR's kcat.conf says."""
    secure_dir = os.path.join(tmp, "cluster-secure")
    log_path = os.path.join(tmp, "cluster.log")
    command = [find_sluiced(), "--nodes", "3", "--port", "0", "--host", HOST, "--data-dir",
               os.path.join(tmp, "cluster-data"), "--secure", secure_dir]
    with open(log_path, "ab") as out:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        wait_until(lambda: proc.poll() is not None or f"try: kcat -F {secure_dir}/kcat.conf -L" in read_log(log_path),
                   60, "the secure local cluster to print its kcat line")
        check(proc.poll() is None, f"sluiced --nodes 3 --secure exited: {read_log(log_path)[-3000:]}")
        kcat_conf_path = os.path.join(secure_dir, "kcat.conf")
        conf = read_properties(kcat_conf_path)
        ports = [int(a.rsplit(":", 1)[1]) for a in conf["bootstrap.servers"].split(",")]
        check_equal(len(ports), 3, f"bootstrap.servers in kcat.conf ({conf['bootstrap.servers']})")
        check_equal(oct(mode(os.path.join(secure_dir, "node.password"))), oct(0o600), "mode of node.password")

        def listed():
            text = run([kcat.KCAT, "-F", kcat_conf_path, "-L", "-m", "15"], timeout=30, check_status=False,
                       what="kcat -F kcat.conf -L").stdout.decode()
            return text if "3 brokers:" in text else None
        text = wait_until(listed, 40, "kcat -F kcat.conf -L to list 3 brokers")
        for node_id, port in enumerate(ports, start=1):
            check(f"broker {node_id} at {HOST}:{port}" in text, f"broker {node_id} at its own port {port}: {text}")
        log(f"kcat -F {kcat_conf_path} -L lists 3 brokers at {ports}")

        admin = AdminClient(conf)
        admin.create_topics([NewTopic("secure-replicated", 1, 3)], request_timeout=15)["secure-replicated"].result(30)

        def in_sync():
            md = admin.list_topics(topic="secure-replicated", timeout=10).topics.get("secure-replicated")
            p = md.partitions.get(0) if md is not None and md.error is None else None
            return p is not None and len(p.isrs) == 3
        wait_until(in_sync, 40, "3 in-sync replicas: the followers fetch over SASL_SSL")
        left, failures = produce(conf, "secure-replicated", [f"r{i}" for i in range(50)])
        check(left == 0 and not failures, f"acks=all produce to the secure cluster: {left} left, {failures[:3]}")
        got, errors = consume(conf, "secure-replicated", 50)
        check_equal(got, [f"r{i}" for i in range(50)], f"records read back (errors {errors[:3]})")
        log("the secure local cluster replicates over SASL_SSL: 50 acks=all records round-trip")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


def test():
    with sluiced_session("sluice-secure-local-") as session:
        secure_dir = os.path.join(session.tmp, "secure")
        data_dir = os.path.join(session.tmp, "data")
        os.makedirs(data_dir)
        port = free_port()
        session.broker = broker = Sluiced(data_dir, port=port, extra_args=["--secure", secure_dir])
        broker.start()
        wait_for_instructions(broker, secure_dir, 1)

        for name in SECRET_FILES:
            check_equal(oct(mode(os.path.join(secure_dir, name))), oct(0o600), f"mode of {name}")
        check_equal(oct(mode(os.path.join(secure_dir, "ca.pem"))), oct(0o644), "mode of ca.pem")
        password = read(os.path.join(secure_dir, "admin.password")).decode().strip()
        check(len(password) >= 20, f"the admin password is short: {len(password)} characters")
        check(password not in broker.log_text(), "sluiced printed the admin password")

        kcat_conf_path = os.path.join(secure_dir, "kcat.conf")
        conf = read_properties(kcat_conf_path)
        check_equal(conf, {"bootstrap.servers": f"{HOST}:{port}", "security.protocol": "sasl_ssl",
                           "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "admin", "sasl.password": password,
                           "ssl.ca.location": os.path.join(secure_dir, "ca.pem")}, "kcat.conf")
        java = read_properties(os.path.join(secure_dir, "client.properties"))
        check_equal({k: java.get(k) for k in ("bootstrap.servers", "security.protocol", "sasl.mechanism",
                                               "ssl.truststore.type", "ssl.truststore.location")},
                    {"bootstrap.servers": f"{HOST}:{port}", "security.protocol": "SASL_SSL",
                     "sasl.mechanism": "SCRAM-SHA-512", "ssl.truststore.type": "PEM",
                     "ssl.truststore.location": os.path.join(secure_dir, "ca.pem")}, "client.properties")
        check_equal(java.get("sasl.jaas.config"),
                    'org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" '
                    f'password="{password}";', "client.properties sasl.jaas.config")

        kcat_list(kcat_conf_path, port)
        log("kcat -F DIR/kcat.conf -L listed the broker")
        create_topic(conf, "secure-orders")
        left, failures = produce(conf, "secure-orders", [f"order {i}" for i in range(20)])
        check(left == 0 and not failures, f"admin's produce: {left} left, failures {failures[:3]}")
        got, errors = consume(conf, "secure-orders", 20)
        check_equal(got, [f"order {i}" for i in range(20)], f"admin's consumer (errors {errors[:3]})")
        records = [(f"k{i}".encode(), f"kcat {i}".encode()) for i in range(10)]
        kcat.produce(conf["bootstrap.servers"], "secure-kcat", records, extra=["-F", kcat_conf_path], timeout=30)
        back = kcat.consume(conf["bootstrap.servers"], "secure-kcat", extra=["-F", kcat_conf_path], timeout=30)
        check_equal([(r["key"], r["value"]) for r in back], records, "kcat -F round trip")
        log("confluent-kafka and kcat produced and consumed as admin with DIR's settings")

        err = failed_connection_error({**conf, "sasl.password": password + "x"})
        check_equal(err.code(), KafkaError._AUTHENTICATION, f"error for a wrong password ({err})")
        check_plaintext_on_tls_port(port)
        plain = Producer({"bootstrap.servers": f"{HOST}:{port}", "socket.timeout.ms": 3000})
        try:
            plain.list_topics(timeout=3)
            raise TestFailure("a plaintext client listed topics on the --secure node")
        except KafkaException as e:  # the broker closes the connection
            log(f"plaintext client failed as it should: {e}")
        broker.check_alive("after the refused clients")
        kcat_list(kcat_conf_path, port)

        ca_pem, keystore = read(os.path.join(secure_dir, "ca.pem")), read(os.path.join(secure_dir, "node.pem"))
        broker.extra_args += ["--add-scram", "SCRAM-SHA-512=[name=alice,password=alice-secret-1]"]
        broker.restart()
        wait_for_instructions(broker, secure_dir, 2)
        check_equal(read(os.path.join(secure_dir, "ca.pem")), ca_pem, "ca.pem after a restart")
        check_equal(read(os.path.join(secure_dir, "node.pem")), keystore, "node.pem after a restart")
        check_equal(read(os.path.join(secure_dir, "admin.password")).decode().strip(), password,
                    "admin.password after a restart")
        check("(the local CA made earlier)" in broker.log_text().split("===== start #2:")[-1],
              "sluiced should say it reused the CA")
        got, errors = consume(conf, "secure-orders", 20)
        check_equal(got, [f"order {i}" for i in range(20)], f"admin's records after the restart (errors {errors[:3]})")
        log("a restart on the same DIR reused the CA, the node certificate and the password")

        alice = {**conf, "sasl.username": "alice", "sasl.password": "alice-secret-1"}
        left, failures = produce(alice, "secure-orders", ["alice 0"])
        check(failures and failures[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED,
              f"alice without ACLs should get TOPIC_AUTHORIZATION_FAILED, got {failures[:1]} ({left} left)")
        log("the authorizer refuses a user without ACLs")
        broker.terminate_gracefully()

        # A new DIR on the old data dir: the metadata keeps the first admin's password, and sluiced says so.
        other_dir = os.path.join(session.tmp, "secure-2")
        session.broker = broker = Sluiced(data_dir, port=port, extra_args=["--secure", other_dir])
        broker.start()
        wait_for_instructions(broker, other_dir, 1)
        check(f"warning: {other_dir}/admin.password is new but the data dir is not" in broker.log_text(),
              "sluiced should warn that a new password does not replace the admin's")
        new_conf = read_properties(os.path.join(other_dir, "kcat.conf"))
        err = failed_connection_error(new_conf)
        check_equal(err.code(), KafkaError._AUTHENTICATION, f"the new DIR's password on the old data dir ({err})")
        broker.terminate_gracefully()

        refused_to_start(["--data-dir", data_dir, "--port", str(port), "--secure", secure_dir,
                          "--set", f"listeners=PLAINTEXT://{HOST}:{port}"], "--secure with its own listeners",
                         "would change what it secures")
        secure_cluster(session.tmp)


if __name__ == "__main__":
    main_without_broker(test)
