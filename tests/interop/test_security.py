#!/usr/bin/python3
"""Secured listeners with real clients, against one sluiced with four listeners (PLAINTEXT, SSL with
ssl.client.auth=required, SASL_SSL and SASL_PLAINTEXT) and certificates made for this run with the openssl CLI
in a temp dir (nothing secret is committed):
- kcat and confluent-kafka produce and consume over SASL_SSL with SCRAM-SHA-512 (users from --add-scram);
- kcat and confluent-kafka produce and consume over mTLS; a client certificate whose subject no
  ssl.principal.mapping.rules rule maps is refused (so the RFC 2253 subject order is what Kafka shows);
- a wrong password fails with SASL_AUTHENTICATION_FAILED as the client reports it (librdkafka's
  _AUTHENTICATION with the broker's message);
- a plaintext client on the TLS port and a TLS client on the plaintext port are closed cleanly, the broker
  logs each once and keeps serving (a plaintext client on the PLAINTEXT listener still works);
- a request before SASL authentication closes the connection;
- kafkajs with SASL PLAIN over TLS produces and consumes (a consumer group);
- kafka-python 2.0.2 over SASL_PLAINTEXT with SCRAM-SHA-256 (its SaslHandshake v0 + bare tokens flow)."""

import json
import os
import shutil
import socket
import ssl
import struct
import subprocess
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition, OFFSET_BEGINNING

import kcat_client as kcat
from harness import (HOST, Sluiced, TestFailure, check, check_equal, free_port, log, main_without_broker, run,
                     sluiced_session, wait_until)

HERE = os.path.dirname(os.path.abspath(__file__))
KAFKAJS_DIR = os.path.join(HERE, "kafkajs")
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
KEY_PASSWORD = "server-key-pass"
JAAS = ('org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" '
        'password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";')


def openssl(*args, cwd):
    subprocess.run([OPENSSL, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=30)


def make_certificates(d):
    """A CA, the broker's certificate for 127.0.0.1 (key encrypted with KEY_PASSWORD, in one PEM with its
    chain) and two client certificates: alice (OU=eng, mapped) and mallory (OU=other, not mapped)."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Sluice Test CA",
            cwd=d)
    with open(os.path.join(d, "san.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name, subject, ext in [("server", "/O=Sluice/CN=localhost", ["-extfile", "san.ext"]),
                               ("alice", "/O=Sluice/OU=eng/CN=alice", []),
                               ("mallory", "/O=Sluice/OU=other/CN=mallory", [])]:
        openssl("req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", subject, cwd=d)
        openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", f"{name}.crt", "-days", "2", *ext, cwd=d)
    openssl("pkcs8", "-topk8", "-in", "server.key", "-out", "server-encrypted.key", "-v2", "aes-256-cbc",
            "-passout", f"pass:{KEY_PASSWORD}", cwd=d)
    with open(os.path.join(d, "server.pem"), "w") as out:
        for part in ("server-encrypted.key", "server.crt", "ca.pem"):
            with open(os.path.join(d, part)) as f:
                out.write(f.read())
    return {name: os.path.join(d, f) for name, f in
            [("ca", "ca.pem"), ("keystore", "server.pem"), ("alice_crt", "alice.crt"), ("alice_key", "alice.key"),
             ("mallory_crt", "mallory.crt"), ("mallory_key", "mallory.key")]}


def broker_properties(ports, files):
    return "\n".join([
        f"listeners=PLAINTEXT://{HOST}:{ports['PLAINTEXT']},SSL://{HOST}:{ports['SSL']},"
        f"SASL_SSL://{HOST}:{ports['SASL_SSL']},SASL_PLAINTEXT://{HOST}:{ports['SASL_PLAINTEXT']}",
        "ssl.keystore.type=PEM",
        f"ssl.keystore.location={files['keystore']}",
        f"ssl.key.password={KEY_PASSWORD}",
        "ssl.truststore.type=PEM",
        f"ssl.truststore.location={files['ca']}",
        "listener.name.ssl.ssl.client.auth=required",
        "listener.name.ssl.ssl.principal.mapping.rules=RULE:^CN=(.*?),OU=eng,O=Sluice$/$1/L",
        "sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256,PLAIN",
        f"listener.name.sasl_ssl.plain.sasl.jaas.config={JAAS}",
        f"listener.name.sasl_plaintext.plain.sasl.jaas.config={JAAS}",
        "",
    ])


def sasl_ssl_conf(ports, files, mechanism="SCRAM-SHA-512", user="alice", password="alice-secret"):
    return {"bootstrap.servers": f"{HOST}:{ports['SASL_SSL']}", "security.protocol": "SASL_SSL",
            "sasl.mechanism": mechanism, "sasl.username": user, "sasl.password": password,
            "ssl.ca.location": files["ca"]}


def mtls_conf(ports, files, who="alice"):
    return {"bootstrap.servers": f"{HOST}:{ports['SSL']}", "security.protocol": "SSL",
            "ssl.ca.location": files["ca"], "ssl.certificate.location": files[f"{who}_crt"],
            "ssl.key.location": files[f"{who}_key"]}


def kcat_args(conf):
    args = []
    for key, value in conf.items():
        if key != "bootstrap.servers":
            args += ["-X", f"{'sasl.mechanisms' if key == 'sasl.mechanism' else key}={value}"]
    return args


def kcat_round_trip(conf, topic, n=50):
    bootstrap = conf["bootstrap.servers"]
    records = [(f"k{i}".encode(), f"{topic} value {i}".encode()) for i in range(n)]
    kcat.produce(bootstrap, topic, records, extra=kcat_args(conf), timeout=30)
    got = kcat.consume(bootstrap, topic, extra=kcat_args(conf), timeout=30)
    check_equal([(r["key"], r["value"]) for r in got], records, f"kcat records read back from {topic}")


def confluent_round_trip(conf, topic, n=50):
    producer = Producer({**conf, "acks": "all", "linger.ms": 5, "message.timeout.ms": 20000})
    failures = []
    for i in range(n):
        producer.produce(topic, key=f"c{i}".encode(), value=f"{topic} confluent {i}".encode(), partition=0,
                         on_delivery=lambda err, msg: err and failures.append(err))
    check_equal(producer.flush(20), 0, f"confluent producer to {topic}: records left undelivered")
    check(not failures, f"confluent producer to {topic}: delivery failures {failures[:3]}")
    consumer = Consumer({**conf, "group.id": f"{topic}-group", "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})
    try:
        consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        got = []
        deadline = time.monotonic() + 20
        while len(got) < n and time.monotonic() < deadline:
            msg = consumer.poll(0.5)
            if msg is not None and msg.error() is None:
                got.append(msg.value().decode())
        check_equal(got, [f"{topic} confluent {i}" for i in range(n)], f"confluent consumer of {topic}")
    finally:
        consumer.close()


def failed_connection_error(conf):
    """The error librdkafka reports for a connection that cannot authenticate (error_cb), within 10 s."""
    errors = []
    producer = Producer({**conf, "error_cb": errors.append, "reconnect.backoff.ms": 2000,
                         "reconnect.backoff.max.ms": 5000})
    try:
        producer.list_topics(timeout=2)
        raise TestFailure(f"list_topics succeeded with {conf.get('sasl.username') or conf.get('ssl.certificate.location')}")
    except KafkaException:
        pass
    deadline = time.monotonic() + 5
    while not errors and time.monotonic() < deadline:
        producer.poll(0.2)
    check(errors, "librdkafka reported no error for the refused connection")
    return errors[0]


def api_versions_v0_request(correlation_id=1):
    client = b"sluice-raw"
    body = struct.pack(">hhih", 18, 0, correlation_id, len(client)) + client
    return struct.pack(">i", len(body)) + body


def metadata_v0_request(correlation_id=2):
    client = b"sluice-raw"
    body = struct.pack(">hhih", 3, 0, correlation_id, len(client)) + client + struct.pack(">i", 0)
    return struct.pack(">i", len(body)) + body


def read_until_closed(sock, timeout=5.0):
    """Everything the broker sends until it closes the connection; fails if it stays open for `timeout`."""
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk
    except ConnectionResetError:
        return data
    except socket.timeout:
        raise TestFailure(f"the broker kept the connection open for {timeout} s")


def check_plaintext_on_tls_port(port):
    with socket.create_connection((HOST, port), timeout=5) as s:
        s.sendall(api_versions_v0_request())
        data = read_until_closed(s)
    # Whatever came back is a TLS alert, never a Kafka response to correlation id 1.
    check(len(data) < 4 or data[:4] != struct.pack(">i", len(data) - 4) or data[0] == 0x15,
          f"the TLS listener answered a plaintext ApiVersions: {data[:40]!r}")


def check_tls_on_plaintext_port(port, ca):
    context = ssl.create_default_context(cafile=ca)
    with socket.create_connection((HOST, port), timeout=5) as raw:
        try:
            with context.wrap_socket(raw, server_hostname=HOST) as tls:
                tls.recv(1)
            raise TestFailure("a TLS handshake succeeded on the PLAINTEXT listener")
        except (ssl.SSLError, ConnectionResetError, OSError) as e:
            log(f"TLS client on the plaintext port failed as it should: {e.__class__.__name__}: {e}")


def check_requests_before_authentication_close(port):
    """SASL listener: ApiVersions is answered, Metadata before SaslHandshake closes the connection."""
    with socket.create_connection((HOST, port), timeout=5) as s:
        s.sendall(api_versions_v0_request())
        size = struct.unpack(">i", s.recv(4, socket.MSG_WAITALL))[0]
        response = s.recv(size, socket.MSG_WAITALL)
        check_equal(struct.unpack(">ih", response[:6]), (1, 0), "ApiVersions before authentication: id, error")
        s.sendall(metadata_v0_request())
        check_equal(read_until_closed(s), b"", "answer to Metadata before authentication")


def kafka_python_scram(ports, topic, n=20):
    from kafka import KafkaConsumer, KafkaProducer
    conf = dict(bootstrap_servers=f"{HOST}:{ports['SASL_PLAINTEXT']}", security_protocol="SASL_PLAINTEXT",
                sasl_mechanism="SCRAM-SHA-256", sasl_plain_username="alice", sasl_plain_password="alice-secret")
    producer = KafkaProducer(acks="all", **conf)
    for i in range(n):
        producer.send(topic, key=f"kp{i}".encode(), value=f"kafka-python {i}".encode(), partition=0)
    producer.flush(20)
    producer.close(5)
    consumer = KafkaConsumer(topic, auto_offset_reset="earliest", consumer_timeout_ms=3000,
                             enable_auto_commit=False, **conf)
    got = [m.value.decode() for m in consumer]
    consumer.close()
    check_equal(got, [f"kafka-python {i}" for i in range(n)], "kafka-python records over SASL_PLAINTEXT SCRAM-SHA-256")


def kafkajs_plain_over_tls(ports, files, topic, n=20):
    node = shutil.which("node")
    check(node is not None, "node is not on PATH (scripts/install-deps.sh installs nodejs)")
    check(os.path.isdir(os.path.join(KAFKAJS_DIR, "node_modules", "kafkajs")),
          f"kafkajs is not installed in {KAFKAJS_DIR}/node_modules: run `npm ci` there (make deps does)")
    script = os.path.join(KAFKAJS_DIR, "secure_produce_consume.js")
    bootstrap = f"{HOST}:{ports['SASL_SSL']}"
    result = run([node, script, bootstrap, files["ca"], "alice", "alice-secret", topic, str(n)], timeout=70,
                 what="node secure_produce_consume.js")
    summary = json.loads(result.stdout.decode().strip().splitlines()[-1])
    check(summary.get("ok"), f"kafkajs did not succeed: {summary}")
    check_equal(sorted(summary["consumed"]), sorted(f"secure value {i}" for i in range(n)), "kafkajs consumed values")
    wrong = run([node, script, bootstrap, files["ca"], "alice", "wrong", topic, "1"], timeout=70, check_status=False,
                what="node secure_produce_consume.js (wrong password)")
    check_equal(wrong.returncode, 4, f"kafkajs with a wrong password: exit status (stdout {wrong.stdout[-500:]!r})")
    error = json.loads(wrong.stdout.decode().strip().splitlines()[-1])["error"]
    check("SASL_AUTHENTICATION_FAILED" in error or "Invalid username or password" in error,
          f"kafkajs's error for a wrong PLAIN password: {error}")


def test():
    with sluiced_session("sluice-security-") as session:
        tmp = session.tmp
        files = make_certificates(tmp)
        ports = {name: free_port() for name in ("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT")}
        properties = os.path.join(tmp, "broker.properties")
        with open(properties, "w") as f:
            f.write(broker_properties(ports, files))
        data_dir = os.path.join(tmp, "data")
        os.makedirs(data_dir)
        session.broker = broker = Sluiced(data_dir, port=ports["PLAINTEXT"], extra_args=[
            "--config", properties,
            "--add-scram", "SCRAM-SHA-512=[name=alice,password=alice-secret]",
            "--add-scram", "SCRAM-SHA-256=[name=alice,iterations=8192,password=alice-secret]"])
        broker.start()
        wait_until(lambda: all(port_open(p) for p in ports.values()), 10, "every listener to accept connections")

        kcat_round_trip(sasl_ssl_conf(ports, files), "scram-kcat")
        confluent_round_trip(sasl_ssl_conf(ports, files), "scram-confluent")
        log("kcat and confluent-kafka produced and consumed over SASL_SSL with SCRAM-SHA-512")
        kcat_round_trip(mtls_conf(ports, files), "mtls-kcat")
        confluent_round_trip(mtls_conf(ports, files), "mtls-confluent")
        log("kcat and confluent-kafka produced and consumed over mTLS")

        err = failed_connection_error(sasl_ssl_conf(ports, files, password="not-alice-secret"))
        check_equal(err.code(), KafkaError._AUTHENTICATION, f"error code for a wrong password ({err})")
        check("invalid credentials with SASL mechanism SCRAM-SHA-512" in err.str(),
              f"librdkafka should show the broker's SASL_AUTHENTICATION_FAILED message, got: {err.str()}")
        err = failed_connection_error(sasl_ssl_conf(ports, files, mechanism="PLAIN", password="wrong"))
        check("Invalid username or password" in err.str(), f"PLAIN with a wrong password: {err.str()}")
        log(f"wrong passwords refused: {err.str()}")
        err = failed_connection_error(mtls_conf(ports, files, who="mallory"))
        log(f"a certificate no mapping rule applies to is refused: {err.str()}")

        check_plaintext_on_tls_port(ports["SSL"])
        check_plaintext_on_tls_port(ports["SASL_SSL"])
        check_tls_on_plaintext_port(ports["PLAINTEXT"], files["ca"])
        check_tls_on_plaintext_port(ports["SASL_PLAINTEXT"], files["ca"])
        check_requests_before_authentication_close(ports["SASL_PLAINTEXT"])
        broker.check_alive("after the mismatched clients")
        kcat_round_trip({"bootstrap.servers": f"{HOST}:{ports['PLAINTEXT']}"}, "plain-after")
        log_text = broker.log_text()
        check_equal(log_text.count(f"TLS handshake with {HOST}:"), 2, "TLS handshake failures logged (two plaintext clients)")
        check_equal(log_text.count("(a TLS client on a plaintext listener?)"), 2, "TLS clients on plaintext listeners logged")
        check("No rules apply to CN=mallory,OU=other,O=Sluice" in log_text,
              "mallory's subject should be reported in RFC 2253 order as Kafka shows it")
        log("mismatched clients were closed and logged once each; the PLAINTEXT listener still serves")

        kafkajs_plain_over_tls(ports, files, "kafkajs-plain-tls")
        log("kafkajs produced and consumed over TLS with SASL PLAIN")
        kafka_python_scram(ports, "kafka-python-scram")
        log("kafka-python produced and consumed over SASL_PLAINTEXT with SCRAM-SHA-256")
        broker.check_alive("at the end")
        broker.terminate_gracefully()


def port_open(port):
    try:
        with socket.create_connection((HOST, port), timeout=0.5):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    main_without_broker(test)
