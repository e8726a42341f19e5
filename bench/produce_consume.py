"""Produce and consume throughput of one sluiced node, measured with librdkafka's own performance tool.

Starts sluiced on a free loopback port (tests/interop/harness.py), then for each acks setting (1, all) and
compression codec (none, lz4, zstd) produces 1,000,000 records of 100 bytes to a fresh one-partition topic,
and consumes some of those topics from the beginning. Prints a table of records/s and MB/s (the tool's own
figures, median of BENCH_REPEATS runs) plus wall time (process start to exit) and what the log holds on disk
(size, codec of the first stored batch). The producer runs with linger.ms=5 (librdkafka's default; the tool's
own 1000 ms would add a second to every run); its payload is a repeated text pattern, so it compresses far
better than real data.

The tool is rdkafka_performance, built from librdkafka-dev's example source by bench/CMakeLists.txt
($RDKAFKA_PERFORMANCE); without it, kcat (`kcat -P -l FILE`) produces and consumes instead.
Checks only that every record was delivered and read back; timing is reported, never asserted.

    /usr/bin/python3 bench/produce_consume.py            # or: make bench
    BENCH_RECORDS=200000 /usr/bin/python3 bench/produce_consume.py   # a quicker run
"""

import glob
import os
import re
import shutil
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "interop"))
from harness import REPO_ROOT, check, log, main, run  # noqa: E402

RECORDS = int(os.environ.get("BENCH_RECORDS", "1000000"))
RECORD_SIZE = 100
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))  # each run is repeated; the table shows the median
TOOL_TIMEOUT_S = 120  # per produce or consume run; a healthy run takes a few seconds
PRODUCE_MATRIX = [(acks, codec) for acks in ("1", "all") for codec in ("none", "lz4", "zstd")]
CONSUME_TOPICS = [("1", "none"), ("1", "lz4"), ("1", "zstd")]
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


def stored(broker, topic):
    """(bytes on disk in the partition's .log files, codec of the first batch) for partition 0 of `topic`."""
    files = sorted(glob.glob(os.path.join(broker.data_dir, f"{topic}-0", "*.log")))
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


class RdkafkaPerformance:
    name = "rdkafka_performance"

    def __init__(self, path):
        self.path = path

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


def bench(broker):
    workdir = tempfile.mkdtemp(prefix="sluice-bench-")
    try:
        perf = find_rdkafka_performance()
        if perf:
            tool = RdkafkaPerformance(perf)
        else:
            kcat = shutil.which("kcat") or shutil.which("kafkacat")
            check(kcat is not None, "neither rdkafka_performance (build the bench/ targets) nor kcat is available")
            log("rdkafka_performance not built: falling back to kcat")
            tool = Kcat(kcat, workdir)
        log(f"tool: {tool.name}; {RECORDS} records of {RECORD_SIZE} bytes per run, one partition per topic")
        rows = []
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
            log(f"produce acks={acks} codec={codec}: {rate} records/s, {mbps:.2f} MB/s ({seconds:.2f} s, wall "
                f"{wall:.2f} s), on disk {size / 1e6:.1f} MB stored as {stored_codec}")
            broker.check_alive(f"after producing to {topic}")
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
            log(f"consume {topic}: {rate} records/s, {mbps:.2f} MB/s ({seconds:.2f} s, wall {wall:.2f} s)")
            broker.check_alive(f"after consuming {topic}")

        print(f"\n{tool.name}, {RECORDS} records x {RECORD_SIZE} B, 1 partition, median of {REPEATS} runs, "
              f"sluiced on {broker.bootstrap}")
        print("| run | codec asked | records/s | MB/s | tool s | wall s | on disk MB | stored as |")
        print("|---|---|---:|---:|---:|---:|---:|---|")
        for run_name, codec, rate, mbps, seconds, wall, size, stored_codec in rows:
            print(f"| {run_name} | {codec} | {rate:,} | {mbps:.1f} | {seconds:.2f} | {wall:.2f} | "
                  f"{size / 1e6:.1f} | {stored_codec} |")
        print(flush=True)
        for run_name, codec, *_, stored_codec in rows:
            if codec != stored_codec and run_name.startswith("produce"):
                log(f"note: {run_name} asked for {codec} but the log holds {stored_codec} batches "
                    "(the client chose not to compress; see BENCHMARKS.md)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    if RECORDS <= 0 or not 1 <= REPEATS <= 10:
        raise SystemExit("BENCH_RECORDS must be positive and BENCH_REPEATS between 1 and 10")
    main(bench, extra_args=["--set", "auto.create.topics.enable=true", "--set", "num.partitions=1"])
