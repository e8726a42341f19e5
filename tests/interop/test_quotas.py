#!/usr/bin/env python3
"""Client quotas (KIP-13, KIP-219, KIP-546) with a real client: producer_byte_rate is set for one client-id with
AlterClientQuotas (neither confluent-kafka 1.7 nor kafka-python 2.0.2 has a client quota admin API, so the
request is built here, v0, on a raw socket), DescribeClientQuotas returns it, and a confluent-kafka producer
with that client-id sending as fast as it can is held to the quota: its delivered byte rate after the first
second is within 20 % of the quota, and librdkafka reports throttle events with throttle_time > 0 (the
broker's throttle_time_ms). A producer with another client-id is not held back. On a three-node KRaft cluster,
AlterClientQuotas sent to any node is forwarded to the active controller and every node describes the result.

The broker runs with quota.window.num=2 (windows of 1 s): with Kafka's default 11 windows a fresh client is
measured over at least 10 s, so within a few seconds it is allowed a burst of ten seconds' quota, which this
short test could not tell from no quota at all. With 2 windows the rate a throttled client keeps swings with the
window's 2 s cycle (each second a whole window is forgotten), so the rate is measured over whole cycles."""

import socket
import struct
import time

from cluster_harness import kraft_cluster
from confluent_util import producer
from harness import HOST, TestFailure, check, check_equal, log, main_without_broker, running_sluiced, wait_until

QUOTA = 256 * 1024  # bytes per second
CLIENT_ID = "quota-producer"
TOPIC = "quota-demo"
VALUE = b"q" * 1000
RUN_S = 7.0
SETTLED_FROM_S = 1.0  # the 6 s after it span whole cycles of the 2 s window
IO_TIMEOUT_S = 10.0


# --- a raw v0 request (header v1: api key, version, correlation id, client id) ------------------------------

def string(s):
    data = s.encode()
    return struct.pack(">h", len(data)) + data


def nullable_string(s):
    return struct.pack(">h", -1) if s is None else string(s)


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values[0]

    def string(self):
        n = self.take(">h")
        if n < 0:
            return None
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s

    def array(self, item):
        n = self.take(">i")
        return None if n < 0 else [item() for _ in range(n)]


def call(port, api_key, body, correlation_id=1):
    frame = struct.pack(">hhi", api_key, 0, correlation_id) + string("quota-admin") + body
    with socket.create_connection((HOST, port), timeout=IO_TIMEOUT_S) as s:
        s.sendall(struct.pack(">i", len(frame)) + frame)
        size = struct.unpack(">i", recv_exactly(s, 4))[0]
        reply = Reader(recv_exactly(s, size))
    check_equal(reply.take(">i"), correlation_id, "correlation id")
    return reply


def recv_exactly(s, n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        if not chunk:
            raise TestFailure("the broker closed the connection")
        out += chunk
    return out


def alter_quota(port, client_id, key, value):
    entity = struct.pack(">i", 1) + string("client-id") + nullable_string(client_id)
    ops = struct.pack(">i", 1) + string(key) + struct.pack(">d?", value, False)
    body = struct.pack(">i", 1) + entity + ops + struct.pack(">?", False)
    r = call(port, 49, body)
    r.take(">i")  # throttle time

    def entry():
        code, message = r.take(">h"), r.string()
        r.array(lambda: (r.string(), r.string()))
        return code, message

    return r.array(entry)


def describe_quotas(port, client_id):
    component = string("client-id") + struct.pack(">b", 0) + nullable_string(client_id)
    r = call(port, 48, struct.pack(">i", 1) + component + struct.pack(">?", False))
    r.take(">i")
    code, message = r.take(">h"), r.string()
    check_equal(code, 0, f"DescribeClientQuotas error ({message})")

    def entry():
        entity = r.array(lambda: (r.string(), r.string()))
        values = r.array(lambda: (r.string(), r.take(">d")))
        return entity, dict(values)

    return r.array(entry)


# --- the producer ---------------------------------------------------------------------------------------------

def flood(bootstrap, client_id, seconds):
    """Produces as fast as the client lets us for `seconds`; returns (delivery times and sizes, throttle events)."""
    delivered, throttles = [], []
    p = producer(bootstrap, **{"client.id": client_id, "acks": 1, "linger.ms": 5,
                               "queue.buffering.max.kbytes": 256, "batch.size": 16384,
                               "throttle_cb": lambda event: throttles.append(event.throttle_time)})

    def on_delivery(err, msg):
        if err is None:
            delivered.append((time.monotonic(), len(msg.value())))

    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            p.produce(TOPIC, value=VALUE, partition=0, on_delivery=on_delivery)
            p.poll(0)
        except BufferError:
            p.poll(0.01)
    p.flush(15)
    return start, delivered, throttles


def rate_between(start, delivered, begin_s, end_s):
    sent = sum(n for t, n in delivered if begin_s <= t - start < end_s)
    return sent / (end_s - begin_s)


def test(broker):
    port = int(broker.bootstrap.rsplit(":", 1)[1])
    results = alter_quota(port, CLIENT_ID, "producer_byte_rate", float(QUOTA))
    check_equal(results, [(0, None)], "AlterClientQuotas result")
    bad = alter_quota(port, CLIENT_ID, "producer_bytes_rate", 1.0)
    check(bad[0][0] == 42 and "producer_bytes_rate" in (bad[0][1] or ""), f"an unknown key is refused: {bad}")
    described = describe_quotas(port, CLIENT_ID)
    check_equal(described, [([("client-id", CLIENT_ID)], {"producer_byte_rate": float(QUOTA)})],
                "DescribeClientQuotas entries")

    start, delivered, throttles = flood(broker.bootstrap, CLIENT_ID, RUN_S)
    settled = rate_between(start, delivered, SETTLED_FROM_S, RUN_S)
    overall = rate_between(start, delivered, 0, RUN_S)
    log(f"quota {QUOTA} B/s: settled rate {settled:.0f} B/s, overall {overall:.0f} B/s, "
        f"{len(throttles)} throttle events, largest {max(throttles, default=0):.3f} s")
    check(throttles and max(throttles) > 0, "the producer saw no throttle event")
    check(abs(settled - QUOTA) <= 0.2 * QUOTA, f"settled rate {settled:.0f} B/s is not within 20 % of {QUOTA}")

    # Another client-id has no quota: it goes much faster (or the quota was not what held the first one).
    start, delivered, throttles = flood(broker.bootstrap, "free-producer", 2.0)
    free = rate_between(start, delivered, 0, 2.0)
    log(f"unlimited client: {free:.0f} B/s, {len(throttles)} throttle events")
    check(not throttles, f"a client without quota was throttled: {throttles[:5]}")
    check(free > 2 * QUOTA, f"a client without quota only managed {free:.0f} B/s")


def test_cluster():
    with kraft_cluster(3) as nodes:
        ports = [int(n.bootstrap.rsplit(":", 1)[1]) for n in nodes]

        def altered(port, client_id):  # NOT_CONTROLLER until the quorum has elected its leader
            return alter_quota(port, client_id, "consumer_byte_rate", 4096.0) == [(0, None)]

        for i, port in enumerate(ports):
            wait_until(lambda: altered(port, f"client-{i}"), 20, f"AlterClientQuotas through node {i + 1}")
        for i, port in enumerate(ports):
            wait_until(lambda: all(describe_quotas(port, f"client-{c}") == [
                ([("client-id", f"client-{c}")], {"consumer_byte_rate": 4096.0})] for c in range(len(ports))),
                10, f"node {i + 1} describes every node's quota")


def test_all():
    with running_sluiced(["--set", "quota.window.num=2"]) as broker:
        test(broker)
        broker.check_alive("after the test")
    test_cluster()


if __name__ == "__main__":
    main_without_broker(test_all)
