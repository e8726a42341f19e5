"""Three `sluiced --config node-N.properties` processes forming one KRaft-style cluster on loopback.

Each node gets Kafka's KRaft property names (node.id, process.roles, listeners with a CONTROLLER listener,
controller.quorum.voters naming the three controller listeners, log.dirs), exactly as three hosts would.
"""

import contextlib
import os
import shutil
import sys
import tempfile

from harness import HOST, Sluiced, free_port


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


@contextlib.contextmanager
def kraft_cluster(count=3, extra_props=None):
    tmp = tempfile.mkdtemp(prefix="sluice-cluster-")
    ports = [(free_port(), free_port()) for _ in range(count)]
    voters = ",".join(f"{i + 1}@{HOST}:{ports[i][1]}" for i in range(count))
    nodes = [KraftNode(tmp, i + 1, ports[i][0], ports[i][1], voters, extra_props) for i in range(count)]
    try:
        for node in nodes:
            node.start()
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
