// kafkajs 2.2.4 over TLS with SASL PLAIN against sluiced, driven by tests/interop/test_security.py.
//
//   node secure_produce_consume.js <host:port> <ca.pem> <user> <password> <topic> <count>
//
// Produces <count> records to partition 0 of <topic> (auto-created) with acks=-1, then reads them back with a
// consumer group from the beginning, both over SASL_SSL with PLAIN, and prints one JSON line
// {"ok": true, "produced": n, "consumed": [values...]}. Exit 4 with {"error": ...} when authentication fails.
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const fs = require('fs')
const { Kafka, logLevel } = require('kafkajs')

const [broker, caFile, username, password, topic, countArg] = process.argv.slice(2)
if (!broker || !caFile || !username || !password || !topic || !countArg) {
  console.error('usage: node secure_produce_consume.js <host:port> <ca.pem> <user> <password> <topic> <count>')
  process.exit(2)
}
const count = Number(countArg)

const overall = setTimeout(() => {
  console.error('secure_produce_consume.js: gave up after 60 s')
  process.exit(3)
}, 60000)

async function main () {
  const kafka = new Kafka({
    clientId: 'sluice-interop-kafkajs-secure',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    ssl: { ca: [fs.readFileSync(caFile, 'utf-8')] },
    sasl: { mechanism: 'plain', username, password },
    connectionTimeout: 5000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 1000 }
  })
  const producer = kafka.producer({ allowAutoTopicCreation: true })
  await producer.connect()
  const messages = []
  for (let i = 0; i < count; i++) messages.push({ partition: 0, key: `k${i}`, value: `secure value ${i}` })
  await producer.send({ topic, messages, acks: -1 })
  await producer.disconnect()

  const consumer = kafka.consumer({ groupId: `${topic}-group`, sessionTimeout: 10000, heartbeatInterval: 500 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = []
  let resolveDone
  const done = new Promise(resolve => { resolveDone = resolve })
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(message.value.toString())
      if (seen.length >= count) resolveDone()
    }
  })
  await done
  await consumer.disconnect()
  console.log(JSON.stringify({ ok: true, produced: count, consumed: seen }))
}

main().then(() => {
  clearTimeout(overall)
  process.exit(0)
}).catch(e => {
  clearTimeout(overall)
  console.log(JSON.stringify({ error: `${e.name}: ${e.message}`, type: e.type || null }))
  process.exit(4)
})
