// Kafka 3.x broker and topic configs that Sluice accepts without acting on them. Tools, test suites and
// copied server.properties files set these (librdkafka's tests alter message.format.version and
// sasl.kerberos.min.time.before.relogin, for example); refusing them as unknown would break those users for no
// gain. Each is typed and validated like any other config, stored, and described with a notice that it has no
// effect. A config that gains an effect moves to config_definition.cpp.
#include <array>

#include "engine/metadata/config_tables.h"

namespace sluice::metadata {

namespace {
using enum config_type;
constexpr auto B = config_scope::broker;
constexpr auto T = config_scope::topic;

enum class update { dynamic, restart };

constexpr config_definition broker(std::string_view name, config_type type, std::string_view default_value, update how,
                                   std::string_view doc, bool sensitive = false) {
    return {name, type, default_value, B, INT64_MIN, INT64_MAX, "", how == update::restart, sensitive, doc, {}, false};
}

constexpr config_definition topic(std::string_view name, config_type type, std::string_view default_value,
                                  std::string_view doc, std::string_view synonyms = {}) {
    return {name, type, default_value, T, INT64_MIN, INT64_MAX, "", false, false, doc, synonyms, false};
}

constexpr auto D = update::dynamic;
constexpr auto R = update::restart;

// Defaults are Kafka 3.x's; "" is Kafka's null.
constexpr std::array compatibility{
    // Threads and sockets: Sluice sizes its own thread pools and socket buffers.
    broker("background.threads", int32, "10", D, "Threads for background tasks."),
    broker("num.io.threads", int32, "8", D, "Request handler threads."),
    broker("num.network.threads", int32, "3", D, "Network threads."),
    broker("num.recovery.threads.per.data.dir", int32, "1", D, "Threads for log recovery at startup."),
    broker("num.replica.fetchers", int32, "1", D, "Fetcher threads per source broker."),
    broker("num.replica.alter.log.dirs.threads", int32, "", R, "Threads moving replicas between log dirs."),
    broker("socket.send.buffer.bytes", int32, "102400", R, "SO_SNDBUF of server sockets."),
    broker("socket.receive.buffer.bytes", int32, "102400", R, "SO_RCVBUF of server sockets."),
    broker("socket.listen.backlog.size", int32, "50", R, "Pending connection backlog."),
    broker("socket.connection.setup.timeout.ms", int64, "10000", R, "Client connection setup timeout."),
    broker("socket.connection.setup.timeout.max.ms", int64, "30000", R, "Maximum connection setup timeout."),
    broker("connections.max.idle.ms", int64, "600000", R, "Idle connections are closed after this long."),
    broker("connections.max.reauth.ms", int64, "0", R, "Maximum time before a SASL connection re-authenticates."),
    broker("connection.failed.authentication.delay.ms", int32, "100", R,
           "Delay before closing a connection that failed authentication."),
    broker("max.connections", int32, "2147483647", D, "Maximum connections to the broker."),
    broker("max.connections.per.ip", int32, "2147483647", D, "Maximum connections from one address."),
    broker("max.connections.per.ip.overrides", string, "", D, "Per-address overrides of max.connections.per.ip."),
    broker("max.connection.creation.rate", int32, "2147483647", D, "Maximum new connections per second."),
    broker("queued.max.requests", int32, "500", R, "Requests queued before network threads stop reading."),
    broker("queued.max.request.bytes", int64, "-1", R, "Bytes of queued requests before reading stops."),
    broker("request.timeout.ms", int32, "30000", R, "Client request timeout."),
    broker("max.incremental.fetch.session.cache.slots", int32, "1000", R, "Incremental fetch sessions kept."),
    broker("fetch.purgatory.purge.interval.requests", int32, "1000", R, "Fetch purgatory purge interval."),
    broker("producer.purgatory.purge.interval.requests", int32, "1000", R, "Produce purgatory purge interval."),
    broker("delete.records.purgatory.purge.interval.requests", int32, "1", R,
           "DeleteRecords purgatory purge interval."),
    broker("early.start.listeners", string, "", R, "Listeners started before authorizer initialization."),
    broker("control.plane.listener.name", string, "", R, "Listener for controller-to-broker traffic (ZooKeeper mode)."),

    // Versions and formats: Sluice always writes the current record format.
    broker("inter.broker.protocol.version", string, "3.6-IV2", R, "Inter-broker protocol version."),
    broker("log.message.format.version", string, "3.0-IV1", R, "Deprecated: message format version."),
    broker("log.message.downconversion.enable", boolean, "true", D, "Whether fetches may down-convert."),
    broker("log.message.timestamp.difference.max.ms", int64, "9223372036854775807", D,
           "Maximum difference between a record's timestamp and the broker's clock."),
    broker("log.message.timestamp.before.max.ms", int64, "9223372036854775807", D,
           "Maximum amount a record's timestamp may lie in the past."),
    broker("log.message.timestamp.after.max.ms", int64, "9223372036854775807", D,
           "Maximum amount a record's timestamp may lie in the future."),

    // Log files.
    broker("log.dir", string, "/tmp/kafka-logs", R, "Log directory, used when log.dirs is not set."),
    broker("log.index.size.max.bytes", int32, "10485760", D, "Maximum size of an offset index."),
    broker("log.preallocate", boolean, "false", D, "Preallocate segment files."),
    broker("log.roll.jitter.ms", int64, "", D, "Random jitter subtracted from the roll time."),
    broker("log.roll.jitter.hours", int32, "0", R, "Random jitter subtracted from the roll time, in hours."),
    broker("log.flush.scheduler.interval.ms", int64, "9223372036854775807", R, "How often the flusher checks logs."),
    broker("log.flush.offset.checkpoint.interval.ms", int32, "60000", R, "Recovery point checkpoint interval."),
    broker("log.flush.start.offset.checkpoint.interval.ms", int32, "60000", R, "Log start checkpoint interval."),
    broker("log.cleaner.threads", int32, "1", D, "Log cleaner threads."),
    broker("log.cleaner.dedupe.buffer.size", int64, "134217728", D, "Memory for the cleaner's key map."),
    broker("log.cleaner.io.buffer.size", int32, "524288", D, "Cleaner I/O buffer size."),
    broker("log.cleaner.io.buffer.load.factor", double_value, "0.9", D, "Cleaner key map load factor."),
    broker("log.cleaner.io.max.bytes.per.second", double_value, "1.7976931348623157E308", D, "Cleaner I/O throttle."),
    broker("replica.high.watermark.checkpoint.interval.ms", int64, "5000", R, "High watermark checkpoint interval."),

    // Replication tuning.
    broker("replica.fetch.min.bytes", int32, "1", R, "Minimum bytes a follower fetch waits for."),
    broker("replica.fetch.backoff.ms", int32, "1000", R, "Backoff after a failed follower fetch."),
    broker("replica.fetch.response.max.bytes", int32, "10485760", R, "Maximum bytes of a follower fetch response."),
    broker("replica.socket.timeout.ms", int32, "30000", R, "Follower socket timeout."),
    broker("replica.socket.receive.buffer.bytes", int32, "65536", R, "Follower socket receive buffer."),
    broker("replica.selector.class", string, "", R, "Replica selector for fetch-from-follower (KIP-392)."),
    broker("replication.quota.window.num", int32, "11", R, "Samples kept for replication quotas."),
    broker("replication.quota.window.size.seconds", int32, "1", R, "Replication quota sample window."),
    broker("alter.log.dirs.replication.quota.window.num", int32, "11", R, "Samples kept for log-dir move quotas."),
    broker("alter.log.dirs.replication.quota.window.size.seconds", int32, "1", R, "Log-dir move quota window."),
    broker("leader.imbalance.per.broker.percentage", int32, "10", R, "Leader imbalance that triggers a rebalance."),
    broker("controlled.shutdown.enable", boolean, "true", R, "Controlled shutdown (ZooKeeper mode)."),
    broker("controlled.shutdown.max.retries", int32, "3", R, "Controlled shutdown retries (ZooKeeper mode)."),
    broker("controlled.shutdown.retry.backoff.ms", int64, "5000", R, "Controlled shutdown backoff (ZooKeeper mode)."),
    broker("delete.topic.enable", boolean, "true", R, "Whether topics may be deleted."),
    broker("broker.id.generation.enable", boolean, "true", R, "Broker id generation (ZooKeeper mode)."),
    broker("reserved.broker.max.id", int32, "1000", R, "Highest reserved broker id (ZooKeeper mode)."),
    broker("create.topic.policy.class.name", string, "", R, "Class validating CreateTopics requests."),
    broker("alter.config.policy.class.name", string, "", R, "Class validating AlterConfigs requests."),
    broker("remote.log.storage.system.enable", boolean, "false", R, "Tiered storage."),

    // KRaft quorum tuning.
    broker("controller.quorum.append.linger.ms", int32, "25", R, "Linger before the quorum leader appends."),
    broker("controller.quorum.retry.backoff.ms", int32, "20", R, "Backoff between quorum request retries."),
    broker("controller.socket.timeout.ms", int32, "30000", R, "Controller socket timeout."),
    broker("initial.broker.registration.timeout.ms", int32, "60000", R, "How long a broker waits to register."),
    broker("metadata.log.dir", string, "", R, "Directory of the metadata log; log.dirs' first entry when unset."),
    broker("metadata.max.retention.bytes", int64, "104857600", R, "Metadata log bytes kept after snapshots."),
    broker("metadata.max.retention.ms", int64, "604800000", R, "Metadata log age kept after snapshots."),
    broker("metadata.max.idle.interval.ms", int32, "500", R, "Interval of the controller's no-op records."),
    broker("zookeeper.connect", string, "", R, "ZooKeeper connection string (ZooKeeper mode only)."),
    broker("zookeeper.session.timeout.ms", int32, "18000", R, "ZooKeeper session timeout."),
    broker("zookeeper.connection.timeout.ms", int32, "", R, "ZooKeeper connection timeout."),
    broker("zookeeper.max.in.flight.requests", int32, "10", R, "ZooKeeper requests in flight."),
    broker("zookeeper.set.acl", boolean, "false", R, "Secure ACLs on ZooKeeper nodes."),
    broker("zookeeper.ssl.client.enable", boolean, "false", R, "TLS to ZooKeeper."),

    // Groups, offsets and transactions.
    broker("group.max.size", int32, "2147483647", R, "Maximum members of a consumer group."),
    broker("offsets.load.buffer.size", int32, "5242880", R, "Batch size when loading offsets."),
    broker("offsets.topic.compression.codec", int32, "0", R, "Codec of __consumer_offsets batches."),
    broker("offsets.topic.segment.bytes", int32, "104857600", R, "Segment size of __consumer_offsets."),
    broker("transactional.id.expiration.ms", int32, "604800000", D, "How long an idle transactional id is kept."),
    broker("transaction.max.timeout.ms", int32, "900000", R, "Largest transaction timeout a producer may ask for."),
    broker("transaction.abort.timed.out.transaction.cleanup.interval.ms", int32, "10000", R,
           "How often timed-out transactions are aborted."),
    broker("transaction.remove.expired.transaction.cleanup.interval.ms", int32, "3600000", R,
           "How often expired transactional ids are removed."),
    broker("transaction.state.log.load.buffer.size", int32, "5242880", R, "Batch size when loading transactions."),
    broker("transaction.state.log.min.isr", int32, "2", R, "min.insync.replicas of __transaction_state."),
    broker("transaction.state.log.num.partitions", int32, "50", R, "Partitions of __transaction_state."),
    broker("transaction.state.log.replication.factor", int16, "3", R, "Replication factor of __transaction_state."),
    broker("transaction.state.log.segment.bytes", int32, "104857600", R, "Segment size of __transaction_state."),

    // Delegation tokens and quotas.
    broker("delegation.token.secret.key", string, "", R, "Secret that signs delegation tokens.", true),
    broker("delegation.token.expiry.time.ms", int64, "86400000", R, "Delegation token lifetime before renewal."),
    broker("delegation.token.max.lifetime.ms", int64, "604800000", R, "Delegation token maximum lifetime."),
    broker("delegation.token.expiry.check.interval.ms", int64, "3600000", R, "Expired token check interval."),
    broker("client.quota.callback.class", string, "", R, "Custom quota callback."),

    // Metrics.
    broker("metric.reporters", list, "", D, "Metric reporter classes."),
    broker("metrics.num.samples", int32, "2", R, "Samples per metric."),
    broker("metrics.recording.level", string, "INFO", R, "Highest recording level of metrics."),
    broker("metrics.sample.window.ms", int64, "30000", R, "Metric sample window."),
    broker("kafka.metrics.polling.interval.secs", int32, "10", R, "Metrics polling interval."),
    broker("kafka.metrics.reporters", list, "", R, "Yammer metric reporter classes."),

    // Security settings of mechanisms and providers Sluice does not implement (Kerberos, OAUTHBEARER, JSSE).
    broker("security.inter.broker.protocol", string, "PLAINTEXT", R,
           "Inter-broker security protocol; inter.broker.listener.name decides in Sluice."),
    broker("principal.builder.class", string,
           "org.apache.kafka.common.security.authenticator.DefaultKafkaPrincipalBuilder", R,
           "Class building principals."),
    broker("security.providers", string, "", R, "Security provider creators."),
    broker("sasl.kerberos.service.name", string, "", D, "Kerberos service name."),
    broker("sasl.kerberos.kinit.cmd", string, "/usr/bin/kinit", D, "Kerberos kinit command."),
    broker("sasl.kerberos.min.time.before.relogin", int64, "60000", D, "Login thread sleep between refreshes."),
    broker("sasl.kerberos.ticket.renew.jitter", double_value, "0.05", D, "Jitter of the renewal time."),
    broker("sasl.kerberos.ticket.renew.window.factor", double_value, "0.8", D,
           "Fraction of ticket life before renewal."),
    broker("sasl.kerberos.principal.to.local.rules", list, "DEFAULT", D, "Kerberos principal mapping rules."),
    broker("sasl.login.class", string, "", R, "SASL login class."),
    broker("sasl.login.callback.handler.class", string, "", R, "SASL login callback handler."),
    broker("sasl.client.callback.handler.class", string, "", R, "SASL client callback handler."),
    broker("sasl.server.callback.handler.class", string, "", R, "SASL server callback handler."),
    broker("sasl.login.refresh.window.factor", double_value, "0.8", D, "Login refresh window factor."),
    broker("sasl.login.refresh.window.jitter", double_value, "0.05", D, "Login refresh jitter."),
    broker("sasl.login.refresh.min.period.seconds", int16, "60", D, "Minimum time between login refreshes."),
    broker("sasl.login.refresh.buffer.seconds", int16, "300", D, "Buffer time before credential expiry."),
    broker("sasl.login.connect.timeout.ms", int32, "", R, "OAUTHBEARER login connect timeout."),
    broker("sasl.login.read.timeout.ms", int32, "", R, "OAUTHBEARER login read timeout."),
    broker("sasl.login.retry.backoff.ms", int64, "100", R, "OAUTHBEARER login retry backoff."),
    broker("sasl.login.retry.backoff.max.ms", int64, "10000", R, "OAUTHBEARER login maximum retry backoff."),
    broker("sasl.oauthbearer.jwks.endpoint.url", string, "", R, "OAUTHBEARER JWKS endpoint."),
    broker("sasl.oauthbearer.jwks.endpoint.refresh.ms", int64, "3600000", R, "OAUTHBEARER JWKS refresh interval."),
    broker("sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", int64, "100", R, "OAUTHBEARER JWKS retry backoff."),
    broker("sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms", int64, "10000", R,
           "OAUTHBEARER JWKS maximum retry backoff."),
    broker("sasl.oauthbearer.token.endpoint.url", string, "", R, "OAUTHBEARER token endpoint."),
    broker("sasl.oauthbearer.expected.audience", list, "", R, "OAUTHBEARER expected audiences."),
    broker("sasl.oauthbearer.expected.issuer", string, "", R, "OAUTHBEARER expected issuer."),
    broker("sasl.oauthbearer.clock.skew.seconds", int32, "30", R, "OAUTHBEARER allowed clock skew."),
    broker("sasl.oauthbearer.scope.claim.name", string, "scope", R, "OAUTHBEARER scope claim."),
    broker("sasl.oauthbearer.sub.claim.name", string, "sub", R, "OAUTHBEARER subject claim."),
    broker("ssl.cipher.suites", list, "", D, "TLS cipher suites; OpenSSL's defaults are used."),
    broker("ssl.provider", string, "", D, "JSSE security provider."),
    broker("ssl.keymanager.algorithm", string, "SunX509", D, "JSSE key manager algorithm."),
    broker("ssl.trustmanager.algorithm", string, "PKIX", D, "JSSE trust manager algorithm."),
    broker("ssl.secure.random.implementation", string, "", D, "JSSE SecureRandom implementation."),
    broker("ssl.engine.factory.class", string, "", D, "Custom SSLEngine factory."),
    broker("password.encoder.secret", string, "", R, "Secret encoding dynamically set passwords.", true),
    broker("password.encoder.old.secret", string, "", R, "Previous password encoder secret.", true),
    broker("password.encoder.keyfactory.algorithm", string, "", R, "Password encoder key factory."),
    broker("password.encoder.cipher.algorithm", string, "AES/CBC/PKCS5Padding", R, "Password encoder cipher."),
    broker("password.encoder.key.length", int32, "128", R, "Password encoder key length."),
    broker("password.encoder.iterations", int32, "4096", R, "Password encoder iterations."),

    // Topic configs.
    topic("message.format.version", string, "3.0-IV1", "Deprecated: the message format version.",
          "log.message.format.version"),
    topic("message.downconversion.enable", boolean, "true", "Whether fetches may down-convert this topic's batches.",
          "log.message.downconversion.enable"),
    topic("message.timestamp.difference.max.ms", int64, "9223372036854775807",
          "Maximum difference between a record's timestamp and the broker's clock.",
          "log.message.timestamp.difference.max.ms"),
    topic("message.timestamp.before.max.ms", int64, "9223372036854775807",
          "Maximum amount a record's timestamp may lie in the past.", "log.message.timestamp.before.max.ms"),
    topic("message.timestamp.after.max.ms", int64, "9223372036854775807",
          "Maximum amount a record's timestamp may lie in the future.", "log.message.timestamp.after.max.ms"),
    topic("segment.index.bytes", int32, "10485760", "Maximum size of a segment's offset index.",
          "log.index.size.max.bytes"),
    topic("segment.jitter.ms", int64, "0", "Random jitter subtracted from segment.ms.",
          "log.roll.jitter.ms,log.roll.jitter.hours"),
    topic("preallocate", boolean, "false", "Preallocate segment files.", "log.preallocate"),
    topic("leader.replication.throttled.replicas", list, "", "Replicas throttled on the leader side."),
    topic("follower.replication.throttled.replicas", list, "", "Replicas throttled on the follower side."),
    topic("remote.storage.enable", boolean, "false", "Tiered storage for this topic."),
    topic("local.retention.ms", int64, "-2", "Local retention with tiered storage; -2 follows retention.ms."),
    topic("local.retention.bytes", int64, "-2", "Local retention with tiered storage; -2 follows retention.bytes."),
};
}  // namespace

std::span<const config_definition> compatibility_config_table() { return compatibility; }

}  // namespace sluice::metadata
