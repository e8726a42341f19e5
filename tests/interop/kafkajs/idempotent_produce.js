// kafkajs 2.2.4 idempotent producer against a sluiced cluster, driven by tests/interop/test_cluster_idempotence.py.
//
//   node idempotent_produce.js <bootstrap host:port,...> <topic> <count> <per send>
//
// Sends values j00000000, j00000001, ... to partition 0 of <topic> with idempotent: true (acks=-1, unlimited
// retries, one request in flight: kafkajs keeps order only with maxInFlightRequests 1), awaiting each send of
// <per send> records in turn. Prints {"acked": n} after each acknowledged send, so that the driver can fail
// the partition leader mid-stream, and {"done": true, "acked": n, "producer_id": ...} at the end.
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const { Kafka, logLevel } = require('kafkajs')

const [brokers, topic, countArg, perSendArg] = process.argv.slice(2)
if (!brokers || !topic || !countArg || !perSendArg) {
  console.error('usage: node idempotent_produce.js <bootstrap> <topic> <count> <per send>')
  process.exit(2)
}
const count = Number(countArg)
const perSend = Number(perSendArg)

const overall = setTimeout(() => {
  console.error('idempotent_produce.js: gave up after 90 s')
  process.exit(3)
}, 90000)

async function main () {
  const kafka = new Kafka({
    clientId: 'sluice-interop-kafkajs-idempotent',
    brokers: brokers.split(','),
    logLevel: logLevel.WARN,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { initialRetryTime: 100, maxRetryTime: 1000 }
  })
  // The producer's retry options extend the client's, whose retries default to 5 (about 2.5 s here): give
  // it back kafkajs's own default for idempotent producers, unlimited (the 90 s bound above still holds),
  // or a leader election longer than that fails the send.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    retry: { retries: Number.MAX_SAFE_INTEGER }
  })
  await producer.connect()
  let acked = 0
  try {
    for (let start = 0; start < count; start += perSend) {
      const messages = []
      for (let i = start; i < Math.min(count, start + perSend); i++) {
        messages.push({ value: 'j' + String(i).padStart(8, '0'), partition: 0 })
      }
      await producer.send({ topic, acks: -1, timeout: 5000, messages })
      acked += messages.length
      console.log(JSON.stringify({ acked }))
    }
  } finally {
    await producer.disconnect()
  }
  console.log(JSON.stringify({ done: true, acked }))
}

main().then(
  () => {
    clearTimeout(overall)
    process.exit(0)
  },
  (err) => {
    console.error(`idempotent_produce.js: ${err.stack || err}`)
    process.exit(1)
  }
)
