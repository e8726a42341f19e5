"""Helpers of the idempotent producer interop tests: a librdkafka producer with enable.idempotence=true
streaming numbered values from a background thread, and the check that a partition holds exactly what was
acknowledged, each record once and in the order sent."""

import threading
import time

from confluent_kafka import OFFSET_BEGINNING, TopicPartition

import confluent_util as cu
from harness import TestFailure, check, log, wait_until

BOUND_S = 30


class IdempotentProducer:
    """librdkafka with enable.idempotence=true sending b"r%08d" values to partition 0 until stopped."""

    def __init__(self, bootstrap, topic, **conf):
        self.topic = topic
        settings = {"enable.idempotence": True, "linger.ms": 5, "message.timeout.ms": 30000,
                    "metadata.max.age.ms": 1000, "retry.backoff.ms": 50, "batch.num.messages": 50,
                    "error_cb": self._on_error}
        settings.update(conf)
        self.producer = cu.producer(bootstrap, **settings)
        self.lock = threading.Lock()
        self.acked = []
        self.errors = []
        self.sent = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _on_error(self, err):
        # Transport errors while a broker is down are expected; a fatal one (an idempotence guarantee lost,
        # e.g. OUT_OF_ORDER_SEQUENCE_NUMBER from a broker that forgot the producer) is not.
        if err.fatal():
            with self.lock:
                self.errors.append(f"fatal: {err}")

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopping.set()
        self.thread.join(60)

    def _on_delivery(self, err, msg):
        with self.lock:
            if err is None:
                self.acked.append(msg.value())
            else:
                self.errors.append(str(err))

    def _run(self):
        while not self.stopping.is_set():
            try:
                self.producer.produce(self.topic, value=b"r%08d" % self.sent, partition=0,
                                      on_delivery=self._on_delivery)
                self.sent += 1
            except BufferError:
                pass
            self.producer.poll(0.002)
        self.producer.flush(40)

    def acked_count(self):
        with self.lock:
            return len(self.acked)

    def wait_progress(self, more, what):
        before = self.acked_count()
        wait_until(lambda: self.acked_count() >= before + more, BOUND_S, f"{more} more acknowledged {what}",
                   interval=0.1)


def read_values(bootstrap, topic):
    """Every value of partition 0, from the start to the high watermark."""
    c = cu.consumer(bootstrap, **{"enable.partition.eof": False})
    try:
        _, high = c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10, cached=False)
        c.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        values, last = [], -1
        deadline = time.monotonic() + 30
        while last + 1 < high:
            check(time.monotonic() < deadline, f"{topic}: read up to offset {last} of {high} within 30 s")
            for msg in c.consume(num_messages=1000, timeout=0.5):
                if msg.error():
                    check(not msg.error().fatal(), f"{topic}: fatal consumer error {msg.error()}")
                    continue
                values.append(msg.value())
                last = msg.offset()
        return values
    finally:
        c.close()


def check_exactly_once(values, expected, what):
    """`values` (the log) is `expected` (what was acknowledged, in the order sent): each once, in order."""
    seen = set()
    duplicates = [v for v in values if v in seen or seen.add(v)]
    if duplicates:
        raise TestFailure(f"{what}: {len(duplicates)} duplicate record(s) in the log, first {duplicates[0]!r}")
    missing = [v for v in expected if v not in seen]
    if missing:
        raise TestFailure(f"{what}: {len(missing)} acknowledged record(s) missing, first {missing[0]!r}")
    check(values == expected, f"{what}: the log holds the records out of order or with extra ones "
                              f"({len(values)} records, {len(expected)} acknowledged)")
    log(f"{what}: all {len(expected)} acknowledged records in the log exactly once, in order")
