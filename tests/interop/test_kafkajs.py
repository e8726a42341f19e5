#!/usr/bin/python3
"""kafkajs 2.2.4 (tests/interop/kafkajs, installed by `npm ci` from the committed lock file) against sluiced:
produce with keys/headers/timestamps (plain and gzip batches) to an auto-created topic, admin listTopics,
fetchTopicOffsets and fetchTopicOffsetsByTimestamp; the records are read back with kcat, since kafkajs can only consume through
consumer groups, which sluiced doesn't have yet."""

import json
import os
import shutil
import time

import kcat_client as kcat
from harness import TestFailure, check, check_equal, log, main, run

HERE = os.path.dirname(os.path.abspath(__file__))
KAFKAJS_DIR = os.path.join(HERE, "kafkajs")
TOPIC = "kafkajs-topic"
N = 2000
STEP_MS = 10


def test(broker):
    node = shutil.which("node")
    check(node is not None, "node is not on PATH (scripts/install-deps.sh installs nodejs)")
    check(os.path.isdir(os.path.join(KAFKAJS_DIR, "node_modules", "kafkajs")),
          f"kafkajs is not installed in {KAFKAJS_DIR}/node_modules: run `npm ci` there (make deps does)")

    base_ms = int(time.time() * 1000) - 1_800_000
    result = run([node, os.path.join(KAFKAJS_DIR, "produce_consume.js"), broker.bootstrap, TOPIC, str(N),
                  str(base_ms)], timeout=150, what="node produce_consume.js")
    stdout = result.stdout.decode("utf-8", "replace").strip()
    try:
        summary = json.loads(stdout.splitlines()[-1])
    except (ValueError, IndexError):
        raise TestFailure(f"produce_consume.js printed no JSON summary: {stdout[-2000:]!r}\n"
                          f"stderr: {result.stderr.decode('utf-8', 'replace')[-2000:]}")
    check(summary.get("ok"), f"produce_consume.js did not report success: {summary}")
    log(f"kafkajs produced {N} records: {summary}")

    got = kcat.consume(broker.bootstrap, TOPIC)
    check_equal(len(got), N, "records read back with kcat")
    for i, record in enumerate(got):
        where = f"{TOPIC} record #{i}"
        check_equal(record["offset"], i, f"{where}: offset")
        check_equal(record["key"], f"kjs-{i:05d}".encode(), f"{where}: key")
        check_equal(record["value"], (f"kafkajs value {i} " * (1 + i % 11)).encode(), f"{where}: value")
        check_equal(record["headers"], [("h1", "v1"), ("idx", str(i))], f"{where}: headers")
        check_equal(record["timestamp"], base_ms + i * STEP_MS, f"{where}: timestamp")
    log(f"kcat read back all {N} kafkajs records intact")


if __name__ == "__main__":
    main(test)
