#include "engine/metadata/config_definition.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/metadata/config_tables.h"

namespace sluice::metadata {

namespace {
using enum config_type;
constexpr auto B = config_scope::broker;
constexpr auto T = config_scope::topic;
constexpr int64_t L = INT64_MAX;

// Defaults are Kafka's (3.x). Sizes in bytes, times in milliseconds unless the name says otherwise.
constexpr std::array effective_definitions{
    config_definition{"node.id", int32, "1", B, 0, INT32_MAX, "", true, false, "This node's id in the cluster."},
    config_definition{"broker.id", int32, "1", B, 0, INT32_MAX, "", true, false, "Alias of node.id."},
    config_definition{"listeners", list, "PLAINTEXT://127.0.0.1:9092", B, 0, 0, "", true, false,
                      "Where the broker listens, as LISTENER://host:port."},
    config_definition{"advertised.listeners", list, "", B, 0, 0, "", true, false,
                      "What clients are told to connect to; defaults to listeners."},
    config_definition{"process.roles", list, "broker,controller", B, 0, 0, "", true, false,
                      "KRaft roles of this node: broker, controller, or both (combined mode)."},
    config_definition{"controller.quorum.voters", list, "", B, 0, 0, "", true, false,
                      "The metadata quorum's voters as id@host:port,...; empty: this node alone."},
    config_definition{"controller.listener.names", list, "", B, 0, 0, "", true, false,
                      "Listeners that serve the controller quorum (the first is used to reach other voters)."},
    config_definition{"listener.security.protocol.map", list,
                      "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL", B, 0, 0, "", true,
                      false, "Listener name to security protocol, as NAME:PROTOCOL,..."},
    config_definition{"inter.broker.listener.name", string, "", B, 0, 0, "", true, false,
                      "Listener brokers use to reach each other; defaults to the first non-controller listener."},
    // TLS (SSL and SASL_SSL listeners), PEM only; each may be given per listener as
    // listener.name.<lowercased listener name>.<config>.
    config_definition{"ssl.keystore.type", string, "JKS", B, 0, 0, "", true, false,
                      "The keystore's file format; only PEM is supported (Kafka's default JKS is refused)."},
    config_definition{"ssl.keystore.location", string, "", B, 0, 0, "", true, false,
                      "A PEM file with the private key and the certificate chain of this broker."},
    config_definition{"ssl.keystore.key", string, "", B, 0, 0, "", true, true,
                      "The PEM private key itself, instead of ssl.keystore.location."},
    config_definition{"ssl.keystore.certificate.chain", string, "", B, 0, 0, "", true, false,
                      "The PEM certificate chain itself, with ssl.keystore.key."},
    config_definition{"ssl.keystore.password", string, "", B, 0, 0, "", true, true,
                      "Not used for PEM keystores (see ssl.key.password)."},
    config_definition{"ssl.key.password", string, "", B, 0, 0, "", true, true,
                      "The password of an encrypted private key."},
    config_definition{"ssl.truststore.type", string, "JKS", B, 0, 0, "", true, false,
                      "The trust store's file format; only PEM is supported."},
    config_definition{"ssl.truststore.location", string, "", B, 0, 0, "", true, false,
                      "A PEM file of the CA certificates that client certificates are verified with."},
    config_definition{"ssl.truststore.certificates", string, "", B, 0, 0, "", true, false,
                      "The trusted PEM certificates themselves, instead of ssl.truststore.location."},
    config_definition{"ssl.truststore.password", string, "", B, 0, 0, "", true, true, "Not used for PEM trust stores."},
    config_definition{"ssl.enabled.protocols", list, "TLSv1.2,TLSv1.3", B, 0, 0, "TLSv1.2,TLSv1.3", true, false,
                      "The TLS versions accepted; older ones are not served."},
    config_definition{"ssl.protocol", string, "TLSv1.3", B, 0, 0, "", true, false,
                      "Kept for compatibility; ssl.enabled.protocols decides."},
    config_definition{"ssl.client.auth", string, "none", B, 0, 0, "required,requested,none", true, false,
                      "Whether TLS clients must (required) or may (requested) present a certificate."},
    config_definition{
        "ssl.principal.mapping.rules", string, "DEFAULT", B, 0, 0, "", true, false,
        "How a client certificate's subject becomes its principal: DEFAULT or RULE:pattern/replacement/[LU], ..."},
    config_definition{"ssl.endpoint.identification.algorithm", string, "https", B, 0, 0, "", true, false,
                      "Clients of other brokers verify the host name in their certificate (https) or not (empty)."},
    // SASL (SASL_PLAINTEXT and SASL_SSL listeners); per listener as above. JAAS entries are per listener and
    // mechanism: listener.name.<listener>.<mechanism>.sasl.jaas.config.
    config_definition{"sasl.enabled.mechanisms", list, "GSSAPI", B, 0, 0, "", true, false,
                      "The SASL mechanisms offered; this broker implements PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512."},
    config_definition{"sasl.mechanism.inter.broker.protocol", string, "GSSAPI", B, 0, 0, "", true, false,
                      "The SASL mechanism brokers use with each other."},
    config_definition{"sasl.mechanism.controller.protocol", string, "GSSAPI", B, 0, 0, "", true, false,
                      "The SASL mechanism the nodes use to reach the controller listener."},
    config_definition{"sasl.jaas.config", string, "", B, 0, 0, "", true, true,
                      "JAAS login module entries, e.g. PlainLoginModule's user_<name>=\"<password>\"."},
    // The ACL authorizer (security/authorizer.h): on when authorizer.class.name names Kafka's authorizer.
    config_definition{"authorizer.class.name", string, "", B, 0, 0, "", true, false,
                      "org.apache.kafka.metadata.authorizer.StandardAuthorizer (or kafka.security.authorizer."
                      "AclAuthorizer) checks every request against the cluster's ACLs; empty: no authorization."},
    config_definition{"super.users", string, "", B, 0, 0, "", true, false,
                      "Principals that may do anything, separated by semicolons: User:admin;User:broker."},
    config_definition{"allow.everyone.if.no.acl.found", boolean, "false", B, 0, 0, "", true, false,
                      "Whether a resource that no ACL covers is open to every principal."},
    config_definition{"broker.rack", string, "", B, 0, 0, "", true, false,
                      "This broker's rack, for rack-aware replica placement."},
    config_definition{"controller.quorum.election.timeout.ms", int32, "1000", B, 1, INT32_MAX, "", true, false,
                      "Time without a leader before a voter starts an election."},
    config_definition{"controller.quorum.fetch.timeout.ms", int32, "2000", B, 1, INT32_MAX, "", true, false,
                      "Time without a successful fetch before a follower becomes a candidate."},
    config_definition{"controller.quorum.election.backoff.max.ms", int32, "1000", B, 1, INT32_MAX, "", true, false,
                      "Largest random backoff before a new election after a failed one."},
    config_definition{"controller.quorum.request.timeout.ms", int32, "2000", B, 1, INT32_MAX, "", true, false,
                      "Timeout of a request between quorum members."},
    config_definition{"metadata.log.max.record.bytes.between.snapshots", int64, "20971520", B, 1, INT64_MAX, "", true,
                      false,
                      "This is the maximum number of bytes in the log between the latest snapshot and the "
                      "high-watermark needed before generating a new snapshot. The node generates a snapshot when "
                      "either this many bytes or metadata.log.max.snapshot.interval.ms is reached."},
    config_definition{"metadata.log.max.snapshot.interval.ms", int64, "3600000", B, 0, INT64_MAX, "", true, false,
                      "This is the maximum number of milliseconds to wait to generate a snapshot if there are "
                      "committed records in the log that are not included in the latest snapshot. A value of zero "
                      "disables time based snapshot generation."},
    config_definition{"metadata.log.segment.bytes", int32, "1073741824", B, 12, INT32_MAX, "", true, false,
                      "The maximum size of a single metadata log file. Segments wholly before the latest snapshot "
                      "are deleted."},
    config_definition{"broker.heartbeat.interval.ms", int32, "2000", B, 1, INT32_MAX, "", true, false,
                      "How often a broker heartbeats to the active controller."},
    config_definition{"broker.session.timeout.ms", int32, "9000", B, 1, INT32_MAX, "", true, false,
                      "A broker without a heartbeat for this long is fenced and loses its leaderships."},
    config_definition{"replica.lag.time.max.ms", int64, "30000", B, 1, INT64_MAX, "", true, false,
                      "A follower that has not caught up for this long leaves the ISR."},
    config_definition{"replica.fetch.wait.max.ms", int32, "500", B, 0, INT32_MAX, "", true, false,
                      "Longest wait of a follower's fetch for new data."},
    config_definition{"fetch.max.bytes", int32, "57671680", B, 1024, INT32_MAX, "", false, false,
                      "Most record bytes one consumer Fetch response returns, whatever the request asks for."},
    config_definition{"replica.fetch.max.bytes", int32, "1048576", B, 0, INT32_MAX, "", true, false,
                      "Bytes a follower asks for per partition."},
    config_definition{"auto.leader.rebalance.enable", boolean, "true", B, 0, 0, "", true, false,
                      "Move leadership back to the preferred replica when it is in the ISR again."},
    config_definition{"leader.imbalance.check.interval.seconds", int64, "300", B, 1, INT64_MAX, "", true, false,
                      "How often preferred leaders are checked."},
    config_definition{"log.dirs", string, "/tmp/sluice-logs", B, 0, 0, "", true, false, "Where partition logs live."},
    config_definition{"cluster.id", string, "", B, 0, 0, "", true, false,
                      "Cluster id; generated on first start and kept in meta.properties."},
    config_definition{"num.partitions", int32, "1", B, 1, INT32_MAX, "", false, false,
                      "Partitions of an auto-created topic."},
    config_definition{"default.replication.factor", int16, "1", B, 1, INT16_MAX, "", false, false,
                      "Replication factor of an auto-created topic."},
    config_definition{"auto.create.topics.enable", boolean, "true", B, 0, 0, "", true, false,
                      "Create a topic when a client asks for its metadata."},
    config_definition{"quota.window.num", int32, "11", B, 1, INT32_MAX, "", true, false,
                      "Samples a client quota's rate is measured over."},
    config_definition{"quota.window.size.seconds", int32, "1", B, 1, INT32_MAX, "", true, false,
                      "Length of one client quota sample."},
    config_definition{"socket.request.max.bytes", int32, "104857600", B, 1, INT32_MAX, "", true, false,
                      "Largest request frame accepted; larger ones close the connection."},
    config_definition{"message.max.bytes", int32, "1048588", B, 0, INT32_MAX, "", false, false,
                      "Largest record batch accepted."},
    config_definition{"log.segment.bytes", int32, "1073741824", B, 14, INT32_MAX, "", false, false,
                      "Size at which a segment rolls."},
    config_definition{"log.roll.ms", int64, "", B, 1, INT64_MAX, "", false, false, "Age at which a segment rolls."},
    config_definition{"log.roll.hours", int32, "168", B, 1, INT32_MAX, "", false, false,
                      "Age at which a segment rolls, in hours (log.roll.ms wins)."},
    config_definition{"log.retention.ms", int64, "", B, -1, INT64_MAX, "", false, false,
                      "How long to keep a segment; -1 keeps forever."},
    config_definition{"log.retention.minutes", int32, "", B, -1, INT32_MAX, "", false, false,
                      "Retention in minutes (log.retention.ms wins)."},
    config_definition{"log.retention.hours", int32, "168", B, -1, INT32_MAX, "", false, false,
                      "Retention in hours (minutes and ms win)."},
    config_definition{"log.retention.bytes", int64, "-1", B, -1, INT64_MAX, "", false, false,
                      "Size above which old segments are deleted; -1 is unlimited."},
    config_definition{"producer.id.expiration.ms", int32, "86400000", B, 1, INT32_MAX, "", true, false,
                      "How long a partition keeps an idle idempotent producer's state (counted from its newest "
                      "batch's timestamp); after that its next batch is accepted at any sequence."},
    config_definition{"producer.id.expiration.check.interval.ms", int32, "600000", B, 1, INT32_MAX, "", true, false,
                      "How often expired producer ids are removed."},
    config_definition{"log.retention.check.interval.ms", int64, "300000", B, 1, INT64_MAX, "", true, false,
                      "How often retention runs."},
    config_definition{"log.cleaner.enable", boolean, "true", B, 0, 0, "", true, false,
                      "Run the log cleaner for topics with cleanup.policy=compact."},
    config_definition{"log.cleaner.backoff.ms", int64, "15000", B, 0, INT64_MAX, "", false, false,
                      "Pause between log cleaner passes."},
    config_definition{"log.index.interval.bytes", int32, "4096", B, 0, INT32_MAX, "", false, false,
                      "Bytes between offset index entries."},
    config_definition{"log.flush.interval.messages", int64, "9223372036854775807", B, 1, INT64_MAX, "", false, false,
                      "fsync after this many messages; Kafka relies on replication instead."},
    config_definition{"log.flush.interval.ms", int64, "", B, 0, INT64_MAX, "", false, false,
                      "fsync at least this often."},
    config_definition{"min.insync.replicas", int32, "1", B, 1, INT32_MAX, "", false, false,
                      "Replicas that must have a record before acks=all succeeds."},
    config_definition{"group.initial.rebalance.delay.ms", int32, "3000", B, 0, INT32_MAX, "", true, false,
                      "Wait for more members before the first rebalance of an empty group."},
    config_definition{"offsets.topic.num.partitions", int32, "50", B, 1, INT32_MAX, "", true, false,
                      "Partitions of __consumer_offsets."},
    config_definition{"offsets.topic.replication.factor", int16, "3", B, 1, INT16_MAX, "", true, false,
                      "Replication factor of __consumer_offsets. Unlike Kafka, which refuses to create the topic "
                      "while fewer brokers are registered, Sluice uses min(this, live brokers) so that a "
                      "single node keeps working; start every broker before the first consumer group."},
    config_definition{"offsets.commit.timeout.ms", int32, "5000", B, 1, INT32_MAX, "", true, false,
                      "How long an offset commit waits for every in-sync replica of its __consumer_offsets "
                      "partition before failing with COORDINATOR_NOT_AVAILABLE."},
    config_definition{"offsets.retention.minutes", int32, "10080", B, 1, INT32_MAX, "", false, false,
                      "How long committed offsets of an empty group are kept."},
    config_definition{"offsets.retention.check.interval.ms", int64, "600000", B, 1, INT64_MAX, "", true, false,
                      "How often committed offsets are checked for expiry."},
    config_definition{"offset.metadata.max.bytes", int32, "4096", B, 0, INT32_MAX, "", true, false,
                      "Largest metadata string kept with a committed offset."},
    config_definition{"group.min.session.timeout.ms", int32, "6000", B, 0, INT32_MAX, "", true, false,
                      "Shortest session timeout a group member may ask for."},
    config_definition{"group.max.session.timeout.ms", int32, "1800000", B, 0, INT32_MAX, "", true, false,
                      "Longest session timeout a group member may ask for."},
    // Broker defaults of topic configs (each topic config below names these as its synonyms).
    config_definition{"log.cleanup.policy", list, "delete", B, 0, 0, "compact,delete", false, false,
                      "Default cleanup.policy of topics."},
    config_definition{"compression.type", string, "producer", B, 0, 0, "uncompressed,zstd,lz4,snappy,gzip,producer",
                      false, false, "Default compression.type of topics."},
    config_definition{"log.cleaner.delete.retention.ms", int64, "86400000", B, 0, L, "", false, false,
                      "Default delete.retention.ms of topics."},
    config_definition{"log.cleaner.min.compaction.lag.ms", int64, "0", B, 0, L, "", false, false,
                      "Default min.compaction.lag.ms of topics."},
    config_definition{"log.cleaner.max.compaction.lag.ms", int64, "9223372036854775807", B, 1, L, "", false, false,
                      "Default max.compaction.lag.ms of topics."},
    config_definition{"log.cleaner.min.cleanable.ratio", double_value, "0.5", B, 0, 1, "", false, false,
                      "Default min.cleanable.dirty.ratio of topics."},
    config_definition{"log.message.timestamp.type", string, "CreateTime", B, 0, 0, "CreateTime,LogAppendTime", false,
                      false, "Default message.timestamp.type of topics."},
    config_definition{"unclean.leader.election.enable", boolean, "false", B, 0, 0, "", false, false,
                      "Default unclean.leader.election.enable of topics."},
    config_definition{"log.segment.delete.delay.ms", int64, "60000", B, 0, L, "", false, false,
                      "Default file.delete.delay.ms of topics."},

    // Topic configs (CreateTopics, AlterConfigs). Defaults are Kafka's; the last field lists the broker
    // configs that supply the default when a topic has no override.
    config_definition{"cleanup.policy", list, "delete", T, 0, 0, "compact,delete", false, false,
                      "delete: drop old segments; compact: keep the latest record per key; or both.",
                      "log.cleanup.policy"},
    config_definition{"compression.type", string, "producer", T, 0, 0, "uncompressed,zstd,lz4,snappy,gzip,producer",
                      false, false, "Codec of stored batches; producer keeps what the producer sent.",
                      "compression.type"},
    config_definition{"delete.retention.ms", int64, "86400000", T, 0, L, "", false, false,
                      "How long tombstones are kept in a compacted topic.", "log.cleaner.delete.retention.ms"},
    config_definition{"file.delete.delay.ms", int64, "60000", T, 0, L, "", false, false,
                      "Delay before a deleted segment's files are removed.", "log.segment.delete.delay.ms"},
    config_definition{"flush.messages", int64, "9223372036854775807", T, 1, L, "", false, false,
                      "fsync after this many messages.", "log.flush.interval.messages"},
    config_definition{"flush.ms", int64, "9223372036854775807", T, 0, L, "", false, false, "fsync at least this often.",
                      "log.flush.interval.ms"},
    config_definition{"index.interval.bytes", int32, "4096", T, 0, INT32_MAX, "", false, false,
                      "Bytes between offset index entries.", "log.index.interval.bytes"},
    config_definition{"max.compaction.lag.ms", int64, "9223372036854775807", T, 1, L, "", false, false,
                      "Longest time a record stays uncompacted.", "log.cleaner.max.compaction.lag.ms"},
    config_definition{"max.message.bytes", int32, "1048588", T, 0, INT32_MAX, "", false, false,
                      "Largest record batch accepted.", "message.max.bytes"},
    config_definition{"message.timestamp.type", string, "CreateTime", T, 0, 0, "CreateTime,LogAppendTime", false, false,
                      "CreateTime keeps the producer's timestamps; LogAppendTime stamps batches on append.",
                      "log.message.timestamp.type"},
    config_definition{"min.cleanable.dirty.ratio", double_value, "0.5", T, 0, 1, "", false, false,
                      "Dirty fraction of the log that makes it eligible for cleaning.",
                      "log.cleaner.min.cleanable.ratio"},
    config_definition{"min.compaction.lag.ms", int64, "0", T, 0, L, "", false, false,
                      "Shortest time a record stays uncompacted.", "log.cleaner.min.compaction.lag.ms"},
    config_definition{"min.insync.replicas", int32, "1", T, 1, INT32_MAX, "", false, false,
                      "Replicas that must have a record before acks=all succeeds.", "min.insync.replicas"},
    config_definition{"retention.bytes", int64, "-1", T, -1, L, "", false, false,
                      "Size above which old segments are deleted; -1 is unlimited.", "log.retention.bytes"},
    config_definition{"retention.ms", int64, "604800000", T, -1, L, "", false, false,
                      "How long to keep a segment; -1 keeps forever.",
                      "log.retention.ms,log.retention.minutes,log.retention.hours"},
    config_definition{"segment.bytes", int32, "1073741824", T, 14, INT32_MAX, "", false, false,
                      "Size at which a segment rolls.", "log.segment.bytes"},
    config_definition{"segment.ms", int64, "604800000", T, 1, L, "", false, false, "Age at which a segment rolls.",
                      "log.roll.ms,log.roll.hours"},
    config_definition{"unclean.leader.election.enable", boolean, "false", T, 0, 0, "", false, false,
                      "Whether a replica outside the ISR may become leader (losing data).",
                      "unclean.leader.election.enable"},
};

bool allowed_choice(std::string_view allowed, std::string_view value) {
    while (!allowed.empty()) {
        auto comma = allowed.find(',');
        if (allowed.substr(0, comma) == value) return true;
        if (comma == std::string_view::npos) break;
        allowed.remove_prefix(comma + 1);
    }
    return false;
}

bool parse_integer(std::string_view text, int64_t& out) {
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}
}  // namespace

std::span<const config_definition> effective_config_table() { return effective_definitions; }

// The registry is the effective table followed by the compatibility table, joined once.
std::span<const config_definition> config_definitions() {
    static const std::vector<config_definition> all = [] {
        std::vector<config_definition> joined(effective_config_table().begin(), effective_config_table().end());
        auto compat = compatibility_config_table();
        joined.insert(joined.end(), compat.begin(), compat.end());
        return joined;
    }();
    return all;
}

std::string config_documentation(const config_definition& def) {
    std::string doc(def.doc);
    if (!def.has_effect)
        doc += doc.empty() ? "Accepted for compatibility with Kafka; has no effect in Sluice."
                           : " (Accepted for compatibility with Kafka; has no effect in Sluice.)";
    return doc;
}

const config_definition* find_config(std::string_view name) {
    for (const auto& def : config_definitions())
        if (def.name == name) return &def;
    return nullptr;
}

const config_definition* find_config(std::string_view name, config_scope scope) {
    for (const auto& def : config_definitions())
        if (def.name == name && def.scope == scope) return &def;
    return nullptr;
}

const config_definition* find_listener_override(std::string_view name) {
    constexpr std::string_view prefix = "listener.name.";
    if (!name.starts_with(prefix)) return nullptr;
    auto rest = name.substr(prefix.size());
    auto dot = rest.find('.');
    if (dot == std::string_view::npos || dot == 0) return nullptr;
    auto base = rest.substr(dot + 1);
    if (const auto* def = find_config(base, config_scope::broker)) return def;
    // <mechanism>.sasl.jaas.config, e.g. plain.sasl.jaas.config or scram-sha-512.sasl.jaas.config
    if (auto mech_dot = base.find('.');
        mech_dot != std::string_view::npos && base.substr(mech_dot + 1) == "sasl.jaas.config")
        return find_config("sasl.jaas.config", config_scope::broker);
    return nullptr;
}

result<void> validate_config_value(const config_definition& def, std::string_view value) {
    auto invalid = [&](std::string_view why) {
        return make_error(protocol::error_code::invalid_config, "Invalid value " + std::string(value) +
                                                                    " for configuration " + std::string(def.name) +
                                                                    ": " + std::string(why));
    };
    switch (def.type) {
        case config_type::boolean:
            if (value != "true" && value != "false") return invalid("expected true or false");
            return {};
        case config_type::int16:
        case config_type::int32:
        case config_type::int64: {
            int64_t n = 0;
            if (!parse_integer(value, n)) return invalid("not a whole number");
            int64_t type_min = def.type == config_type::int16   ? INT16_MIN
                               : def.type == config_type::int32 ? INT32_MIN
                                                                : INT64_MIN;
            int64_t type_max = def.type == config_type::int16   ? INT16_MAX
                               : def.type == config_type::int32 ? INT32_MAX
                                                                : INT64_MAX;
            if (n < std::max(def.min, type_min))
                return invalid("must be at least " + std::to_string(std::max(def.min, type_min)));
            if (n > std::min(def.max, type_max))
                return invalid("must be at most " + std::to_string(std::min(def.max, type_max)));
            return {};
        }
        case config_type::double_value: {
            char* end = nullptr;
            std::string copy(value);
            double d = std::strtod(copy.c_str(), &end);
            if (copy.empty() || end != copy.c_str() + copy.size()) return invalid("not a number");
            if (def.min != INT64_MIN && d < static_cast<double>(def.min))
                return invalid("must be at least " + std::to_string(def.min));
            if (def.max != INT64_MAX && d > static_cast<double>(def.max))
                return invalid("must be at most " + std::to_string(def.max));
            return {};
        }
        case config_type::list:
            if (!def.allowed.empty()) {
                // Every comma-separated element must be one of the choices ("compact,delete").
                std::string_view rest = value;
                while (true) {
                    auto comma = rest.find(',');
                    auto item = rest.substr(0, comma);
                    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
                    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
                    if (!allowed_choice(def.allowed, item))
                        return invalid("each element must be one of " + std::string(def.allowed));
                    if (comma == std::string_view::npos) break;
                    rest.remove_prefix(comma + 1);
                }
            }
            return {};
        case config_type::string:
            if (!def.allowed.empty()) {
                std::string_view rest = def.allowed;
                while (!rest.empty()) {
                    auto comma = rest.find(',');
                    if (rest.substr(0, comma) == value) return {};
                    if (comma == std::string_view::npos) break;
                    rest.remove_prefix(comma + 1);
                }
                return invalid("must be one of " + std::string(def.allowed));
            }
            return {};
    }
    return {};
}

}  // namespace sluice::metadata
