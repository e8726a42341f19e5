"""Consumer-group lag refresh at scale: 2,000 groups on 10,000 partitions, read as the app reads them.

Starts sluiced on a free loopback port (tests/interop/harness.py) and runs sluice_groups_scale
(bench/groups_scale.cpp, $GROUPS_SCALE) against it, which sets the cluster up, times the refresh and prints a
table. Passes when the tool completed its work and sluiced is still alive; timing is reported, never asserted.
Also reports how long sluiced takes to stop on SIGTERM with that many partitions.

sluiced keeps three files open per partition (.log, .index, .timeindex): 10,000 partitions need ~30,000
descriptors, so this raises RLIMIT_NOFILE for sluiced to NOFILE_LIMIT first (as Kafka's docs ask of brokers).
Where the hard limit forbids that (a sandbox without CAP_SYS_RESOURCE), the default run shrinks the number
of topics to what fits and says so; the groups (2,000 x 5 partitions) stay, sharing partitions.

    /usr/bin/python3 bench/groups_scale.py                      # or: make bench
    GROUPS_SCALE_ARGS="20 50 200 5" /usr/bin/python3 bench/groups_scale.py   # topics partitions groups per-group
"""

import glob
import os
import resource
import shlex
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "interop"))
from harness import REPO_ROOT, TestFailure, check, log, run, running_sluiced  # noqa: E402

TOOL_TIMEOUT_S = 240
STOP_TIMEOUT_S = 60
NOFILE_LIMIT = 65536
TOPICS, PARTITIONS, GROUPS, PER_GROUP = 100, 100, 2000, 5  # the issue: 2,000 groups on 10,000 partitions
FILES_PER_PARTITION = 3
RESERVED_FILES = 50 * FILES_PER_PARTITION + 250  # __consumer_offsets (50 partitions), sockets, metadata log


def find_tool():
    path = os.environ.get("GROUPS_SCALE")
    if path and os.access(path, os.X_OK):
        return path
    candidates = [p for p in glob.glob(os.path.join(REPO_ROOT, "build*", "bench", "sluice_groups_scale"))
                  if os.access(p, os.X_OK)]
    if not candidates:
        raise TestFailure("no sluice_groups_scale: set $GROUPS_SCALE or build the bench/ targets")
    return max(candidates, key=os.path.getmtime)


def raise_nofile_limit():
    """Lets sluiced (a child of this process) open NOFILE_LIMIT files, or as many as the hard limit allows."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = NOFILE_LIMIT if hard == resource.RLIM_INFINITY else max(hard, NOFILE_LIMIT)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, want))
    except (ValueError, OSError):  # not root: the hard limit is as far as we may go
        want = hard if hard != resource.RLIM_INFINITY else NOFILE_LIMIT
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    log(f"RLIMIT_NOFILE for sluiced: {limit} (was {soft})")
    return limit


def default_args(nofile):
    topics = TOPICS
    if nofile != resource.RLIM_INFINITY:
        topics = max(1, min(TOPICS, (nofile - RESERVED_FILES) // (FILES_PER_PARTITION * PARTITIONS)))
    if topics < TOPICS:
        log(f"NOTE: {nofile} open files allow {topics * PARTITIONS} partitions at {FILES_PER_PARTITION} files each, "
            f"not {TOPICS * PARTITIONS}: running {topics} topics x {PARTITIONS} partitions")
    return [str(topics), str(PARTITIONS), str(GROUPS), str(PER_GROUP)]


def bench(broker, args):
    cmd = [find_tool(), broker.bootstrap, *args]
    log(f"running {shlex.join(cmd)}")
    result = run(cmd, timeout=TOOL_TIMEOUT_S, what="sluice_groups_scale")
    print(result.stdout.decode("utf-8", "replace"), flush=True)
    if result.stderr:
        print(result.stderr.decode("utf-8", "replace"), file=sys.stderr, flush=True)
    broker.check_alive("after the refresh")
    started = time.monotonic()
    status = broker.stop(timeout=STOP_TIMEOUT_S)
    log(f"sluiced stopped on SIGTERM in {time.monotonic() - started:.1f} s (status {status})")
    check(status in (0, 143), f"sluiced should exit cleanly on SIGTERM within {STOP_TIMEOUT_S} s, got {status}")


if __name__ == "__main__":
    started = time.monotonic()
    try:
        nofile = raise_nofile_limit()
        args = shlex.split(os.environ.get("GROUPS_SCALE_ARGS", "")) or default_args(nofile)
        with running_sluiced() as broker:
            bench(broker, args)
    except TestFailure as e:
        print(f"FAIL groups_scale: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        print("FAIL groups_scale: unexpected exception (see traceback above)", file=sys.stderr, flush=True)
        sys.exit(1)
    print(f"PASS groups_scale in {time.monotonic() - started:.1f} s", flush=True)
