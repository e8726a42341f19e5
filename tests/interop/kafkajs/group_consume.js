// kafkajs 2.2.4 consumer group against sluiced, driven by tests/interop/test_group_clients.py.
//
//   node group_consume.js <host:port> <topic> <group> <expected count>
//
// Joins <group> (JoinGroup/SyncGroup/Heartbeat through kafkajs's own coordinator client), consumes <topic> from
// the beginning until <expected count> records arrived, commits, disconnects (LeaveGroup) and prints one JSON
// line: {"count": n, "distinct": d, "partitions": [...], "committed": [{partition, offset}...]}.
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const { Kafka, logLevel } = require('kafkajs')

const [broker, topic, group, countArg] = process.argv.slice(2)
if (!broker || !topic || !group || !countArg) {
  console.error('usage: node group_consume.js <host:port> <topic> <group> <expected count>')
  process.exit(2)
}
const expected = Number(countArg)

const overall = setTimeout(() => {
  console.error('group_consume.js: gave up after 90 s')
  process.exit(3)
}, 90000)

async function main () {
  const kafka = new Kafka({ clientId: 'sluice-interop-kafkajs-group', brokers: [broker], logLevel: logLevel.WARN })
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 500, rebalanceTimeout: 10000 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = []
  const partitions = new Set()
  let resolveDone
  const done = new Promise(resolve => { resolveDone = resolve })
  await consumer.run({
    autoCommitInterval: 100,
    eachMessage: async ({ partition, message }) => {
      seen.push(message.value.toString())
      partitions.add(partition)
      if (seen.length >= expected) resolveDone()
    }
  })
  await done
  await consumer.commitOffsets([])  // flush what eachMessage resolved
  const admin = kafka.admin()
  await admin.connect()
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] })
  await admin.disconnect()
  await consumer.disconnect()
  const committed = offsets[0].partitions.map(p => ({ partition: p.partition, offset: Number(p.offset) }))
    .sort((a, b) => a.partition - b.partition)
  console.log(JSON.stringify({ count: seen.length, distinct: new Set(seen).size, partitions: [...partitions].sort(), committed }))
  clearTimeout(overall)
}

main().catch(e => {
  console.error(`group_consume.js: ${e.stack || e}`)
  process.exit(1)
})
