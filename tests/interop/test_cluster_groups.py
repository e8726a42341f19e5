"""Consumer groups on a three-process cluster: the coordinator of a group is the leader of its
__consumer_offsets partition (RF 3), every node's FindCoordinator names it, and the others answer
NOT_COORDINATOR. A confluent-kafka consumer commits on an RF=3 topic; kill -9 of the coordinator's node moves
the coordination to a surviving replica, which has the committed offsets: read through another node they are
intact, the lag is right, and a new consumer of the group resumes from the committed offset.
"""

import signal
import socket
import struct
import time

from confluent_kafka import Consumer, KafkaError, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

import confluent_util as cu
from cluster_harness import bootstrap_of, kraft_cluster
from harness import HOST, check, check_equal, log, main_without_broker, wait_until

TOPIC = "grouped"
GROUP = "cluster-group"
OFFSETS_PARTITIONS = 6
TOTAL = 200
COMMITTED = 120
PROPS = {"replica.lag.time.max.ms": "3000", "auto.create.topics.enable": "false",
         "broker.session.timeout.ms": "3000", "broker.heartbeat.interval.ms": "500",
         "offsets.topic.num.partitions": str(OFFSETS_PARTITIONS), "offsets.topic.replication.factor": "3",
         "group.initial.rebalance.delay.ms": "100", "group.min.session.timeout.ms": "1000"}
NOT_COORDINATOR = 16


def java_hash(s):
    h = 0
    for ch in s.encode("utf-16-be").decode("utf-16-be"):
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= (1 << 31) else h


def find_coordinator(node, group):
    """FindCoordinator v0 on the wire: (error code, node id, host, port)."""
    client = b"cluster-groups-test"
    body = struct.pack(">h", len(group)) + group.encode()
    header = struct.pack(">hhih", 10, 0, 7, len(client)) + client
    with socket.create_connection((HOST, node.port), timeout=10) as s:
        s.sendall(struct.pack(">i", len(header) + len(body)) + header + body)
        size = struct.unpack(">i", _read(s, 4))[0]
        data = _read(s, size)
    _, error, node_id, host_len = struct.unpack(">ihih", data[:12])
    host = data[12:12 + host_len].decode()
    port = struct.unpack(">i", data[12 + host_len:16 + host_len])[0]
    return error, node_id, host, port


def offset_fetch_error(node, group):
    """OffsetFetch v2 for one partition of TOPIC: the top-level error code."""
    client = b"cluster-groups-test"
    body = (struct.pack(">h", len(group)) + group.encode() + struct.pack(">i", 1) +
            struct.pack(">h", len(TOPIC)) + TOPIC.encode() + struct.pack(">ii", 1, 0))
    header = struct.pack(">hhih", 9, 2, 8, len(client)) + client
    with socket.create_connection((HOST, node.port), timeout=10) as s:
        s.sendall(struct.pack(">i", len(header) + len(body)) + header + body)
        size = struct.unpack(">i", _read(s, 4))[0]
        data = _read(s, size)
    return struct.unpack(">h", data[-2:])[0]


def _read(s, n):
    out = b""
    while len(out) < n:
        chunk = s.recv(n - len(out))
        check(chunk, "connection closed mid-response")
        out += chunk
    return out


def metadata(bootstrap, topic=None):
    # An admin client, not a consumer: a consumer with a group.id asks for its coordinator at once, which
    # would create __consumer_offsets before every broker is registered (with a smaller replication factor).
    return AdminClient({"bootstrap.servers": bootstrap}).list_topics(topic=topic, timeout=10)


def offsets_leader(bootstrap, partition):
    t = metadata(bootstrap, "__consumer_offsets").topics.get("__consumer_offsets")
    if t is None or t.error is not None or partition not in t.partitions:
        return None
    p = t.partitions[partition]
    return p.leader, sorted(p.replicas), sorted(p.isrs)


def brokers_seen(bootstrap):
    return len(metadata(bootstrap).brokers)


def group_consumer(bootstrap, name):
    return Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP, "client.id": name,
                     "enable.auto.commit": False, "auto.offset.reset": "earliest",
                     "session.timeout.ms": 6000, "heartbeat.interval.ms": 500})


def consume(c, count, timeout):
    got = []
    deadline = time.monotonic() + timeout
    while len(got) < count:
        check(time.monotonic() < deadline, f"timed out consuming: {len(got)} of {count}")
        msg = c.poll(0.2)
        if msg is None:
            continue
        if msg.error():
            check(msg.error().code() == KafkaError._PARTITION_EOF, f"consumer error {msg.error()}")
            continue
        got.append(msg)
    return got


def committed_and_lag(bootstrap):
    c = group_consumer(bootstrap, "lag-reader")
    try:
        tp = c.committed([TopicPartition(TOPIC, 0)], timeout=10)[0]
        check(tp.error is None, f"committed() failed: {tp.error}")
        _, high = c.get_watermark_offsets(TopicPartition(TOPIC, 0), timeout=10)
        return tp.offset, high - tp.offset
    finally:
        c.close()


def test():
    with kraft_cluster(3, PROPS) as nodes:
        for node in nodes:
            wait_until(lambda: brokers_seen(node.bootstrap) == 3, 30, f"node {node.node_id} to list 3 brokers")
        boot = bootstrap_of(nodes)
        admin = AdminClient({"bootstrap.servers": boot})
        admin.create_topics([NewTopic(TOPIC, 1, 3)], operation_timeout=30)[TOPIC].result(60)
        wait_until(lambda: (lambda t: t is not None and t.partitions and t.partitions[0].leader >= 0)(
            metadata(boot, TOPIC).topics.get(TOPIC)), 30, f"{TOPIC} to have a leader")
        cu.produce_all(cu.producer(boot), TOPIC, [{"key": b"k%d" % i, "value": b"v%d" % i} for i in range(TOTAL)])
        log(f"{TOTAL} records in {TOPIC} (RF 3)")

        # The first FindCoordinator creates __consumer_offsets; until it has leaders the answer is
        # COORDINATOR_NOT_AVAILABLE. Then every node names the leader of the group's partition.
        partition = abs(java_hash(GROUP)) % OFFSETS_PARTITIONS

        def agreed():
            answers = [find_coordinator(n, GROUP) for n in nodes]
            if any(a[0] != 0 for a in answers) or len({a[1] for a in answers}) != 1:
                return None
            state = offsets_leader(boot, partition)
            return answers[0] if state and state[0] == answers[0][1] and len(state[2]) == 3 else None
        error, coordinator, host, port = wait_until(agreed, 60, "every node to name the same coordinator")
        state = offsets_leader(boot, partition)
        check_equal(state[1], [1, 2, 3], f"replicas of __consumer_offsets-{partition}")
        log(f"coordinator of {GROUP}: node {coordinator} ({host}:{port}), leader of __consumer_offsets-{partition}")
        for n in nodes:
            if n.node_id != coordinator:
                check_equal(offset_fetch_error(n, GROUP), NOT_COORDINATOR, f"OffsetFetch at node {n.node_id}")
        log("the other nodes answer NOT_COORDINATOR")

        c = group_consumer(boot, "first")
        c.subscribe([TOPIC])
        got = consume(c, COMMITTED, 60)
        check_equal([m.offset() for m in got], list(range(COMMITTED)), "offsets consumed by the first member")
        c.commit(message=got[-1], asynchronous=False)
        c.close()
        check_equal(committed_and_lag(boot), (COMMITTED, TOTAL - COMMITTED), "committed offset and lag")
        log(f"committed {COMMITTED} (lag {TOTAL - COMMITTED}) at node {coordinator}")

        dead = next(n for n in nodes if n.node_id == coordinator)
        dead.stop(signal.SIGKILL)
        log(f"killed the coordinator, node {coordinator}, with SIGKILL")
        survivors = [n for n in nodes if n.alive()]

        def moved():
            answers = [find_coordinator(n, GROUP) for n in survivors]
            ok = all(a[0] == 0 and a[1] == answers[0][1] and a[1] != coordinator for a in answers)
            return answers[0][1] if ok else None
        new_coordinator = wait_until(moved, 60, "a surviving replica to coordinate the group")
        log(f"node {new_coordinator} coordinates {GROUP} now")

        # Read through a node that is not the new coordinator: the client finds the coordinator itself.
        other = next(n for n in survivors if n.node_id != new_coordinator)
        check_equal(wait_until(lambda: (lambda r: r if r[0] == COMMITTED else None)(committed_and_lag(other.bootstrap)),
                               30, "the committed offset at the new coordinator"),
                    (COMMITTED, TOTAL - COMMITTED), "committed offset and lag after the failover")
        log(f"offset {COMMITTED} and lag {TOTAL - COMMITTED} survive the coordinator's death")

        c = group_consumer(other.bootstrap, "second")
        c.subscribe([TOPIC])
        rest = consume(c, TOTAL - COMMITTED, 60)
        check_equal([m.offset() for m in rest], list(range(COMMITTED, TOTAL)), "the new member resumes at the commit")
        c.commit(message=rest[-1], asynchronous=False)
        c.close()
        check_equal(committed_and_lag(other.bootstrap), (TOTAL, 0), "committed offset and lag at the end")
        log(f"a new member resumed at {COMMITTED}, read the rest and committed {TOTAL}: lag 0")


if __name__ == "__main__":
    main_without_broker(test)
