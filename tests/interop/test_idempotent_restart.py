#!/usr/bin/python3
"""An idempotent producer (librdkafka, enable.idempotence=true) streams to a single sluiced that is killed
with SIGKILL mid-stream and restarted on the same data dir, then stopped with SIGTERM and restarted. The
producer carries on with its sequence numbers: batches it retries after a restart are known again (the
producer state is rebuilt from the log after SIGKILL, and loaded from the snapshot a clean shutdown wrote),
so none is appended twice, none is refused as out of order (a wrongly rebuilt state would be, and librdkafka
treats that as fatal), and the log holds every record once, in order. Whether a batch is in flight at the
kill is up to timing; tests/broker/test_idempotent_produce.cpp retries one across a crash deterministically."""

import os
import signal

from harness import check, log, main
from idempotence_util import IdempotentProducer, check_exactly_once, read_values

TOPIC = "idempotent-restart"


def test(broker):
    producer = IdempotentProducer(broker.bootstrap, TOPIC)
    producer.start()
    try:
        producer.wait_progress(500, "before the kill")
        broker.restart(signal.SIGKILL)
        producer.wait_progress(500, "after SIGKILL and a restart")
        broker.terminate_gracefully()
        snapshots = [f for f in os.listdir(os.path.join(broker.data_dir, f"{TOPIC}-0")) if f.endswith(".snapshot")]
        check(snapshots, f"a clean shutdown leaves a producer state snapshot in {TOPIC}-0")
        broker.start()
        producer.wait_progress(500, "after SIGTERM and a restart")
    finally:
        producer.stop()
    check(not producer.errors, f"{len(producer.errors)} record(s) failed, first: {producer.errors[:1]}")
    log(f"{producer.sent} sent, {producer.acked_count()} acknowledged")
    check_exactly_once(read_values(broker.bootstrap, TOPIC), [b"r%08d" % i for i in range(producer.sent)],
                       "idempotent producer across restarts")


if __name__ == "__main__":
    main(test)
