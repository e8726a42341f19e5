"""Three `sluiced --config node-N.properties` processes forming one KRaft-style cluster on loopback; or one
`sluiced --nodes N --control-stdin` process whose nodes' links a test can cut, delay and heal.

Each node gets Kafka's KRaft property names (node.id, process.roles, listeners with a CONTROLLER listener,
controller.quorum.voters naming the three controller listeners, log.dirs), exactly as three hosts would.
"""

import contextlib
import json
import os
import queue
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from harness import (HOST, START_TIMEOUT_S, STOP_TIMEOUT_S, Sluiced, TestFailure, check, find_sluiced, free_port,
                     log, read_log)


START_ATTEMPTS = 3


class KraftNode(Sluiced):
    """One node of a multi-process cluster: its properties file says everything."""

    def __init__(self, base_dir, node_id, client_port, controller_port, voters, extra_props=None):
        self.node_id = node_id
        self.node_dir = os.path.join(base_dir, f"node-{node_id}")
        os.makedirs(self.node_dir, exist_ok=True)
        data_dir = os.path.join(self.node_dir, "data")
        super().__init__(data_dir, port=client_port, extra_args=[])
        self.log_path = os.path.join(self.node_dir, "sluiced.log")
        self.controller_port = controller_port
        self.properties_path = os.path.join(self.node_dir, "server.properties")
        props = {
            "node.id": str(node_id),
            "process.roles": "broker,controller",
            "listeners": f"PLAINTEXT://{HOST}:{client_port},CONTROLLER://{HOST}:{controller_port}",
            "controller.listener.names": "CONTROLLER",
            "controller.quorum.voters": voters,
            "log.dirs": data_dir,
        }
        props.update(extra_props or {})
        with open(self.properties_path, "w") as f:
            f.write("".join(f"{k}={v}\n" for k, v in props.items()))

    def command(self):
        return [self.binary, "--config", self.properties_path]


def _port_race(node):
    return "Address already in use" in node.log_text()


def _started(nodes):
    """Starts every node. False when one lost a port to another process between free_port() and its bind
    (other tests run at the same time); any other failure is raised with every node's output."""
    try:
        for node in nodes:
            node.start()
        time.sleep(0.3)  # a node whose port another process holds may have passed the port check and died
        if any(not n.alive() and _port_race(n) for n in nodes):
            return False
        return True
    except TestFailure:
        if any(_port_race(n) for n in nodes):
            return False
        for node in nodes:
            sys.stderr.write(f"----- node {node.node_id} output ({node.log_path}) -----\n{node.log_text()[-8000:]}\n")
        for node in nodes:
            node.stop()
        raise


@contextlib.contextmanager
def kraft_cluster(count=3, extra_props=None, node_props=None):
    """node_props(node_id, client_port, controller_port), when given, returns properties of that node alone
    (more listeners, say), applied over extra_props. Ports another process takes first are chosen again."""
    for attempt in range(START_ATTEMPTS):
        tmp = tempfile.mkdtemp(prefix="sluice-cluster-")
        ports = [(free_port(), free_port()) for _ in range(count)]
        voters = ",".join(f"{i + 1}@{HOST}:{ports[i][1]}" for i in range(count))

        def props_of(i):
            props = dict(extra_props or {})
            if node_props:
                props.update(node_props(i + 1, ports[i][0], ports[i][1]))
            return props

        nodes = [KraftNode(tmp, i + 1, ports[i][0], ports[i][1], voters, props_of(i)) for i in range(count)]
        if _started(nodes):
            break
        for node in nodes:
            node.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        log(f"another process took a port chosen for the cluster (attempt {attempt + 1}); choosing new ports")
    else:
        raise TestFailure(f"the cluster's ports were taken by other processes {START_ATTEMPTS} times")
    try:
        yield nodes
    except BaseException:
        for node in nodes:
            tail = node.log_text()[-8000:]
            sys.stderr.write(f"----- node {node.node_id} output ({node.log_path}) -----\n{tail}\n")
        raise
    finally:
        for node in nodes:
            node.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def bootstrap_of(nodes):
    return ",".join(n.bootstrap for n in nodes if n.alive())


class ControlledCluster:
    """`sluiced --nodes N --control-stdin`: N nodes in one process, driven by line commands on its stdin
    (stop N, kill N, start N, cut A B, isolate A, delay A B MS, drop A B P, heal [A B], status), each answered by one
    line on its stdout. sluiced's own lines ("sluiced: ...") and stderr go to the log file."""

    def __init__(self, base_dir, count, props):
        self.count = count
        self.data_dir = os.path.join(base_dir, "data")
        self.log_path = os.path.join(base_dir, "sluiced.log")
        self.command_line = [find_sluiced(), "--nodes", str(count), "--control-stdin", "--data-dir", self.data_dir,
                             "--port", "0", "--host", HOST]
        for key, value in (props or {}).items():
            self.command_line += ["--set", f"{key}={value}"]
        self.proc = None
        self.replies = queue.Queue()
        self.ready = threading.Event()
        self.ports = {}

    def start(self):
        self.log_file = open(self.log_path, "ab")
        self.log_file.write(f"===== {shlex.join(self.command_line)}\n".encode())
        self.log_file.flush()
        self.proc = subprocess.Popen(self.command_line, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log_file, start_new_session=True)
        self.reader = threading.Thread(target=self._read_stdout, daemon=True)
        self.reader.start()
        if not self.ready.wait(START_TIMEOUT_S):
            raise TestFailure(f"sluiced --nodes {self.count} did not start within {START_TIMEOUT_S:.0f} s")
        status = self.status()
        self.ports = {n["id"]: n["port"] for n in status["nodes"]}
        log(f"sluiced pid {self.proc.pid}: {self.count} nodes on ports {self.ports}")
        return self

    def _read_stdout(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("sluiced:"):
                self.log_file.write(raw)
                self.log_file.flush()
                if " bootstrap " in line:
                    self.ready.set()
            else:
                self.replies.put(line)
        self.replies.put(None)  # the process closed its stdout

    def command(self, line, timeout=20):
        """Sends one command and returns its reply line; an `error:` reply fails the test."""
        check(self.proc is not None and self.proc.poll() is None, f"sluiced is not running (command {line!r})")
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()
        try:
            reply = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise TestFailure(f"no reply to {line!r} within {timeout} s")
        check(reply is not None, f"sluiced exited while answering {line!r}")
        check(not reply.startswith("error:"), f"{line!r} failed: {reply}")
        log(f"control: {line} -> {reply}")
        return reply

    def status(self):
        return json.loads(self.command("status"))

    def controller(self):
        return self.status()["controller"]

    @property
    def bootstrap(self):
        return ",".join(f"{HOST}:{port}" for port in self.ports.values())

    def stop(self):
        if self.proc is None:
            return None
        proc, self.proc = self.proc, None
        proc.send_signal(signal.SIGTERM)
        try:
            status = proc.wait(timeout=STOP_TIMEOUT_S * 2)
        except subprocess.TimeoutExpired:
            proc.kill()
            status = proc.wait()
        self.reader.join(timeout=5)  # it writes sluiced's last lines to the log
        self.log_file.close()
        return status

    def log_text(self):
        return read_log(self.log_path)


@contextlib.contextmanager
def controlled_cluster(count=3, props=None):
    tmp = tempfile.mkdtemp(prefix="sluice-faults-")
    cluster = ControlledCluster(tmp, count, props)
    try:
        cluster.start()
        yield cluster
        status = cluster.stop()
        check(status == 0, f"sluiced --nodes {count} should exit 0 on SIGTERM, got {status}")
    except BaseException:
        cluster.stop()
        tail = cluster.log_text()[-20000:]
        sys.stderr.write(f"----- sluiced output ({cluster.log_path}) -----\n{tail}\n----- end -----\n")
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
