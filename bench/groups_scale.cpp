// sluice_groups_scale: times one full consumer-group lag refresh at scale, read the way the app's groups view
// reads it (app/ClientGroupsProvider.cpp: snapshot, list_groups, describe_groups, lag), through engine/client.
//
//   sluice_groups_scale <host:port> [topics partitions_per_topic groups partitions_per_group]
//
// Defaults: 100 topics x 100 partitions (10,000 partitions) and 2,000 groups of 5 partitions each. Setup:
// creates the topics, produces 10 records to partition 0 of each, and commits offset 0 for every group with
// OffsetCommit generation -1 (groups without members, as admin tools do). Then refreshes twice: cold (a new
// client: new connections) and warm (the same client again, as the app's next tick). Prints seconds per phase
// and the requests each phase sends. Checks that the refresh saw every group, partition and the expected
// lag; never asserts timing. Exits non-zero when the work did not complete.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/client/admin_client.h"
#include "engine/client/group_client.h"
#include "engine/protocol/messages/find_coordinator.h"
#include "engine/protocol/messages/offset_commit.h"
#include "engine/protocol/messages/offset_fetch.h"

namespace {

using namespace sluice;
using clock_type = std::chrono::steady_clock;
constexpr auto client_timeout = std::chrono::seconds(60);
constexpr int records_per_topic = 10;  // produced to partition 0 of each topic: the only lag there is
constexpr std::size_t offset_fetch_batch = 500;  // group_client's OffsetFetch v8 batch (group_client.cpp)

struct config {
    std::string bootstrap;
    int topics = 100;
    int partitions = 100;
    int groups = 2000;
    int partitions_per_group = 5;
};

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "groups_scale: %s\n", what.c_str());
    std::exit(1);
}

template <class T>
T take(result<T> r, const std::string& what) {
    if (!r) fail(what + ": " + r.err().message);
    return std::move(r).value();
}

std::string topic_name(int t) {
    char name[32];
    std::snprintf(name, sizeof name, "scale-%03d", t);
    return name;
}

std::string group_name(int g) {
    char name[32];
    std::snprintf(name, sizeof name, "scale-group-%04d", g);
    return name;
}

// Group g commits partitions first .. first + partitions_per_group - 1 (wrapping) of topic g % topics; the
// groups cover every partition once when groups * partitions_per_group == topics * partitions, and share
// partitions (as groups reading the same topics do) when there are fewer partitions.
struct group_span {
    std::string topic;
    int first = 0;
};
group_span span_of(const config& c, int g) {
    return {topic_name(g % c.topics), ((g / c.topics) * c.partitions_per_group) % c.partitions};
}

void create_topics(const config& c) {
    auto start = clock_type::now();
    client::admin_client admin(c.bootstrap, client_timeout);
    constexpr int topics_per_request = 10;
    int requests = 0;
    for (int t = 0; t < c.topics; t += topics_per_request) {
        std::vector<client::new_topic_spec> specs;
        for (int k = t; k < std::min(c.topics, t + topics_per_request); ++k)
            specs.push_back({topic_name(k), c.partitions, 1, {}, {}});
        auto created = take(admin.create_topics(specs), "CreateTopics");
        ++requests;
        for (const auto& item : created)
            if (!item.ok() && item.error != static_cast<int16_t>(protocol::error_code::topic_already_exists))
                fail("creating " + item.name + ": error " + std::to_string(item.error) + " " + item.message);
    }
    std::printf("setup: created %d topics x %d partitions (%d partitions) in %d CreateTopics: %.2f s\n", c.topics,
                c.partitions, c.topics * c.partitions, requests, seconds_since(start));
}

void produce_some(const config& c, client::cluster_client& cluster) {
    auto start = clock_type::now();
    std::vector<protocol::record> records(records_per_topic);
    for (auto& r : records) r.value = std::vector<uint8_t>(100, 'x');
    for (int t = 0; t < c.topics; ++t) take(cluster.produce(topic_name(t), 0, records, 1), "produce");
    std::printf("setup: produced %d records to partition 0 of each topic (%d Produce): %.2f s\n", records_per_topic,
                c.topics, seconds_since(start));
}

void commit_offsets(const config& c, client::cluster_client& cluster) {
    auto start = clock_type::now();
    take(cluster.brokers(), "Metadata (brokers)");
    auto* boot = take(cluster.broker(-1), "bootstrap connection");
    auto fc_version = take(boot->pick_version(protocol::api_key::find_coordinator), "FindCoordinator version");
    std::map<std::string, int32_t> coordinator;
    int find_requests = 0;
    if (fc_version >= 4) {
        protocol::find_coordinator_request request;
        for (int g = 0; g < c.groups; ++g) request.coordinator_keys.push_back(group_name(g));
        auto response = take(boot->send<protocol::find_coordinator_api>(request, fc_version), "FindCoordinator");
        ++find_requests;
        for (const auto& k : response.coordinators) {
            if (k.error_code != 0) fail("FindCoordinator for " + k.key + ": error " + std::to_string(k.error_code));
            coordinator[k.key] = k.node_id;
        }
    } else {
        for (int g = 0; g < c.groups; ++g) {
            protocol::find_coordinator_request request;
            request.key = group_name(g);
            auto response = take(boot->send<protocol::find_coordinator_api>(request, fc_version), "FindCoordinator");
            ++find_requests;
            if (response.error_code != 0) fail("FindCoordinator: error " + std::to_string(response.error_code));
            coordinator[request.key] = response.node_id;
        }
    }
    if (static_cast<int>(coordinator.size()) != c.groups) fail("FindCoordinator did not answer for every group");
    for (int g = 0; g < c.groups; ++g) {
        auto* conn = take(cluster.broker(coordinator.at(group_name(g))), "coordinator connection");
        auto version = take(conn->pick_version(protocol::api_key::offset_commit), "OffsetCommit version");
        protocol::offset_commit_request request;
        request.group_id = group_name(g);
        request.generation_id = -1;  // a group without members, as admin tools commit
        auto span = span_of(c, g);
        request.topics.push_back({span.topic, {}});
        for (int p = 0; p < c.partitions_per_group; ++p) {
            protocol::offset_commit_request::partition part;
            part.partition_index = (span.first + p) % c.partitions;
            part.committed_offset = 0;
            part.committed_metadata = std::string{};
            request.topics.back().partitions.push_back(part);
        }
        auto response = take(conn->send<protocol::offset_commit_api>(request, version), "OffsetCommit");
        for (const auto& t : response.topics)
            for (const auto& p : t.partitions)
                if (p.error_code != 0)
                    fail("OffsetCommit " + request.group_id + " " + t.name + "-" + std::to_string(p.partition_index) +
                         ": error " + std::to_string(p.error_code));
    }
    double took = seconds_since(start);
    std::printf("setup: committed offsets of %d groups x %d partitions (%d FindCoordinator, %d OffsetCommit): %.2f s "
                "(%.0f commits/s)\n",
                c.groups, c.partitions_per_group, find_requests, c.groups, took, c.groups / took);
}

struct refresh_numbers {
    double snapshot = 0, list = 0, describe = 0, lag = 0;
    double total() const { return snapshot + list + describe + lag; }
};

// Requests a refresh sends, from group_client's and cluster_client's code and the versions the broker
// negotiated (the client does not count them itself): ApiVersions per new connection not included.
struct request_model {
    int snapshot = 0, list = 0, describe = 0, lag = 0;
    int total() const { return snapshot + list + describe + lag; }
};

request_model model_requests(const config& c, client::cluster_client& cluster, std::size_t brokers) {
    auto* boot = take(cluster.broker(-1), "bootstrap connection");
    bool batched_find = take(boot->pick_version(protocol::api_key::find_coordinator), "version") >= 4;
    bool batched_fetch = take(boot->pick_version(protocol::api_key::offset_fetch), "version") >= 8;
    int find = batched_find ? 1 : c.groups;  // one node: one coordinator for every group
    int fetch = batched_fetch ? static_cast<int>((c.groups + offset_fetch_batch - 1) / offset_fetch_batch) : c.groups;
    request_model m;
    m.snapshot = 1 + 2 * static_cast<int>(brokers);  // Metadata + ListOffsets latest and earliest per leader
    m.list = 1 + static_cast<int>(brokers);           // Metadata (brokers) + ListGroups per broker
    m.describe = 1 + find + 1;                        // Metadata + FindCoordinator + DescribeGroups per coordinator
    m.lag = 1 + find + fetch;                         // Metadata + FindCoordinator + OffsetFetch
    return m;
}

refresh_numbers refresh(const config& c, client::cluster_client& cluster, const char* label) {
    refresh_numbers n;
    auto start = clock_type::now();
    auto snapshot = take(cluster.snapshot(), "snapshot");
    n.snapshot = seconds_since(start);

    client::group_client groups(cluster);
    start = clock_type::now();
    auto listed = take(groups.list_groups(), "list_groups");
    n.list = seconds_since(start);
    std::vector<std::string> ids;
    for (const auto& g : listed) ids.push_back(g.group_id);

    start = clock_type::now();
    auto described = take(groups.describe_groups(ids), "describe_groups");
    n.describe = seconds_since(start);

    start = clock_type::now();
    auto lags = take(groups.lag(ids, snapshot), "lag");
    n.lag = seconds_since(start);

    // The work completed: every group, every committed partition, the lag of the produced records.
    std::size_t partitions_in_snapshot = 0;
    for (const auto& t : snapshot.topics)
        if (t.name.rfind("scale-", 0) == 0) partitions_in_snapshot += t.partitions.size();
    std::set<std::string> ours;
    for (const auto& id : ids)
        if (id.rfind("scale-group-", 0) == 0) ours.insert(id);
    std::size_t committed = 0;
    int64_t total_lag = 0;
    for (const auto& l : lags) {
        if (!ours.count(l.group_id)) continue;
        committed += l.partitions.size();
        total_lag += l.total_lag;
    }
    const std::size_t want_partitions = static_cast<std::size_t>(c.topics) * c.partitions;
    const std::size_t want_committed = static_cast<std::size_t>(c.groups) * c.partitions_per_group;
    int64_t want_lag = 0;  // only partition 0 of each topic has records; every group committed offset 0
    for (int g = 0; g < c.groups; ++g)
        for (int p = 0; p < c.partitions_per_group; ++p)
            if ((span_of(c, g).first + p) % c.partitions == 0) want_lag += records_per_topic;
    std::printf("refresh (%s): %zu partitions, %zu of %zu groups listed, %zu described, %zu committed partitions, "
                "total lag %lld\n",
                label, partitions_in_snapshot, ours.size(), listed.size(), described.size(), committed,
                static_cast<long long>(total_lag));
    if (partitions_in_snapshot != want_partitions)
        fail("snapshot saw " + std::to_string(partitions_in_snapshot) + " partitions, want " + std::to_string(want_partitions));
    if (ours.size() != static_cast<std::size_t>(c.groups))
        fail("list_groups returned " + std::to_string(ours.size()) + " of " + std::to_string(c.groups) + " groups");
    if (described.size() != ids.size()) fail("describe_groups answered for fewer groups than listed");
    if (committed != want_committed)
        fail("lag saw " + std::to_string(committed) + " committed partitions, want " + std::to_string(want_committed));
    if (total_lag != want_lag) fail("total lag " + std::to_string(total_lag) + ", want " + std::to_string(want_lag));
    return n;
}

// For comparison: committed offsets read one group per request (OffsetFetch v7, as a client without v8 batching).
double per_group_offset_fetch(const config& c, client::cluster_client& cluster) {
    auto* conn = take(cluster.broker(-1), "bootstrap connection");
    // Capped at v7 on purpose: the last version without batching.
    auto version = std::min<int16_t>(take(conn->pick_version(protocol::api_key::offset_fetch), "OffsetFetch version"), 7);
    auto start = clock_type::now();
    std::size_t partitions = 0;
    for (int g = 0; g < c.groups; ++g) {
        protocol::offset_fetch_request request;
        request.group_id = group_name(g);
        request.topics = std::nullopt;
        auto response = take(conn->send<protocol::offset_fetch_api>(request, version), "OffsetFetch");
        if (response.error_code != 0) fail("OffsetFetch " + request.group_id + ": error " + std::to_string(response.error_code));
        for (const auto& t : response.topics) partitions += t.partitions.size();
    }
    double took = seconds_since(start);
    if (partitions != static_cast<std::size_t>(c.groups) * c.partitions_per_group)
        fail("per-group OffsetFetch saw " + std::to_string(partitions) + " partitions");
    return took;
}

int parse_positive(const char* text, const char* what) {
    char* end = nullptr;
    long v = std::strtol(text, &end, 10);
    if (!end || *end || v <= 0 || v > 1'000'000) fail(std::string("bad ") + what + ": " + text);
    return static_cast<int>(v);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 6) {
        std::fprintf(stderr, "usage: sluice_groups_scale <host:port> [topics partitions groups partitions_per_group]\n");
        return 2;
    }
    config c;
    c.bootstrap = argv[1];
    if (argc == 6) {
        c.topics = parse_positive(argv[2], "topics");
        c.partitions = parse_positive(argv[3], "partitions");
        c.groups = parse_positive(argv[4], "groups");
        c.partitions_per_group = parse_positive(argv[5], "partitions_per_group");
        if (c.partitions_per_group > c.partitions) fail("partitions_per_group exceeds partitions per topic");
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    {
        client::cluster_client setup(c.bootstrap, client_timeout);
        create_topics(c);
        produce_some(c, setup);
        commit_offsets(c, setup);
    }

    client::cluster_client cluster(c.bootstrap, client_timeout);
    auto cold = refresh(c, cluster, "cold: new connections");
    auto warm = refresh(c, cluster, "warm: same client");
    auto brokers = take(cluster.brokers(), "brokers");
    auto requests = model_requests(c, cluster, brokers.size());
    double per_group = per_group_offset_fetch(c, cluster);

    std::printf("\n%d groups on %d partitions (%d topics x %d), %d committed partitions per group, %zu broker(s)\n",
                c.groups, c.topics * c.partitions, c.topics, c.partitions, c.partitions_per_group, brokers.size());
    std::printf("| phase | requests | cold s | warm s |\n|---|---:|---:|---:|\n");
    std::printf("| snapshot (Metadata + ListOffsets) | %d | %.3f | %.3f |\n", requests.snapshot, cold.snapshot, warm.snapshot);
    std::printf("| list_groups (ListGroups) | %d | %.3f | %.3f |\n", requests.list, cold.list, warm.list);
    std::printf("| describe_groups (FindCoordinator + DescribeGroups) | %d | %.3f | %.3f |\n", requests.describe,
                cold.describe, warm.describe);
    std::printf("| lag (FindCoordinator + OffsetFetch v8) | %d | %.3f | %.3f |\n", requests.lag, cold.lag, warm.lag);
    std::printf("| **full refresh** | %d | **%.3f** | **%.3f** |\n", requests.total(), cold.total(), warm.total());
    std::printf("| for comparison: OffsetFetch v7, one request per group | %d | | %.3f |\n", c.groups, per_group);
    std::printf("(requests: derived from engine/client's code and the negotiated versions; a cold refresh also "
                "sends ApiVersions on each new connection)\n");
    return 0;
}
