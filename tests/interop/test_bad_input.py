#!/usr/bin/python3
"""Hostile and broken input on raw sockets: after each case sluiced must still be alive and answer a
hand-built ApiVersions v0 request on a new connection; at the end `kcat -L` must work.

Cases: a frame size of 2**31-1 (beyond socket.request.max.bytes) and negative sizes (the broker must close
the connection, not try to read or allocate it), a truncated frame, an unknown API key, an unsupported
ApiVersions version (error 35 UNSUPPORTED_VERSION in a v0-shaped body, then v0 works on the same
connection), an unsupported version of another API, header fields running past the frame, pipelined
requests (answered in order), and random garbage."""

import random
import socket
import struct
import time

import kcat_client as kcat
from harness import HOST, TestFailure, check, check_equal, log, main

API_VERSIONS = 18
UNSUPPORTED_VERSION = 35
IO_TIMEOUT_S = 10.0


# --- hand-built frames -------------------------------------------------------------------------------

def frame(payload):
    return struct.pack(">i", len(payload)) + payload


def header_v1(api_key, api_version, correlation_id, client_id=b"sluice-bad-input"):
    """Request header v1: api_key, api_version, correlation_id, nullable string client_id."""
    return struct.pack(">hhih", api_key, api_version, correlation_id, len(client_id)) + client_id


def uvarint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def compact_string(s):
    return uvarint(len(s) + 1) + s


def api_versions_v0(correlation_id):
    return frame(header_v1(API_VERSIONS, 0, correlation_id))


def flexible_request(api_key, api_version, correlation_id, body):
    """Header v2 (v1 + empty tagged fields), as a client sends for a flexible version."""
    return frame(header_v1(api_key, api_version, correlation_id) + uvarint(0) + body)


# --- socket helpers ----------------------------------------------------------------------------------

def connect():
    s = socket.create_connection((HOST, BROKER_PORT), timeout=IO_TIMEOUT_S)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def recv_exact(s, n):
    """n bytes, or None if the peer closed (or reset) first; raises TestFailure on timeout."""
    buf = bytearray()
    while len(buf) < n:
        try:
            chunk = s.recv(n - len(buf))
        except socket.timeout:
            raise TestFailure(f"no data from sluiced within {IO_TIMEOUT_S:.0f} s (had {len(buf)} of {n} bytes)")
        except ConnectionResetError:
            return None
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def read_response(s):
    """(correlation_id, body) of the next response, or None if the connection was closed."""
    size_bytes = recv_exact(s, 4)
    if size_bytes is None:
        return None
    (size,) = struct.unpack(">i", size_bytes)
    check(4 <= size <= 64 * 1024 * 1024, f"absurd response size {size}")
    data = recv_exact(s, size)
    check(data is not None, f"connection closed in the middle of a {size}-byte response")
    return struct.unpack(">i", data[:4])[0], data[4:]


def send_may_be_refused(s, data):
    """sendall() where the broker is allowed to close on us mid-way (it may reject the frame early)."""
    try:
        s.sendall(data)
        return True
    except (BrokenPipeError, ConnectionResetError):
        return False


def wait_closed(s, what):
    """Reads (and drops) whatever comes until the broker closes the connection; fails if it doesn't within
    IO_TIMEOUT_S. Returns the number of bytes received before the close."""
    received = 0
    deadline = time.monotonic() + IO_TIMEOUT_S
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TestFailure(f"{what}: sluiced kept the connection open for {IO_TIMEOUT_S:.0f} s")
        s.settimeout(remaining)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += len(chunk)


def parse_api_versions_v0(body, what):
    """v0 body: error_code int16, [api_key int16, min int16, max int16]; returns (error, {key: (min, max)})."""
    check(len(body) >= 6, f"{what}: ApiVersions body too short ({len(body)} bytes)")
    error, count = struct.unpack(">hi", body[:6])
    check(0 <= count <= 1000, f"{what}: ApiVersions array count {count}")
    check_equal(len(body), 6 + 6 * count, f"{what}: ApiVersions v0 body length for {count} entries "
                                            "(a v0-shaped body has nothing after the array)")
    apis = {}
    for i in range(count):
        key, lo, hi = struct.unpack(">hhh", body[6 + 6 * i:12 + 6 * i])
        check(0 <= lo <= hi, f"{what}: API {key} advertises min {lo} > max {hi}")
        apis[key] = (lo, hi)
    check(API_VERSIONS in apis and apis[API_VERSIONS][0] == 0,
          f"{what}: ApiVersions must list itself from version 0, got {apis.get(API_VERSIONS)}")
    return error, apis


def ask_api_versions(s, correlation_id, what):
    s.sendall(api_versions_v0(correlation_id))
    response = read_response(s)
    check(response is not None, f"{what}: connection closed instead of answering ApiVersions v0")
    check_equal(response[0], correlation_id, f"{what}: correlation id")
    error, apis = parse_api_versions_v0(response[1], what)
    check_equal(error, 0, f"{what}: ApiVersions v0 error code")
    for key in (0, 1, 3):  # Produce, Fetch, Metadata
        check(key in apis, f"{what}: ApiVersions does not list API {key}: {sorted(apis)}")
    return apis


def check_healthy(broker, after):
    broker.check_alive(f"after {after}")
    with connect() as s:
        ask_api_versions(s, 4242, f"well-formed ApiVersions v0 after {after}")
    log(f"ok: {after}")


# --- the cases -------------------------------------------------------------------------------------

def case_huge_size():
    with connect() as s:
        send_may_be_refused(s, struct.pack(">i", 2**31 - 1) + header_v1(API_VERSIONS, 0, 1) + b"\0" * 1000)
        wait_closed(s, "frame size 2**31-1")


def case_negative_sizes():
    for size in (-1, -(2**31), -100):
        with connect() as s:
            send_may_be_refused(s, struct.pack(">i", size) + header_v1(API_VERSIONS, 0, 1))
            wait_closed(s, f"frame size {size}")


def case_truncated_frame():
    with connect() as s:
        s.sendall(struct.pack(">i", 100) + header_v1(API_VERSIONS, 0, 7)[:10])
        time.sleep(0.2)
    with connect() as s:  # a truncated size field too
        s.sendall(b"\x00\x00")


def case_zero_size():
    with connect() as s:
        if send_may_be_refused(s, struct.pack(">i", 0)):
            s.shutdown(socket.SHUT_WR)
        wait_closed(s, "frame size 0 followed by EOF")


def answer_or_close(s, correlation_id, what):
    """After a request the broker can't serve, accept either a response carrying our correlation id or a
    closed connection; anything else fails."""
    response = read_response(s)
    if response is None:
        return "closed"
    check_equal(response[0], correlation_id, f"{what}: correlation id of the answer")
    return "answered"


def case_unknown_api_key():
    with connect() as s:
        s.sendall(frame(header_v1(999, 0, 99)))
        log(f"unknown API key 999: {answer_or_close(s, 99, 'unknown API key 999')}")
    with connect() as s:
        s.sendall(frame(header_v1(-5, 0, 98)))
        log(f"negative API key -5: {answer_or_close(s, 98, 'negative API key')}")


def case_unsupported_api_versions():
    body = compact_string(b"sluice-bad-input") + compact_string(b"1.0") + uvarint(0)  # v3+ body
    with connect() as s:
        s.sendall(flexible_request(API_VERSIONS, 999, 31, body))
        response = read_response(s)
        check(response is not None, "ApiVersions v999: connection closed instead of an UNSUPPORTED_VERSION answer")
        check_equal(response[0], 31, "ApiVersions v999: correlation id (response header v0)")
        error, apis = parse_api_versions_v0(response[1], "ApiVersions v999 (answered in the v0 shape)")
        check_equal(error, UNSUPPORTED_VERSION, "ApiVersions v999: error code")
        # Clients (librdkafka, kafkajs) then retry with a lower version on the same connection.
        ask_api_versions(s, 32, "ApiVersions v0 on the same connection after UNSUPPORTED_VERSION")
        log(f"ApiVersions v999 -> error 35 listing ApiVersions {apis[API_VERSIONS]}, then v0 answered")


def case_unsupported_other_api():
    with connect() as s:
        s.sendall(flexible_request(3, 999, 41, b"\x01\x00\x00"))  # Metadata v999
        log(f"Metadata v999: {answer_or_close(s, 41, 'Metadata v999')}")
    with connect() as s:
        s.sendall(frame(header_v1(0, 999, 42) + b"\xff" * 20))  # Produce v999
        log(f"Produce v999: {answer_or_close(s, 42, 'Produce v999')}")


def case_header_past_frame():
    with connect() as s:  # client id length 1000 in a 10-byte header
        s.sendall(frame(struct.pack(">hhih", API_VERSIONS, 0, 51, 1000)))
        log(f"client id past the frame: {answer_or_close(s, 51, 'client id past the frame')}")
    with connect() as s:  # header cut inside the correlation id
        send_may_be_refused(s, frame(struct.pack(">hh", API_VERSIONS, 0) + b"\x00"))
        wait_closed(s, "header cut inside the correlation id")
    with connect() as s:  # Metadata v1 with a topic array count of 2**31-1 and nothing behind it
        s.sendall(frame(header_v1(3, 1, 52) + struct.pack(">i", 2**31 - 1)))
        log(f"Metadata array count 2**31-1: {answer_or_close(s, 52, 'Metadata with a huge array count')}")


def case_pipelined():
    with connect() as s:
        s.sendall(b"".join(api_versions_v0(1000 + i) for i in range(50)))
        for i in range(50):
            response = read_response(s)
            check(response is not None, f"pipelined ApiVersions: connection closed after {i} responses")
            check_equal(response[0], 1000 + i, f"pipelined ApiVersions: correlation id of response {i} (order)")


def case_garbage(seed):
    rnd = random.Random(seed)
    with connect() as s:
        if seed % 2:
            data = rnd.randbytes(4096)  # the size field itself is garbage
        else:
            body = rnd.randbytes(rnd.randrange(1, 300))  # a plausible size, garbage inside
            data = frame(body)
        if send_may_be_refused(s, data):
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                return  # closed on us already: fine
        wait_closed(s, f"garbage (seed {seed}) followed by EOF")


def test(broker):
    global BROKER_PORT
    BROKER_PORT = broker.port
    check_healthy(broker, "start")
    cases = [
        ("frame size 2**31-1", case_huge_size),
        ("negative frame sizes", case_negative_sizes),
        ("truncated frame then close", case_truncated_frame),
        ("frame size 0", case_zero_size),
        ("unknown API keys", case_unknown_api_key),
        ("unsupported ApiVersions version", case_unsupported_api_versions),
        ("unsupported versions of Metadata and Produce", case_unsupported_other_api),
        ("header fields running past the frame", case_header_past_frame),
        ("50 pipelined ApiVersions requests", case_pipelined),
    ] + [(f"random garbage #{seed}", lambda seed=seed: case_garbage(seed)) for seed in range(12)]
    for name, case in cases:
        try:
            case()
        except TestFailure as e:
            raise TestFailure(f"case '{name}': {e}")
        except OSError as e:
            raise TestFailure(f"case '{name}': socket error {e!r}")
        check_healthy(broker, name)

    md = kcat.metadata(broker.bootstrap)
    check(md.get("brokers"), f"kcat -L after the bad input lists no brokers: {md}")
    log("kcat -L works after all the bad input")


BROKER_PORT = None

if __name__ == "__main__":
    main(test)
