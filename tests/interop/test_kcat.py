#!/usr/bin/python3
"""kcat (librdkafka 2.0.2) against sluiced: for every compression codec, 10,000 keyed records with headers
go in (topic auto-created by the produce) and must come back in order and byte-identical; `kcat -L` lists them."""

import collections
import glob
import os
import random
import struct
import time

import kcat_client as kcat
from harness import check, check_equal, log, main

CODECS = ["none", "gzip", "snappy", "lz4", "zstd"]
RECORDS_PER_CODEC = 10_000
# receive.message.max.bytes also caps librdkafka's zstd output buffer: at 1 MB it fails to decompress the
# batch holding the large record, against its own mock broker too; so keep it large.
SMALL_FETCH = ["-X", "fetch.message.max.bytes=2048", "-X", "fetch.max.bytes=4096",
               "-X", "message.max.bytes=4096", "-X", "receive.message.max.bytes=20000000"]


def make_records(codec, n):
    rnd = random.Random(f"sluice-kcat-{codec}")
    forbidden = kcat.RECORD_DELIM[0]

    def clean(data):
        return bytes(b for b in data if b != forbidden) or b"x"

    all_bytes = clean(bytes(range(256)))
    records = []
    for i in range(n):
        key = f"key-{codec}-{i:05d}".encode()
        if i % 7 == 0:
            key += b"\x00\xff\n|%"  # binary in keys too (anything but ':' and the record delimiter)
        kind = i % 5
        if kind == 0:
            value = f"value {i} ".encode() * (1 + i % 20)  # compressible text
        elif kind == 1:
            value = clean(rnd.randbytes(rnd.randrange(1, 400)))  # incompressible bytes
        elif kind == 2:
            value = all_bytes + f"#{i}".encode()  # every byte value but 0x1e, NUL and 0xff included
        elif kind == 3:
            value = f"{i}:with:colons|pipes\nnewlines\r\n and %s %k format chars".encode()
        else:
            value = f"{i}".encode()  # tiny
        if i % 2500 == 1234:
            value = clean(rnd.randbytes(150_000)) + (b"large" * 20_000)  # ~250 KB record
        records.append((key, value))
    return records


def check_records(got, expected, headers, topic, first_offset=0):
    check_equal(len(got), len(expected), f"{topic}: number of records consumed")
    now_ms = int(time.time() * 1000)
    for i, (record, (key, value)) in enumerate(zip(got, expected)):
        where = f"{topic} record #{i}"
        check_equal(record["offset"], first_offset + i, f"{where}: offset")
        check_equal(record["key"], key, f"{where}: key")
        check_equal(record["value"], value, f"{where}: value")
        check_equal(record["headers"], list(headers), f"{where}: headers")
        check(abs(record["timestamp"] - now_ms) < 15 * 60 * 1000,
              f"{where}: timestamp {record['timestamp']} is not close to now ({now_ms})")


CODEC_IDS = {"none": 0, "gzip": 1, "snappy": 2, "lz4": 3, "zstd": 4}


def stored_codecs(broker, topic):
    """How many batches of each compression codec the topic's log files hold (attributes & 7 of each v2
    header): proves the client really compressed and the broker stored the batches as received."""
    codecs = collections.Counter()
    for path in sorted(glob.glob(os.path.join(broker.data_dir, f"{topic}-0", "*.log"))):
        with open(path, "rb") as f:
            data = f.read()
        pos = 0
        while pos + 61 <= len(data):
            length = struct.unpack_from(">i", data, pos + 8)[0]
            codecs[struct.unpack_from(">h", data, pos + 21)[0] & 7] += 1
            pos += 12 + length
    return codecs


def check_stored_codecs(counts, codec, topic):
    """Every batch carries the requested codec, except that librdkafka (like Kafka's producers) may send a
    batch uncompressed when compressing it would not make it smaller: a small tail batch sometimes is."""
    expected = CODEC_IDS[codec]
    check(set(counts) <= {expected, 0}, f"{topic}: batches on disk use codecs {dict(counts)}, only "
          f"{expected} (or 0 for an incompressible batch) is expected")
    compressed = counts[expected]
    check(compressed > 0 and compressed >= 0.8 * sum(counts.values()),
          f"{topic}: only {compressed} of {sum(counts.values())} batches on disk are compressed with "
          f"{codec} ({dict(counts)}): kcat must really have compressed")


def test(broker):
    bootstrap = broker.bootstrap
    for codec in CODECS:
        topic = f"topic-{codec}"
        records = make_records(codec, RECORDS_PER_CODEC)
        headers = [("h1", "v1"), ("codec", codec), ("h2", "a value with spaces")]
        started = time.monotonic()
        kcat.produce(bootstrap, topic, records, headers=headers, codec=codec,
                     extra=["-X", "batch.num.messages=1000"])
        log(f"{topic}: produced {len(records)} records in {time.monotonic() - started:.1f} s")
        broker.check_alive(f"after producing to {topic}")
        check_stored_codecs(stored_codecs(broker, topic), codec, topic)

        started = time.monotonic()
        got = kcat.consume(bootstrap, topic)
        log(f"{topic}: consumed {len(got)} records in {time.monotonic() - started:.1f} s")
        check_records(got, records, headers, topic)

        # Fetch limits far below the batch sizes (and the ~250 KB record): the broker must still return the
        # first whole batch at the fetch offset (KIP-74), and the client then makes progress batch by batch.
        small = kcat.consume(bootstrap, topic, extra=SMALL_FETCH)
        check_records(small, records, headers, f"{topic} with small fetch limits")

        # Start in the middle of a (possibly compressed) batch: the client must skip to exactly that offset.
        middle = kcat.consume(bootstrap, topic, offset=5003, count=10)
        check_records(middle, records[5003:5013], headers, f"{topic} from offset 5003", first_offset=5003)

        # Auto-created by the produce: as many partitions as num.partitions says (Kafka's default is 1).
        kcat.check_topic_listed(bootstrap, topic, partitions=None)

    md = kcat.metadata(bootstrap)
    listed = {t.get("topic") for t in md.get("topics", [])}
    missing = {f"topic-{c}" for c in CODECS} - listed
    check(not missing, f"kcat -L (all topics) does not list {sorted(missing)}: listed {sorted(listed)}")


if __name__ == "__main__":
    main(test)
