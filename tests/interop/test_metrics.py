"""Prometheus /metrics of a real sluiced (--metrics-port): the page parses as text exposition format 0.0.4
under a strict parser; producing and consuming with confluent-kafka moves Kafka's broker-topic and request
metrics by at least what was sent; other paths get 404 and other methods 405; each node of
`sluiced --nodes 3` serves its own page, exactly one of them is the active controller, and a stopped node shows
as under-replicated partitions and ISR shrinks on the others, then ISR expands once it is back."""

import http.client
import math
import re
import shutil
import tempfile
import time

from cluster_harness import ControlledCluster
from confluent_util import consumer, producer, produce_all
from confluent_kafka import TopicPartition
from harness import HOST, TestFailure, check, free_port, log, main, wait_until

METRICS_PORT = free_port()
TOPIC = "metrics-demo"
RECORDS = 300
VALUE_BYTES = 100

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"'
SAMPLE = re.compile(rf"^({NAME})(?:\{{((?:{LABEL})(?:,{LABEL})*)?\}})? (\S+)(?: (-?\d+))?$")
TYPES = ("counter", "gauge", "histogram", "summary", "untyped")


def parse_value(text, line):
    if text in ("+Inf", "-Inf", "NaN"):
        return float(text)
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        raise TestFailure(f"not a number {text!r} in {line!r}")
    return float(text)


def unescape(value):
    return re.sub(r'\\(\\|"|n)', lambda m: "\n" if m.group(1) == "n" else m.group(1), value)


def parse_exposition(text):
    """Strict text format 0.0.4: returns {family: {"type", "help", "samples": [(name, labels, value)]}}.

    Every sample belongs to a family declared by a TYPE line before it; HELP and TYPE at most once per family;
    a family's samples are contiguous; values parse; label names are not repeated; no duplicate series;
    histograms have cumulative _bucket series per label set ending with le="+Inf" equal to _count, and a _sum."""
    check(text.endswith("\n"), "the page must end with a line feed")
    families = {}
    current = None
    closed = set()
    series = set()
    for line in text.split("\n")[:-1]:
        if line.startswith("#"):
            parts = line.split(" ", 3)
            if len(parts) >= 3 and parts[1] in ("HELP", "TYPE"):
                name = parts[2]
                check(re.fullmatch(NAME, name), f"bad metric name in {line!r}")
                fam = families.setdefault(name, {"type": None, "help": None, "samples": []})
                check(name not in closed, f"{name} declared again after other families: {line!r}")
                key = parts[1].lower()
                check(fam[key] is None, f"second {parts[1]} line for {name}")
                if parts[1] == "TYPE":
                    check(len(parts) == 4 and parts[3] in TYPES, f"bad TYPE line {line!r}")
                    check(not fam["samples"], f"TYPE of {name} after its samples")
                    fam["type"] = parts[3]
                else:
                    fam["help"] = parts[3] if len(parts) == 4 else ""
                if current is not None and current != name:
                    closed.add(current)
                current = name
            continue  # other comments are allowed by the format
        check(line != "", "empty line inside the page")
        m = SAMPLE.match(line)
        check(m is not None, f"unparseable sample line {line!r}")
        name, labels_text, value_text = m.group(1), m.group(2), m.group(7)
        labels = {}
        if labels_text:
            for lm in re.finditer(LABEL, labels_text):
                check(lm.group(1) not in labels, f"label {lm.group(1)} twice in {line!r}")
                labels[lm.group(1)] = unescape(lm.group(2))
        value = parse_value(value_text, line)
        family = None
        for candidate in (name, re.sub(r"_(bucket|sum|count)$", "", name)):
            if candidate in families and families[candidate]["type"] is not None:
                family = candidate
                break
        check(family is not None, f"sample {name} has no TYPE declared before it")
        ftype = families[family]["type"]
        check(name == family or ftype in ("histogram", "summary"), f"{name} does not belong to {ftype} {family}")
        check(family == current, f"samples of {family} are not contiguous (at {line!r})")
        if ftype == "counter":
            check(value >= 0 and not math.isnan(value), f"negative counter {line!r}")
        key = (name, tuple(sorted(labels.items())))
        check(key not in series, f"duplicate series {line!r}")
        series.add(key)
        families[family]["samples"].append((name, labels, value))
    for family, fam in families.items():
        check(fam["type"] is not None, f"{family} has HELP but no TYPE")
        if fam["type"] == "histogram":
            check_histogram(family, fam["samples"])
    return families


def check_histogram(family, samples):
    groups = {}
    for name, labels, value in samples:
        rest = tuple(sorted((k, v) for k, v in labels.items() if k != "le"))
        g = groups.setdefault(rest, {"buckets": [], "sum": None, "count": None})
        if name == family + "_bucket":
            check("le" in labels, f"{family}_bucket without le: {labels}")
            g["buckets"].append((parse_value(labels["le"], labels["le"]), value))
        elif name == family + "_sum":
            g["sum"] = value
        elif name == family + "_count":
            g["count"] = value
        else:
            raise TestFailure(f"{name} is not a histogram series of {family}")
    for rest, g in groups.items():
        b = g["buckets"]
        check(b, f"{family}{dict(rest)} has no buckets")
        check(all(b[i][0] < b[i + 1][0] for i in range(len(b) - 1)), f"{family}{dict(rest)}: le not ascending")
        check(all(b[i][1] <= b[i + 1][1] for i in range(len(b) - 1)), f"{family}{dict(rest)}: buckets not cumulative")
        check(math.isinf(b[-1][0]) and b[-1][0] > 0, f"{family}{dict(rest)}: the last bucket is not +Inf")
        check(g["count"] is not None and g["sum"] is not None, f"{family}{dict(rest)}: no _count or _sum")
        check(b[-1][1] == g["count"], f"{family}{dict(rest)}: +Inf bucket {b[-1][1]} != _count {g['count']}")


def http_get(port, path, method="GET"):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8")
    finally:
        conn.close()


def scrape(port):
    status, headers, body = http_get(port, "/metrics")
    check(status == 200, f"GET /metrics: status {status}")
    check(headers.get("Content-Type", "").startswith("text/plain; version=0.0.4"),
          f"Content-Type {headers.get('Content-Type')!r}")
    return parse_exposition(body)


def value(families, family, **labels):
    """The sample of `family` (its own name) with exactly these labels; 0 when it has none yet."""
    for name, got, v in families.get(family, {"samples": []})["samples"]:
        if name == family and got == labels:
            return v
    return 0.0


def test(broker):
    before = scrape(METRICS_PORT)
    for family in ("kafka_server_brokertopicmetrics_bytesin_total", "kafka_network_requestmetrics_requests_total",
                   "kafka_network_requestmetrics_totaltimems", "kafka_server_replicamanager_underreplicatedpartitions",
                   "kafka_server_socketservermetrics_connection_count", "kafka_log_log_size",
                   "kafka_coordinator_group_groupmetadatamanager_numgroups"):
        check(family in before, f"{family} is not declared on /metrics")
    produce_requests_before = value(before, "kafka_network_requestmetrics_requests_total", request="Produce")

    records = [{"key": f"k{i}".encode(), "value": bytes([65 + i % 26]) * VALUE_BYTES} for i in range(RECORDS)]
    prod = producer(broker.bootstrap, **{"compression.type": "none"})
    produce_all(prod, TOPIC, records)
    log(f"produced {RECORDS} records of {VALUE_BYTES} bytes to {TOPIC}")

    after = scrape(METRICS_PORT)
    bytes_in = value(after, "kafka_server_brokertopicmetrics_bytesin_total", topic=TOPIC)
    messages_in = value(after, "kafka_server_brokertopicmetrics_messagesin_total", topic=TOPIC)
    produce_requests = value(after, "kafka_network_requestmetrics_requests_total", request="Produce")
    log(f"bytesin {bytes_in}, messagesin {messages_in}, Produce requests {produce_requests_before} -> {produce_requests}")
    check(bytes_in >= RECORDS * VALUE_BYTES, f"bytesin {bytes_in} < the {RECORDS * VALUE_BYTES} value bytes produced")
    check(messages_in >= RECORDS, f"messagesin {messages_in} < {RECORDS} records produced")
    check(messages_in <= RECORDS, f"messagesin {messages_in} counts more records than the {RECORDS} produced")
    check(produce_requests > produce_requests_before, "the Produce request count did not grow")
    produce_time = [s for s in after["kafka_network_requestmetrics_totaltimems"]["samples"]
                    if s[0].endswith("_count") and s[1] == {"request": "Produce"}]
    check(produce_time and produce_time[0][2] >= produce_requests,
          f"Produce's latency histogram counts fewer requests than {produce_requests}: {produce_time}")
    log_size = sum(v for n, labels, v in after["kafka_log_log_size"]["samples"] if labels.get("topic") == TOPIC)
    check(log_size >= RECORDS * VALUE_BYTES, f"log size of {TOPIC} is {log_size}")
    check(value(after, "kafka_server_socketservermetrics_connection_count", listener="PLAINTEXT") >= 1,
          "no connection counted on the PLAINTEXT listener while the producer is connected")
    prod.flush(5)

    # A consumer's fetches are BytesOut.
    c = consumer(broker.bootstrap)
    try:
        c.assign([TopicPartition(TOPIC, 0, 0)])
        got = 0
        deadline = time.monotonic() + 60
        while got < RECORDS and time.monotonic() < deadline:
            msg = c.poll(1.0)
            if msg is not None and msg.error() is None:
                got += 1
        check(got == RECORDS, f"consumed {got} of {RECORDS} records")
    finally:
        c.close()
    consumed = scrape(METRICS_PORT)
    bytes_out = value(consumed, "kafka_server_brokertopicmetrics_bytesout_total", topic=TOPIC)
    check(bytes_out >= RECORDS * VALUE_BYTES, f"bytesout {bytes_out} < the {RECORDS * VALUE_BYTES} value bytes consumed")
    check(value(consumed, "kafka_network_requestmetrics_requests_total", request="Fetch") >= 1, "no Fetch counted")
    check(value(consumed, "kafka_server_brokertopicmetrics_replicationbytesout_total") == 0,
          "a single node has no followers, yet replication bytes out were counted")

    for path in ("/", "/metric", "/metrics/x", "/favicon.ico"):
        status, _, _ = http_get(METRICS_PORT, path)
        check(status == 404, f"GET {path}: expected 404, got {status}")
    status, headers, _ = http_get(METRICS_PORT, "/metrics", method="POST")
    check(status == 405 and headers.get("Allow") == "GET", f"POST /metrics: {status} {headers}")
    broker.check_alive("after the bad requests")
    test_cluster_pages()


CLUSTER_TOPIC = "metrics-replicated"
CLUSTER_PROPS = {"replica.lag.time.max.ms": "1500", "replica.fetch.wait.max.ms": "200",
                 "broker.session.timeout.ms": "2000", "default.replication.factor": "3", "num.partitions": "3"}


def cluster_sum(ports, family, nodes=None):
    return sum(value(scrape(port), family) for node, port in ports.items() if nodes is None or node in nodes)


def test_cluster_pages():
    """sluiced --nodes 3 --metrics-port 0: every node serves its own page, exactly one is the active
    controller; stopping a node shrinks ISRs (under-replicated partitions, ISR shrinks on the leaders) and
    starting it again expands them."""
    tmp = tempfile.mkdtemp(prefix="sluice-metrics-")
    cluster = ControlledCluster(tmp, 3, CLUSTER_PROPS)
    cluster.command_line += ["--metrics-port", "0"]
    try:
        cluster.start()
        found = re.findall(r"node (\d+) serving metrics on http://127\.0\.0\.1:(\d+)/metrics", cluster.log_text())
        ports = {int(n): int(p) for n, p in found}
        check(len(ports) == 3 and len(set(ports.values())) == 3, f"three nodes, three metrics ports: {ports}")
        wait_until(lambda: cluster_sum(ports, "kafka_controller_kafkacontroller_activecontrollercount") == 1, 30,
                   "exactly one active controller among the pages")

        prod = producer(cluster.bootstrap)
        produce_all(prod, CLUSTER_TOPIC, [{"key": b"k", "value": b"v" * 50} for _ in range(30)])
        wait_until(lambda: cluster_sum(ports, "kafka_server_replicamanager_leadercount") >= 3, 30,
                   "the topic's three partitions led somewhere")
        wait_until(lambda: cluster_sum(ports, "kafka_server_brokertopicmetrics_replicationbytesin_total") > 0, 20,
                   "followers counting replication bytes in")
        shrinks_before = cluster_sum(ports, "kafka_server_replicamanager_isrshrinks_total")
        expands_before = cluster_sum(ports, "kafka_server_replicamanager_isrexpands_total")

        cluster.command("stop 3")
        others = {1, 2}
        wait_until(lambda: cluster_sum(ports, "kafka_server_replicamanager_underreplicatedpartitions", others) >= 1,
                   30, "under-replicated partitions once node 3 is stopped")
        check(cluster_sum(ports, "kafka_server_replicamanager_isrshrinks_total", others) > shrinks_before,
              "the ISRs shrank but no ISR shrink was counted")
        cluster.command("start 3")
        wait_until(lambda: cluster_sum(ports, "kafka_server_replicamanager_underreplicatedpartitions") == 0, 60,
                   "no under-replicated partition once node 3 is back")
        check(cluster_sum(ports, "kafka_server_replicamanager_isrexpands_total") > expands_before,
              "the ISRs expanded again but no ISR expand was counted")
        prod.flush(5)
        status = cluster.stop()
        check(status == 0, f"sluiced --nodes 3 should exit 0 on SIGTERM, got {status}")
    except BaseException:
        cluster.stop()
        print(cluster.log_text()[-10000:])
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(test, extra_args=["--metrics-port", str(METRICS_PORT)])
