#!/usr/bin/python3
"""kafkajs 2.2.4's admin client against sluiced (tests/interop/kafkajs/admin.js does the work): createTopics
with configs, validateOnly and errors, fetchTopicMetadata, describeConfigs with synonyms, alterConfigs,
createPartitions, deleteTopicRecords (read back with fetchTopicOffsets) and deleteTopics."""

import json
import os
import shutil

from harness import TestFailure, check, log, main, run

HERE = os.path.dirname(os.path.abspath(__file__))
KAFKAJS_DIR = os.path.join(HERE, "kafkajs")


def test(broker):
    node = shutil.which("node")
    check(node is not None, "node is not on PATH (scripts/install-deps.sh installs nodejs)")
    check(os.path.isdir(os.path.join(KAFKAJS_DIR, "node_modules", "kafkajs")),
          f"kafkajs is not installed in {KAFKAJS_DIR}/node_modules: run `npm ci` there (make deps does)")
    result = run([node, os.path.join(KAFKAJS_DIR, "admin.js"), broker.bootstrap], timeout=150, what="node admin.js",
                 check_status=False)
    stdout = result.stdout.decode("utf-8", "replace").strip()
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0:
        raise TestFailure(f"admin.js exited with status {result.returncode}:\n{stderr[-4000:]}\n{stdout[-2000:]}")
    try:
        summary = json.loads(stdout.splitlines()[-1])
    except (ValueError, IndexError):
        raise TestFailure(f"admin.js printed no JSON summary: {stdout[-2000:]!r}\nstderr: {stderr[-2000:]}")
    check(summary.get("ok"), f"admin.js did not report success: {summary}")
    log(f"kafkajs admin passed: {', '.join(summary['steps'])}")


if __name__ == "__main__":
    main(test)
