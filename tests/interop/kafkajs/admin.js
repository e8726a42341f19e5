// kafkajs 2.2.4's admin client against sluiced, driven by tests/interop/test_admin_kafkajs.py.
//
//   node admin.js <host:port>
//
// createTopics (configs, validateOnly, errors), fetchTopicMetadata, describeConfigs (with synonyms),
// alterConfigs, createPartitions, deleteTopicRecords (checked with fetchTopicOffsets), deleteTopics.
// Prints one JSON line {"ok": true, "steps": [...]} on success; exits non-zero with the reason otherwise.
'use strict'

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs')

const [broker] = process.argv.slice(2)
if (!broker) {
  console.error('usage: node admin.js <host:port>')
  process.exit(2)
}

const overall = setTimeout(() => {
  console.error('admin.js: gave up after 120 s')
  process.exit(3)
}, 120000)

const steps = []
function fail (message) { throw new Error(message) }
function expectEqual (actual, expected, what) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`)
}

async function expectError (promise, type, what) {
  try {
    await promise
  } catch (e) {
    const types = e.errors ? e.errors.map(x => x.type) : [e.type]
    if (!types.includes(type)) fail(`${what}: expected ${type}, got ${types} (${e.message})`)
    return e
  }
  fail(`${what}: expected ${type}, but it succeeded`)
}

async function topicConfig (admin, topic) {
  const described = await admin.describeConfigs({
    includeSynonyms: true,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }]
  })
  const entries = {}
  for (const e of described.resources[0].configEntries) entries[e.configName] = e
  return entries
}

async function main () {
  const kafka = new Kafka({
    clientId: 'sluice-interop-kafkajs-admin',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 }
  })
  const admin = kafka.admin()
  const producer = kafka.producer()
  await admin.connect()
  await producer.connect()
  try {
    // createTopics: true when created, false when it already exists; validateOnly creates nothing.
    expectEqual(await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: 'kjs-a', numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '600000' }] }]
    }), true, 'createTopics kjs-a')
    expectEqual(await admin.createTopics({ topics: [{ topic: 'kjs-a', numPartitions: 2 }] }), false, 'createTopics of an existing topic')
    await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: 'kjs-dry', numPartitions: 1 }] })
    const listed = await admin.listTopics()
    if (listed.includes('kjs-dry')) fail('validateOnly createTopics created kjs-dry')
    await expectError(admin.createTopics({ topics: [{ topic: 'kjs bad', numPartitions: 1 }] }), 'INVALID_TOPIC_EXCEPTION', 'illegal name')
    await expectError(admin.createTopics({ topics: [{ topic: 'kjs-rf', numPartitions: 1, replicationFactor: 3 }] }),
      'INVALID_REPLICATION_FACTOR', 'replication factor 3')
    await expectError(admin.createTopics({ topics: [{ topic: 'kjs-cfg', configEntries: [{ name: 'segment.ms', value: '0' }] }] }),
      'INVALID_CONFIG', 'segment.ms=0')
    steps.push('createTopics')

    const metadata = await admin.fetchTopicMetadata({ topics: ['kjs-a'] })
    expectEqual(metadata.topics.map(t => [t.name, t.partitions.length]), [['kjs-a', 2]], 'fetchTopicMetadata')
    for (const p of metadata.topics[0].partitions) {
      expectEqual([p.leader, p.replicas, p.isr], [1, [1], [1]], `kjs-a[${p.partitionId}] leader/replicas/isr`)
    }
    steps.push('fetchTopicMetadata')

    let cfg = await topicConfig(admin, 'kjs-a')
    expectEqual([cfg['retention.ms'].configValue, cfg['retention.ms'].isDefault, cfg['retention.ms'].configSource],
      ['600000', false, 1], 'describeConfigs retention.ms [value, isDefault, source]')
    expectEqual(cfg['cleanup.policy'].configValue, 'delete', 'describeConfigs cleanup.policy')
    const synonyms = cfg['retention.ms'].configSynonyms.map(s => [s.configName, s.configValue, s.configSource])
    if (!synonyms.some(s => s[0] === 'log.retention.hours' && s[1] === '168')) fail(`retention.ms synonyms: ${JSON.stringify(synonyms)}`)
    steps.push('describeConfigs')

    await admin.alterConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-a', configEntries: [{ name: 'retention.ms', value: '900000' }, { name: 'cleanup.policy', value: 'compact' }] }]
    })
    cfg = await topicConfig(admin, 'kjs-a')
    expectEqual([cfg['retention.ms'].configValue, cfg['cleanup.policy'].configValue], ['900000', 'compact'], 'after alterConfigs')
    await expectError(admin.alterConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-a', configEntries: [{ name: 'message.timestamp.type', value: 'Sometime' }] }]
    }), 'INVALID_CONFIG', 'alterConfigs message.timestamp.type=Sometime')
    steps.push('alterConfigs')

    await admin.createPartitions({ topicPartitions: [{ topic: 'kjs-a', count: 5 }] })
    const grown = await admin.fetchTopicMetadata({ topics: ['kjs-a'] })
    expectEqual(grown.topics[0].partitions.length, 5, 'partitions after createPartitions')
    await expectError(admin.createPartitions({ topicPartitions: [{ topic: 'kjs-a', count: 3 }] }), 'INVALID_PARTITIONS', 'shrink')
    steps.push('createPartitions')

    const messages = []
    for (let i = 0; i < 20; i++) messages.push({ partition: 4, value: `v${i}` })
    await producer.send({ topic: 'kjs-a', messages, acks: -1 })
    await admin.deleteTopicRecords({ topic: 'kjs-a', partitions: [{ partition: 4, offset: '12' }] })
    let offsets = (await admin.fetchTopicOffsets('kjs-a')).find(p => p.partition === 4)
    expectEqual([offsets.low, offsets.high], ['12', '20'], 'partition 4 [low, high] after deleteTopicRecords(12)')
    await admin.deleteTopicRecords({ topic: 'kjs-a', partitions: [{ partition: 4, offset: '-1' }] })
    offsets = (await admin.fetchTopicOffsets('kjs-a')).find(p => p.partition === 4)
    expectEqual([offsets.low, offsets.high], ['20', '20'], 'partition 4 [low, high] after deleteTopicRecords(-1)')
    steps.push('deleteTopicRecords')

    await admin.deleteTopics({ topics: ['kjs-a'] })
    const after = await admin.listTopics()
    if (after.includes('kjs-a')) fail(`kjs-a still listed after deleteTopics: ${after}`)
    steps.push('deleteTopics')

    console.log(JSON.stringify({ ok: true, steps }))
  } finally {
    await producer.disconnect().catch(() => {})
    await admin.disconnect().catch(() => {})
  }
}

main().then(() => {
  clearTimeout(overall)
}).catch(e => {
  console.error(`admin.js FAILED after steps ${JSON.stringify(steps)}: ${e && e.stack ? e.stack : e}`)
  process.exit(1)
})
