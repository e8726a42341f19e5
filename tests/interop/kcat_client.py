"""kcat (librdkafka 2.0.2) driven from Python: produce binary-safe keyed records and read them back exactly."""

import json
import shutil

from harness import TestFailure, check, run

KCAT = shutil.which("kcat") or "/usr/bin/kcat"

# Producer input: records separated by RS (0x1e), key and value split at the first ':'.
RECORD_DELIM = b"\x1e"
KEY_DELIM = b":"
# Consumer output: "<offset> <keylen> <valuelen> <timestamp> :<key><value>|<headers>\n", parsed by lengths,
# so keys and values may hold any byte.
CONSUME_FORMAT = r"%o %K %S %T :%k%s|%h\n"

COMMON = ["-q", "-m", "15"]


def kcat_cmd(bootstrap, *args):
    return [KCAT, "-b", bootstrap, *COMMON, *args]


def produce(bootstrap, topic, records, *, headers=(), codec=None, partition=0, extra=(), timeout=180):
    """records: list of (key bytes, value bytes); key must not contain ':' and neither may contain 0x1e;
    values must be non-empty (kcat skips empty input records)."""
    for key, value in records:
        if KEY_DELIM in key or RECORD_DELIM in key or RECORD_DELIM in value or not value:
            raise ValueError(f"record not representable on kcat's input: {key!r}")
    data = RECORD_DELIM.join(key + KEY_DELIM + value for key, value in records) + RECORD_DELIM
    args = ["-P", "-t", topic, "-p", str(partition), "-D", r"\x1e", "-K", ":",
            "-X", "queue.buffering.max.ms=50", "-X", "message.timeout.ms=60000", "-X", "acks=all"]
    if codec:
        args += ["-z", codec]
    for name, value in headers:
        args += ["-H", f"{name}={value}"]
    args += list(extra)
    result = run(kcat_cmd(bootstrap, *args), input=data, timeout=timeout, what=f"kcat -P -t {topic}")
    # kcat exits 1 when a delivery report failed; be explicit in case it only complained.
    stderr = result.stderr.decode("utf-8", "replace")
    check("Delivery failed" not in stderr, f"kcat -P -t {topic} reported failed deliveries:\n{stderr[-4000:]}")
    return result


def consume(bootstrap, topic, *, partition=0, offset="beginning", count=None, extra=(), timeout=120):
    """Reads partition `partition` from `offset` to its end (-e); returns a list of dicts
    {offset, key, value, timestamp, headers} with key/value as bytes (None when null)."""
    args = ["-C", "-t", topic, "-p", str(partition), "-o", str(offset), "-e", "-f", CONSUME_FORMAT]
    if count is not None:
        args += ["-c", str(count)]
    args += list(extra)
    result = run(kcat_cmd(bootstrap, *args), timeout=timeout, what=f"kcat -C -t {topic}")
    return parse_consume_output(result.stdout)


def parse_consume_output(data):
    records = []
    pos = 0
    while pos < len(data):
        try:
            fields = []
            for _ in range(4):
                end = data.index(b" ", pos)
                fields.append(int(data[pos:end]))
                pos = end + 1
            offset, key_len, value_len, timestamp = fields
            if data[pos:pos + 1] != b":":
                raise ValueError("missing ':'")
            pos += 1
            key = data[pos:pos + key_len] if key_len >= 0 else None
            pos += max(key_len, 0)
            value = data[pos:pos + value_len] if value_len >= 0 else None
            pos += max(value_len, 0)
            if data[pos:pos + 1] != b"|":
                raise ValueError("missing '|' after the value")
            end = data.index(b"\n", pos)
            headers_text = data[pos + 1:end].decode("utf-8", "replace")
            pos = end + 1
        except ValueError as e:
            raise TestFailure(f"cannot parse kcat output at byte {pos} ({e}): {data[pos:pos + 200]!r}")
        headers = [tuple(h.split("=", 1)) if "=" in h else (h, None)
                   for h in headers_text.split(",")] if headers_text else []
        records.append({"offset": offset, "key": key, "value": value, "timestamp": timestamp,
                        "headers": headers})
    return records


def metadata(bootstrap, topic=None, timeout=60):
    """`kcat -L -J` parsed: {"brokers": [...], "topics": [...]}"""
    args = ["-L", "-J"]
    if topic:
        args += ["-t", topic]
    result = run(kcat_cmd(bootstrap, *args), timeout=timeout, what="kcat -L")
    try:
        return json.loads(result.stdout)
    except ValueError:
        raise TestFailure(f"kcat -L -J printed no JSON: {result.stdout[:2000]!r}")


def check_topic_listed(bootstrap, topic, partitions=1):
    md = metadata(bootstrap, topic)
    check(md.get("brokers"), f"kcat -L lists no brokers: {md}")
    topics = {t.get("topic"): t for t in md.get("topics", [])}
    check(topic in topics, f"kcat -L does not list topic {topic}: {md}")
    t = topics[topic]
    check(not t.get("error"), f"kcat -L reports an error for {topic}: {t}")
    if partitions is None:  # any count, but partition 0 must be there
        check(any(p.get("partition") == 0 for p in t.get("partitions", [])),
              f"kcat -L: no partition 0 for {topic}: {t.get('partitions')}")
    else:
        check(len(t.get("partitions", [])) == partitions,
              f"kcat -L: expected {partitions} partition(s) for {topic}, got {t.get('partitions')}")
    broker_ids = {b.get("id") for b in md["brokers"]}
    for p in t["partitions"]:
        check(p.get("leader") in broker_ids, f"kcat -L: partition without a known leader: {p} (brokers {md['brokers']})")
    return md
