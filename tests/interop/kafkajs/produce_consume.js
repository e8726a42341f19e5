// kafkajs 2.2.4 against sluiced, driven by tests/interop/test_kafkajs.py.
//
//   node produce_consume.js <host:port> <topic> <count> <base timestamp ms>
//
// Produces <count> keyed records with headers and explicit timestamps (base + i * 10 ms; every other batch
// gzip-compressed) with acks=-1 to partition 0 of <topic>, which the produce auto-creates, then checks the
// admin client's listTopics, fetchTopicOffsets and fetchTopicOffsetsByTimestamp. Prints one JSON line.
// (admin.createTopics needs CreateTopics, which sluiced doesn't implement yet: use it here when it does.)
//
// Reading the records back is done by the Python driver with kcat: kafkajs's consumer only works through
// consumer groups (JoinGroup/SyncGroup/OffsetCommit...), which sluiced doesn't have yet. Switch the read
// to a kafkajs consumer when the group coordinator lands (the groups issue).
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const { Kafka, logLevel, CompressionTypes } = require('kafkajs')

const [broker, topic, countArg, baseArg] = process.argv.slice(2)
if (!broker || !topic || !countArg || !baseArg) {
  console.error('usage: node produce_consume.js <host:port> <topic> <count> <base timestamp ms>')
  process.exit(2)
}
const count = Number(countArg)
const base = Number(baseArg)
const STEP_MS = 10
const BATCH = 250

const overall = setTimeout(() => {
  console.error('produce_consume.js: gave up after 120 s')
  process.exit(3)
}, 120000)

function fail (message) {
  throw new Error(message)
}

function expectEqual (actual, expected, what) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`)
}

async function main () {
  const kafka = new Kafka({
    clientId: 'sluice-interop-kafkajs',
    brokers: [broker],
    logLevel: logLevel.WARN,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 }
  })
  const admin = kafka.admin()
  const producer = kafka.producer({ allowAutoTopicCreation: true })
  await admin.connect()
  try {
    await producer.connect()
    const offsets = []
    for (let start = 0; start < count; start += BATCH) {
      const messages = []
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        messages.push({
          partition: 0,
          key: `kjs-${String(i).padStart(5, '0')}`,
          value: `kafkajs value ${i} `.repeat(1 + (i % 11)),
          headers: { h1: 'v1', idx: String(i) },
          timestamp: String(base + i * STEP_MS)
        })
      }
      const compression = (start / BATCH) % 2 ? CompressionTypes.GZIP : CompressionTypes.None
      const result = await producer.send({ topic, messages, acks: -1, compression })
      for (const r of result) {
        if (r.errorCode !== 0) fail(`produce to ${r.topicName}[${r.partition}] failed with error ${r.errorCode}`)
        offsets.push(Number(r.baseOffset))
      }
    }
    const listed = await admin.listTopics()
    if (!listed.includes(topic)) fail(`listTopics() does not include ${topic}: ${JSON.stringify(listed)}`)

    const expectedBases = []
    for (let start = 0; start < count; start += BATCH) expectedBases.push(start)
    expectEqual(offsets, expectedBases, 'base offsets of the produce responses')

    const topicOffsets = await admin.fetchTopicOffsets(topic)
    expectEqual(topicOffsets.map(p => [p.partition, p.low, p.high, p.offset]),
      [[0, '0', String(count), String(count)]], 'fetchTopicOffsets [partition, low, high, offset]')

    const middle = Math.floor(count / 2) + 7
    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, base + middle * STEP_MS)
    expectEqual(byTime.map(p => [p.partition, p.offset]), [[0, String(middle)]],
      `fetchTopicOffsetsByTimestamp(timestamp of record #${middle})`)

    console.log(JSON.stringify({ ok: true, topic, count, topicOffsets, byTime }))
  } finally {
    await producer.disconnect().catch(() => {})
    await admin.disconnect().catch(() => {})
  }
}

main().then(() => {
  clearTimeout(overall)
}).catch(e => {
  console.error(`produce_consume.js FAILED: ${e && e.stack ? e.stack : e}`)
  process.exit(1)
})
