"""Tiny harness for the interop tests: runs a real `sluiced` on 127.0.0.1 and drives real clients at it.

Only the standard library of /usr/bin/python3 (Debian's python3-confluent-kafka and python3-kafka live there).

    from harness import Sluiced, main, check

    def test(broker):            # broker.bootstrap == "127.0.0.1:<port>"
        check(1 + 1 == 2, "arithmetic")

    if __name__ == "__main__":
        main(test)

The binary comes from $SLUICED (CTest sets it to the built target), else the newest build*/sluiced/sluiced.
Extra arguments for sluiced can be given with $SLUICED_ARGS (split like a shell would).
"""

import contextlib
import glob
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HOST = "127.0.0.1"
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 10.0


class TestFailure(Exception):
    """A failed check: the message says what was expected and what came back."""


def check(condition, message):
    if not condition:
        raise TestFailure(message)


def check_equal(actual, expected, what):
    if actual != expected:
        raise TestFailure(f"{what}: expected {short(expected)}, got {short(actual)}")


def short(value, limit=300):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def find_sluiced():
    path = os.environ.get("SLUICED")
    if path:
        if not os.access(path, os.X_OK):
            raise TestFailure(f"$SLUICED={path} is not an executable file")
        return path
    candidates = [p for p in glob.glob(os.path.join(REPO_ROOT, "build*", "sluiced", "sluiced"))
                  if os.access(p, os.X_OK)]
    if not candidates:
        raise TestFailure("no sluiced binary: set $SLUICED or build the `sluiced` target first")
    return max(candidates, key=os.path.getmtime)


def free_port():
    """A loopback port nobody listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_accepts(port, timeout=0.5):
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


class Sluiced:
    """One sluiced process on a data dir and a loopback port; can be stopped and restarted on both."""

    def __init__(self, data_dir, port=None, binary=None, extra_args=None):
        self.binary = binary or find_sluiced()
        self.data_dir = data_dir
        self.port = port or free_port()
        if extra_args is None:
            extra_args = shlex.split(os.environ.get("SLUICED_ARGS", ""))
        self.extra_args = list(extra_args)
        self.log_path = os.path.join(os.path.dirname(data_dir), "sluiced.log")
        self.proc = None
        self.starts = 0

    @property
    def bootstrap(self):
        return f"{HOST}:{self.port}"

    def command(self):
        return [self.binary, "--data-dir", self.data_dir, "--port", str(self.port), *self.extra_args]

    def start(self):
        check(self.proc is None, "sluiced already running")
        self.starts += 1
        with open(self.log_path, "ab") as log_file:
            log_file.write(f"===== start #{self.starts}: {shlex.join(self.command())}\n".encode())
            log_file.flush()
            self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=log_file,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                self.proc = None
                raise TestFailure(f"sluiced exited with status {code} before accepting connections")
            if port_accepts(self.port):
                log(f"sluiced pid {self.proc.pid} listening on {self.bootstrap} (data dir {self.data_dir})")
                return self
            time.sleep(0.05)
        self.kill()
        raise TestFailure(f"sluiced did not accept TCP connections on {self.bootstrap} within {START_TIMEOUT_S:.0f} s")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def check_alive(self, context):
        if self.proc is None:
            raise TestFailure(f"{context}: sluiced is not running")
        code = self.proc.poll()
        if code is not None:
            raise TestFailure(f"{context}: sluiced died (exit status {code})")

    def stop(self, sig=signal.SIGTERM, timeout=STOP_TIMEOUT_S):
        """Sends `sig`, waits up to `timeout` s, then SIGKILL. Returns the exit status (None if not running)."""
        if self.proc is None:
            return None
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            try:
                proc.send_signal(sig)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                log(f"sluiced pid {proc.pid} ignored {signal.Signals(sig).name} for {timeout:.0f} s: SIGKILL")
                proc.kill()
                proc.wait(timeout=STOP_TIMEOUT_S)
                return "killed after timeout"
        return proc.returncode

    def kill(self):
        return self.stop(signal.SIGKILL)

    def terminate_gracefully(self):
        """SIGTERM and insist on a clean, prompt exit: status 0 (or 143 = 128 + SIGTERM, as the JVM's Kafka does)."""
        status = self.stop(signal.SIGTERM)
        check(status in (0, 143), f"sluiced should handle SIGTERM and exit with status 0 within "
                                  f"{STOP_TIMEOUT_S:.0f} s, got {status} (negative = died of that signal)")

    def restart(self, sig=signal.SIGTERM):
        status = self.stop(sig)
        log(f"sluiced stopped with {signal.Signals(sig).name} (status {status}); restarting on the same data dir and port")
        return self.start()

    def log_text(self):
        return read_log(self.log_path)


def read_log(path):
    """A process's log file as text, or a note that there is none."""
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"


class SluicedSession:
    """A scratch directory and the sluiced that runs in it, once the test has started one."""

    def __init__(self, prefix):
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.broker = None


@contextlib.contextmanager
def sluiced_session(prefix="sluice-interop-"):
    """A fresh temp dir for a test that writes its own broker files before it starts sluiced (set `.broker`);
    the broker is always stopped and the dir removed afterwards, and on failure its log is dumped to stderr."""
    session = SluicedSession(prefix)
    try:
        yield session
    except BaseException:
        if session.broker is not None:
            tail = session.broker.log_text()[-20000:]
            sys.stderr.write(f"----- sluiced output ({session.broker.log_path}, last 20000 chars) -----\n{tail}\n"
                             "----- end of sluiced output -----\n")
        raise
    finally:
        if session.broker is not None:
            session.broker.stop()
        shutil.rmtree(session.tmp, ignore_errors=True)


@contextlib.contextmanager
def running_sluiced(extra_args=None):
    """A fresh temp data dir with sluiced running on it; always stopped and removed afterwards.

    On failure the sluiced log is dumped to stderr before cleaning up."""
    with sluiced_session() as session:
        session.broker = Sluiced(os.path.join(session.tmp, "data"), extra_args=extra_args)
        os.makedirs(session.broker.data_dir)
        session.broker.start()
        yield session.broker


def run(cmd, *, input=None, timeout=120, check_status=True, env=None, what=None):
    """Runs a client command with a bound on time; returns CompletedProcess with bytes stdout/stderr."""
    what = what or os.path.basename(cmd[0])
    try:
        result = subprocess.run(cmd, input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        stderr = (e.stderr or b"").decode("utf-8", "replace")[-4000:]
        raise TestFailure(f"{what} did not finish within {timeout} s: {shlex.join(cmd)}\nstderr:\n{stderr}")
    if check_status and result.returncode != 0:
        raise TestFailure(f"{what} exited with status {result.returncode}: {shlex.join(cmd)}\n"
                          f"stderr:\n{result.stderr.decode('utf-8', 'replace')[-4000:]}")
    return result


def wait_until(predicate, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TestFailure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def main(test, extra_args=None):
    """Runs `test(broker)` against a fresh sluiced; prints one result line and exits 0 or 1."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    started = time.monotonic()
    try:
        with running_sluiced(extra_args) as broker:
            test(broker)
            broker.check_alive("after the test")
    except TestFailure as e:
        print(f"FAIL {name}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except Exception:  # a bug in the test or a client exception: still a clear failure
        traceback.print_exc()
        print(f"FAIL {name}: unexpected exception (see traceback above)", file=sys.stderr, flush=True)
        sys.exit(1)
    print(f"PASS {name} in {time.monotonic() - started:.1f} s", flush=True)
    sys.exit(0)


def main_without_broker(test):
    """Runs `test()` that starts its own processes (a cluster); prints one result line and exits 0 or 1."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    started = time.monotonic()
    try:
        test()
    except TestFailure as e:
        print(f"FAIL {name}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        print(f"FAIL {name}: unexpected exception (see traceback above)", file=sys.stderr, flush=True)
        sys.exit(1)
    print(f"PASS {name} in {time.monotonic() - started:.1f} s", flush=True)
    sys.exit(0)
