"""Produce and consume throughput of sluiced, one node and a 3-node cluster, measured with librdkafka's own tool.

One node: starts sluiced on a free loopback port (tests/interop/harness.py), then for each acks setting (1, all)
and compression codec (none, lz4, zstd) produces 1,000,000 records of 100 bytes to a fresh one-partition topic,
and consumes some of those topics from the beginning. Prints a table of records/s and MB/s (the tool's own
figures, median of BENCH_REPEATS runs) plus wall time (process start to exit) and what the log holds on disk
(size, codec of the first stored batch). The producer runs with linger.ms=5 (librdkafka's default; the tool's
own 1000 ms would add a second to every run); its payload is a repeated text pattern, so it compresses far
better than real data.

Three nodes: `sluiced --nodes 3` (three nodes in one process on ports P..P+2, metadata on the Raft quorum); the
same matrix, counts and sizes, but every topic is created first with AdminClient (python3-confluent-kafka) with
replication factor 3 and min.insync.replicas=2 (auto-creation is off, so nothing can land on one replica), and
waited for until all three replicas are in sync. After each topic's produce runs the three replicas' `.log`
files (DATA/node-1..3/<topic>-0/) must become byte-identical, or the benchmark fails: a fast number from a
cluster that silently stopped replicating would be misleading.

Both modes also measure produce latency at a fixed rate (rdkafka_performance -l -A: send time to delivery
report, per record) for acks=1 and acks=all, and print a table comparing the two modes.

The tool is rdkafka_performance, built from librdkafka-dev's example source by bench/CMakeLists.txt
($RDKAFKA_PERFORMANCE); without it, kcat (`kcat -P -l FILE`) produces and consumes instead (no latency rows).
Checks only that every record was delivered and read back (and, on 3 nodes, replicated); timing is reported,
never asserted.

    /usr/bin/python3 bench/produce_consume.py            # or: make bench
    BENCH_RECORDS=200000 /usr/bin/python3 bench/produce_consume.py   # a quicker run
    BENCH_NODES=3 /usr/bin/python3 bench/produce_consume.py          # only the cluster (default "1,3")
"""

import contextlib
import glob
import hashlib
import importlib.util
import os
import re
import shutil
import socket
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "interop"))
from harness import (HOST, REPO_ROOT, Sluiced, TestFailure, check, log, main_without_broker,  # noqa: E402
                     running_sluiced, run, wait_until)

RECORDS = int(os.environ.get("BENCH_RECORDS", "1000000"))
RECORD_SIZE = 100
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))  # each run is repeated; the table shows the median
NODE_COUNTS = [int(n) for n in os.environ.get("BENCH_NODES", "1,3").split(",")]  # 1 = one node, 3 = cluster
CLUSTER_NODES = 3
REPLICATION_FACTOR = 3
MIN_INSYNC_REPLICAS = 2
TOOL_TIMEOUT_S = 120  # per produce or consume run; a healthy run takes a few seconds
REPLICAS_EQUAL_TIMEOUT_S = 30  # followers long-poll; after the last ack they need at most one more fetch
LATENCY_RATE = 10000  # records/s for the latency runs: well below saturation, so queueing does not dominate
LATENCY_RECORDS = 20000
PRODUCE_MATRIX = [(acks, codec) for acks in ("1", "all") for codec in ("none", "lz4", "zstd")]
CONSUME_TOPICS = [("1", "none"), ("1", "lz4"), ("1", "zstd")]
LATENCY_ACKS = ["1", "all"]
CODEC_NAMES = {0: "none", 1: "gzip", 2: "snappy", 3: "lz4", 4: "zstd"}


def find_rdkafka_performance():
    path = os.environ.get("RDKAFKA_PERFORMANCE")
    if path and os.access(path, os.X_OK):
        return path
    candidates = [p for p in glob.glob(os.path.join(REPO_ROOT, "build*", "bench", "rdkafka_performance"))
                  if os.access(p, os.X_OK)]
    return max(candidates, key=os.path.getmtime) if candidates else None


def topic_name(acks, codec):
    return f"bench-acks{'all' if acks == 'all' else acks}-{codec}"


def latency_topic(acks):
    return f"bench-latency-acks{acks}"


def log_files(partition_dir):
    return sorted(glob.glob(os.path.join(partition_dir, "*.log")))


def stored(broker, topic):
    """(bytes on disk in the partition's .log files, codec of the first batch) for partition 0 of `topic`
    (on a cluster: the first node's replica; replicas_identical() checks the others hold the same)."""
    files = log_files(broker.partition_dirs(topic)[0])
    size = sum(os.path.getsize(f) for f in files)
    codec = "?"
    if files:
        with open(files[0], "rb") as f:
            head = f.read(23)  # baseOffset(8) batchLength(4) leaderEpoch(4) magic(1) crc(4) attributes(2)
        if len(head) == 23:
            codec = CODEC_NAMES.get(struct.unpack(">h", head[21:23])[0] & 7, "?")
    return size, codec


def median_run(runs):
    """The run with the median rate of (seconds, records/s, MB/s, wall seconds) tuples."""
    return sorted(runs, key=lambda r: r[1])[len(runs) // 2]


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


class SingleNode:
    """One sluiced (harness.Sluiced), topics auto-created with one partition."""
    nodes = 1
    label = "1 node"

    def __init__(self, broker):
        self.broker = broker
        self.bootstrap = broker.bootstrap

    def partition_dirs(self, topic):
        return [os.path.join(self.broker.data_dir, f"{topic}-0")]

    def prepare_topics(self, topics):
        pass  # auto.create.topics.enable=true, num.partitions=1

    def check_alive(self, context):
        self.broker.check_alive(context)

    def replicas_identical(self, topic):
        return None


class LocalClusterProcess(Sluiced):
    """`sluiced --nodes 3 --data-dir DIR --port P`: nodes 1..3 on ports P..P+2 in one process."""

    def command(self):
        return [*super().command(), "--nodes", str(CLUSTER_NODES)]


def free_port_run(count):
    """A loopback port P with P..P+count-1 all free right now (held open together while checking)."""
    for _ in range(50):
        held = []
        try:
            first = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            held.append(first)
            first.bind((HOST, 0))
            port = first.getsockname()[1]
            if port + count - 1 > 65535:
                continue
            for p in range(port + 1, port + count):
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                held.append(s)
                s.bind((HOST, p))
            return port
        except OSError:
            continue
        finally:
            for s in held:
                s.close()
    raise TestFailure(f"found no {count} consecutive free loopback ports")


class Cluster:
    """A 3-node `sluiced --nodes 3`; topics created with RF=3 and min.insync.replicas=2 by AdminClient."""
    nodes = CLUSTER_NODES
    label = f"{CLUSTER_NODES} nodes RF={REPLICATION_FACTOR}"

    def __init__(self, proc):
        from confluent_kafka.admin import AdminClient  # python3-confluent-kafka (Debian), checked by the caller
        self.proc = proc
        self.bootstrap = ",".join(f"{HOST}:{proc.port + i}" for i in range(CLUSTER_NODES))
        self.admin = AdminClient({"bootstrap.servers": self.bootstrap})

    def partition_dirs(self, topic):
        return [os.path.join(self.proc.data_dir, f"node-{i}", f"{topic}-0") for i in range(1, CLUSTER_NODES + 1)]

    def check_alive(self, context):
        self.proc.check_alive(context)

    def partition_state(self, topic):
        t = self.admin.list_topics(topic=topic, timeout=10).topics.get(topic)
        if t is None or t.error is not None or 0 not in t.partitions:
            return None
        p = t.partitions[0]
        return p.leader, sorted(p.replicas), sorted(p.isrs)

    def wait_for_brokers(self):
        wait_until(lambda: len(self.admin.list_topics(timeout=10).brokers) == CLUSTER_NODES, 30,
                   f"metadata to list {CLUSTER_NODES} brokers")

    def prepare_topics(self, topics):
        from confluent_kafka.admin import NewTopic
        self.wait_for_brokers()
        futures = self.admin.create_topics(
            [NewTopic(t, 1, REPLICATION_FACTOR, config={"min.insync.replicas": str(MIN_INSYNC_REPLICAS)})
             for t in topics], operation_timeout=30)
        for topic, future in futures.items():
            future.result(60)
        for topic in topics:
            state = wait_until(lambda: (lambda s: s if s and s[0] >= 0 and len(s[2]) == REPLICATION_FACTOR else None)(
                self.partition_state(topic)), 30, f"{topic} to have a leader and {REPLICATION_FACTOR} in-sync replicas")
            log(f"{topic}: RF={REPLICATION_FACTOR}, min.insync.replicas={MIN_INSYNC_REPLICAS}, leader {state[0]}, "
                f"replicas {state[1]}, isr {state[2]}")

    def replicas_identical(self, topic):
        """Waits until the replicas' .log files are byte-identical; returns a one-line report, or fails.

        Cheap first (same segment names and sizes on every node), then a SHA-256 of each replica's bytes."""
        def layout(d):
            return [(os.path.basename(f), os.path.getsize(f)) for f in log_files(d)]

        def digest(d):
            h = hashlib.sha256()
            for f in log_files(d):
                with open(f, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
            return h.hexdigest()

        dirs = self.partition_dirs(topic)
        started = time.monotonic()
        while True:
            layouts = [layout(d) for d in dirs]
            if layouts[0] and all(x == layouts[0] for x in layouts[1:]):
                digests = [digest(d) for d in dirs]
                if all(x == digests[0] for x in digests[1:]):
                    break
            if time.monotonic() - started > REPLICAS_EQUAL_TIMEOUT_S:
                sizes = "; ".join(f"node-{i + 1}: {x}" for i, x in enumerate(layouts))
                raise TestFailure(f"{topic}: replicas differ {REPLICAS_EQUAL_TIMEOUT_S} s after the last ack "
                                  f"({sizes}); state {self.partition_state(topic)}")
            time.sleep(0.2)
        waited = time.monotonic() - started
        state = self.partition_state(topic)
        check(state is not None and len(state[2]) >= MIN_INSYNC_REPLICAS, f"{topic}: partition state {state}")
        report = (f"{topic}: {len(dirs)} replicas byte-identical ({sum(n for _, n in layouts[0]):,} B in "
                  f"{len(layouts[0])} segment(s), sha256 {digests[0][:12]}, confirmed {waited:.1f} s after the last "
                  f"ack, hashing included), leader {state[0]}, isr {state[2]}")
        log(report)
        return report


class RdkafkaPerformance:
    name = "rdkafka_performance"

    def __init__(self, path, workdir):
        self.path = path
        self.workdir = workdir

    def produce(self, broker, topic, acks, codec):
        cmd = [self.path, "-P", "-t", topic, "-p", "0", "-b", broker.bootstrap, "-s", str(RECORD_SIZE),
               "-c", str(RECORDS), "-a", "-1" if acks == "all" else acks, "-q",
               # the tool's own default is linger.ms=1000, which adds a second to every run; 5 ms is librdkafka's
               "-X", "linger.ms=5"]
        if codec != "none":
            cmd += ["-z", codec]
        out = run(cmd, timeout=TOOL_TIMEOUT_S, what="rdkafka_performance -P").stdout.decode("utf-8", "replace")
        m = re.search(r"(\d+) messages produced \((\d+) bytes\), (\d+) delivered \(offset -?\d+, (\d+) failed\) "
                      r"in (\d+)ms: (\d+) msgs/s and ([\d.]+) MB/s", out)
        check(m is not None, f"rdkafka_performance -P printed no summary:\n{out[-2000:]}")
        delivered, failed = int(m.group(3)), int(m.group(4))
        check(delivered == RECORDS and failed == 0,
              f"produce to {topic}: {delivered} of {RECORDS} delivered, {failed} failed")
        return int(m.group(5)) / 1000.0, int(m.group(6)), float(m.group(7))

    def consume(self, broker, topic):
        cmd = [self.path, "-C", "-t", topic, "-p", "0", "-b", broker.bootstrap, "-o", "beginning",
               "-c", str(RECORDS), "-q"]
        out = run(cmd, timeout=TOOL_TIMEOUT_S, what="rdkafka_performance -C").stdout.decode("utf-8", "replace")
        m = re.search(r"(\d+) messages \((\d+) bytes\) consumed in (\d+)ms: (\d+) msgs/s \(([\d.]+) MB/s\)", out)
        check(m is not None, f"rdkafka_performance -C printed no summary:\n{out[-2000:]}")
        # It may count a few batches past -c (whole compressed batches arrive at once); the rate is its own.
        check(int(m.group(1)) >= RECORDS, f"consume from {topic}: read {m.group(1)} of {RECORDS} records")
        return int(m.group(3)) / 1000.0, int(m.group(4)), float(m.group(5))

    def latency(self, broker, topic, acks):
        """Per-record produce latency (send to delivery report, ms) at LATENCY_RATE: (p50, p99, max, count)."""
        path = os.path.join(self.workdir, f"latency-{topic}.txt")
        cmd = [self.path, "-P", "-t", topic, "-p", "0", "-b", broker.bootstrap, "-s", str(RECORD_SIZE),
               "-c", str(LATENCY_RECORDS), "-a", "-1" if acks == "all" else acks, "-q", "-X", "linger.ms=5",
               "-r", str(LATENCY_RATE), "-l", "-A", path]
        run(cmd, timeout=TOOL_TIMEOUT_S, what="rdkafka_performance -P -l")
        with open(path) as f:
            values = sorted(int(line) / 1000.0 for line in f if line.strip())  # the tool writes microseconds
        check(len(values) == LATENCY_RECORDS, f"latency run on {topic}: {len(values)} of {LATENCY_RECORDS} reports")
        return percentile(values, 0.50), percentile(values, 0.99), values[-1], len(values)


class Kcat:
    """Fallback: kcat produces lines of a file (-l) and consumes to /dev/null; rates are from wall time."""
    name = "kcat"

    def __init__(self, path, workdir):
        self.path = path
        self.payload_file = os.path.join(workdir, "records.txt")
        line = ("x" * (RECORD_SIZE - 1) + "\n").encode()
        with open(self.payload_file, "wb") as f:
            for _ in range(RECORDS):
                f.write(line)

    def produce(self, broker, topic, acks, codec):
        cmd = [self.path, "-P", "-b", broker.bootstrap, "-t", topic, "-p", "0", "-l", "-X",
               f"acks={'-1' if acks == 'all' else acks}", "-z", codec, self.payload_file]
        started = time.monotonic()
        run(cmd, timeout=TOOL_TIMEOUT_S, what="kcat -P")
        elapsed = time.monotonic() - started
        return elapsed, int(RECORDS / elapsed), RECORDS * RECORD_SIZE / elapsed / 1e6

    def consume(self, broker, topic):
        cmd = [self.path, "-C", "-b", broker.bootstrap, "-t", topic, "-p", "0", "-o", "beginning",
               "-c", str(RECORDS), "-e", "-q", "-f", "%o\n"]
        started = time.monotonic()
        out = run(cmd, timeout=TOOL_TIMEOUT_S, what="kcat -C").stdout
        elapsed = time.monotonic() - started
        count = out.count(b"\n")
        check(count == RECORDS, f"consume from {topic}: read {count} of {RECORDS} records")
        return elapsed, int(RECORDS / elapsed), RECORDS * RECORD_SIZE / elapsed / 1e6

    latency = None


def bench(broker, tool):
    """Runs the whole matrix against `broker` (SingleNode or Cluster); returns (rows, latency rows, replica notes)."""
    topics = [topic_name(a, c) for a, c in PRODUCE_MATRIX]
    if tool.latency:
        topics += [latency_topic(a) for a in LATENCY_ACKS]
    broker.prepare_topics(topics)
    rows, latency_rows, replica_notes = [], [], []
    for acks, codec in PRODUCE_MATRIX:
        topic = topic_name(acks, codec)
        runs = []
        for i in range(REPEATS):  # appends to the same topic; consumers below read its first RECORDS
            wall_started = time.monotonic()
            runs.append((*tool.produce(broker, topic, acks, codec), time.monotonic() - wall_started))
            if i == 0:
                size, stored_codec = stored(broker, topic)
        seconds, rate, mbps, wall = median_run(runs)
        rows.append((f"produce acks={acks}", codec, rate, mbps, seconds, wall, size, stored_codec))
        log(f"{broker.label}: produce acks={acks} codec={codec}: {rate} records/s, {mbps:.2f} MB/s ({seconds:.2f} s, "
            f"wall {wall:.2f} s), on disk {size / 1e6:.1f} MB stored as {stored_codec}")
        broker.check_alive(f"after producing to {topic}")
        note = broker.replicas_identical(topic)
        if note:
            replica_notes.append(note)
    for acks, codec in CONSUME_TOPICS:
        topic = topic_name(acks, codec)
        runs = []
        for _ in range(REPEATS):
            wall_started = time.monotonic()
            runs.append((*tool.consume(broker, topic), time.monotonic() - wall_started))
        seconds, rate, mbps, wall = median_run(runs)
        size, stored_codec = stored(broker, topic)
        size = size // REPEATS  # the topic holds REPEATS produce runs
        rows.append(("consume from beginning", codec, rate, mbps, seconds, wall, size, stored_codec))
        log(f"{broker.label}: consume {topic}: {rate} records/s, {mbps:.2f} MB/s ({seconds:.2f} s, wall {wall:.2f} s)")
        broker.check_alive(f"after consuming {topic}")
    if tool.latency:
        for acks in LATENCY_ACKS:
            topic = latency_topic(acks)
            p50, p99, worst, count = tool.latency(broker, topic, acks)
            latency_rows.append((acks, p50, p99, worst, count))
            log(f"{broker.label}: produce latency acks={acks} at {LATENCY_RATE} records/s: p50 {p50:.2f} ms, "
                f"p99 {p99:.2f} ms, max {worst:.2f} ms ({count} records)")
            broker.check_alive(f"after the latency run on {topic}")
            note = broker.replicas_identical(topic)
            if note:
                replica_notes.append(note)

    print(f"\n{tool.name}, {broker.label}, {RECORDS} records x {RECORD_SIZE} B, 1 partition, median of {REPEATS} "
          f"runs, bootstrap {broker.bootstrap}")
    print("| run | codec asked | records/s | MB/s | tool s | wall s | on disk MB | stored as |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for run_name, codec, rate, mbps, seconds, wall, size, stored_codec in rows:
        print(f"| {run_name} | {codec} | {rate:,} | {mbps:.1f} | {seconds:.2f} | {wall:.2f} | "
              f"{size / 1e6:.1f} | {stored_codec} |")
    if latency_rows:
        print(f"\nproduce latency at {LATENCY_RATE:,} records/s, {LATENCY_RECORDS:,} records, linger.ms=5 "
              "(send to delivery report)")
        print("| acks | p50 ms | p99 ms | max ms |")
        print("|---|---:|---:|---:|")
        for acks, p50, p99, worst, _ in latency_rows:
            print(f"| {acks} | {p50:.2f} | {p99:.2f} | {worst:.2f} |")
    print(flush=True)
    for run_name, codec, *_, stored_codec in rows:
        if codec != stored_codec and run_name.startswith("produce"):
            log(f"note: {run_name} asked for {codec} but the log holds {stored_codec} batches "
                "(the client chose not to compress; see BENCHMARKS.md)")
    return rows, latency_rows, replica_notes


@contextlib.contextmanager
def running_cluster():
    """`sluiced --nodes 3` on a fresh temp data dir; always stopped and removed, its log dumped on failure."""
    tmp = tempfile.mkdtemp(prefix="sluice-bench-cluster-")
    proc = cluster = None
    try:
        proc = LocalClusterProcess(os.path.join(tmp, "data"), port=free_port_run(CLUSTER_NODES),
                                   extra_args=["--set", "auto.create.topics.enable=false"])
        os.makedirs(proc.data_dir)
        proc.start()
        cluster = Cluster(proc)
        yield cluster
    except BaseException:
        if proc is not None:
            sys.stderr.write(f"----- sluiced --nodes {CLUSTER_NODES} output ({proc.log_path}, last 20000 chars) "
                             f"-----\n{proc.log_text()[-20000:]}\n----- end of sluiced output -----\n")
        raise
    finally:
        if cluster is not None:
            cluster.admin = None  # destroys the AdminClient first: no reconnect noise while the nodes stop
        if proc is not None:
            proc.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def compare(results):
    """Prints one table with the modes side by side (and the ratio of the last mode to the first)."""
    labels = [label for label, _ in results]
    print(f"comparison, records/s (MB/s), {RECORDS} x {RECORD_SIZE} B, median of {REPEATS}")
    print("| run | codec | " + " | ".join(labels) + f" | {labels[-1]} / {labels[0]} |")
    print("|---|---|" + "---:|" * (len(labels) + 1))
    first_rows = results[0][1][0]
    for i, (run_name, codec, *_) in enumerate(first_rows):
        cells = [f"{rows[i][2]:,} ({rows[i][3]:.1f})" for _, (rows, _, _) in results]
        ratio = results[-1][1][0][i][2] / max(1, first_rows[i][2])
        print(f"| {run_name} | {codec} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    latency = [(label, lat) for label, (_, lat, _) in results if lat]
    if len(latency) == len(results):
        for j, (acks, *_) in enumerate(latency[0][1]):
            cells = [f"p50 {lat[j][1]:.2f} / p99 {lat[j][2]:.2f} ms" for _, lat in latency]
            print(f"| produce latency acks={acks} @ {LATENCY_RATE:,}/s | none | " + " | ".join(cells) + " | |")
    print(flush=True)


def bench_all():
    workdir = tempfile.mkdtemp(prefix="sluice-bench-")
    try:
        perf = find_rdkafka_performance()
        if perf:
            tool = RdkafkaPerformance(perf, workdir)
        else:
            kcat = shutil.which("kcat") or shutil.which("kafkacat")
            check(kcat is not None, "neither rdkafka_performance (build the bench/ targets) nor kcat is available")
            log("rdkafka_performance not built: falling back to kcat")
            tool = Kcat(kcat, workdir)
        log(f"tool: {tool.name}; {RECORDS} records of {RECORD_SIZE} bytes per run, one partition per topic; "
            f"modes: {NODE_COUNTS} node(s)")
        results = []
        for nodes in NODE_COUNTS:
            if nodes == 1:
                with running_sluiced(["--set", "auto.create.topics.enable=true", "--set", "num.partitions=1"]) as b:
                    broker = SingleNode(b)
                    results.append((broker.label, bench(broker, tool)))
                    b.check_alive("after the benchmark")
            else:
                if importlib.util.find_spec("confluent_kafka") is None:
                    log(f"python3-confluent-kafka missing: the {CLUSTER_NODES}-node benchmark is skipped")
                    continue
                with running_cluster() as broker:
                    results.append((broker.label, bench(broker, tool)))
                    broker.check_alive("after the benchmark")
        for label, (_, _, notes) in results:
            if notes:
                log(f"{label}: all {len(notes)} topics' replicas byte-identical after their runs (see above)")
        if len(results) > 1:
            compare(results)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if RECORDS <= 0 or not 1 <= REPEATS <= 10:
        raise SystemExit("BENCH_RECORDS must be positive and BENCH_REPEATS between 1 and 10")
    if not NODE_COUNTS or any(n not in (1, CLUSTER_NODES) for n in NODE_COUNTS):
        raise SystemExit(f"BENCH_NODES must list 1 and/or {CLUSTER_NODES}, e.g. \"1,{CLUSTER_NODES}\"")
    main_without_broker(bench_all)
