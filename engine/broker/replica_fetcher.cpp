#include "engine/broker/replica_fetcher.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "engine/client/async_connection.h"
#include "engine/common/clock.h"
#include "engine/common/log.h"
#include "engine/protocol/messages/fetch.h"
#include "engine/protocol/record_batch.h"
#include "engine/replication/truncation.h"

namespace sluice::broker {

namespace {
using namespace std::chrono_literals;
using protocol::error_code;

// The first version with LastFetchedEpoch and DivergingEpoch: what lets a follower find where it diverged.
constexpr int16_t min_follower_fetch_version = 12;
}  // namespace

struct replica_fetcher::state {
    state(asio::io_context& io, std::string address, fetcher_settings settings, log_manager& logs, partition_source source)
        : io(io), address(std::move(address)), settings(std::move(settings)), logs(logs), partitions(std::move(source)),
          pause(io) {}
    asio::io_context& io;
    std::string address;
    fetcher_settings settings;
    log_manager& logs;
    partition_source partitions;
    asio::steady_timer pause;
    std::unique_ptr<client::async_connection> connection;
    bool stopped = false;
    std::string last_problem;  // logged once until it changes, so a down leader does not flood the log
};

namespace {

awaitable<void> pause_for(replica_fetcher::state& s, std::chrono::milliseconds how_long) {
    s.pause.expires_after(how_long);
    boost::system::error_code ec;
    co_await s.pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

void report(replica_fetcher::state& s, const std::string& problem) {
    if (problem == s.last_problem) return;
    s.last_problem = problem;
    log_warning("replica fetcher of node " + std::to_string(s.settings.replica_id) + " from " + s.address + ": " + problem);
}

protocol::fetch_request build_request(replica_fetcher::state& s) {
    protocol::fetch_request request;
    request.replica_id = s.settings.replica_id;
    request.max_wait_ms = s.settings.max_wait_ms;
    request.min_bytes = 1;
    request.max_bytes = 10 * 1024 * 1024;
    request.session_id = 0;
    request.session_epoch = -1;  // no fetch session: every request names every partition
    if (!s.settings.cluster_id.empty()) request.cluster_id = s.settings.cluster_id;
    for (const auto& [topic, index] : s.partitions()) {
        partition* p = s.logs.find(topic, index);
        if (p == nullptr || p->role() != replica_role::follower) continue;
        if (request.topics.empty() || request.topics.back().name != topic) request.topics.push_back({topic, {}, {}});
        protocol::fetch_request::partition wanted;
        wanted.partition_index = index;
        wanted.current_leader_epoch = p->leader_epoch();
        wanted.fetch_offset = p->log().log_end_offset();
        auto latest = p->epochs().latest_epoch();
        wanted.last_fetched_epoch = latest ? latest->value() : -1;
        wanted.log_start_offset = p->log().log_start_offset();
        wanted.partition_max_bytes = s.settings.partition_max_bytes;
        request.topics.back().partitions.push_back(wanted);
    }
    return request;
}

// Applies one partition's answer; true when it made progress (data, truncation) or had nothing to say.
bool apply_partition(replica_fetcher::state& s, const std::string& topic, const protocol::fetch_response::partition& got) {
    partition* p = s.logs.find(topic, got.partition_index);
    if (p == nullptr || p->role() != replica_role::follower) return true;  // metadata moved on meanwhile
    const auto name = topic + "-" + std::to_string(got.partition_index);
    if (got.error_code == static_cast<int16_t>(error_code::offset_out_of_range)) {
        // Our log end is below the leader's log start (retention ran there): start over from its log start.
        if (got.log_start_offset > p->log().log_end_offset()) {
            if (auto reset = p->reset_log(got.log_start_offset); !reset) report(s, name + ": " + reset.err().message);
            return true;
        }
        // Our log is longer than the leader's: it diverged without an epoch to tell (old data); truncate.
        if (auto cut = p->truncate_to(got.high_watermark); !cut) report(s, name + ": " + cut.err().message);
        return true;
    }
    if (got.error_code != 0) {
        report(s, name + ": " + std::string(protocol::error_name(static_cast<error_code>(got.error_code))));
        return false;
    }
    if (got.diverging_epoch.end_offset >= 0 || got.diverging_epoch.epoch >= 0) {
        auto step = replication::next_truncation(
            p->epochs(), replication::offset(p->log().log_end_offset()), replication::offset(p->high_watermark()),
            {replication::leader_epoch(got.diverging_epoch.epoch), replication::offset(got.diverging_epoch.end_offset)});
        if (auto cut = p->truncate_to(step.truncate_to.value()); !cut) report(s, name + ": " + cut.err().message);
        return true;
    }
    if (got.records && !got.records->empty()) {
        // Whole batches only: a response may end inside one.
        auto batches = protocol::split_batches(*got.records, true);
        if (!batches) {
            report(s, name + ": " + batches.err().message);
            return false;
        }
        if (!batches->empty()) {
            const auto& last = batches->back().bytes;
            std::size_t whole = static_cast<std::size_t>(last.data() + last.size() - got.records->data());
            auto appended = p->append_as_follower(std::span<const uint8_t>(got.records->data(), whole), wall_clock_ms());
            if (!appended) {
                report(s, name + ": " + appended.err().message);
                return false;
            }
            if (s.settings.bytes_in) s.settings.bytes_in->add(whole);
        }
    }
    p->update_follower_high_watermark(got.high_watermark);
    return true;
}

awaitable<void> run(std::shared_ptr<replica_fetcher::state> s) {
    while (!s->stopped) {
        if (!s->connection || !s->connection->is_open()) {
            client::connection_options options;
            options.client_id = "sluice-replica-" + std::to_string(s->settings.replica_id);
            options.connect_timeout = 3000ms;
            options.link = s->settings.link;
            options.security = s->settings.security;
            auto opened = co_await client::async_connection::open(s->io.get_executor(), s->address, options);
            if (s->stopped) break;
            if (!opened) {
                report(*s, "cannot connect: " + opened.err().message);
                co_await pause_for(*s, 500ms);
                continue;
            }
            s->connection = std::move(opened.value());
        }
        // Follower fetches speak the newest version both know up to 12 (the client table's Fetch range is
        // what consumers use; a follower needs LastFetchedEpoch).
        auto served = s->connection->broker_versions(protocol::api_key::fetch);
        std::optional<int16_t> version;
        if (served && served->max >= min_follower_fetch_version)
            version = std::min<int16_t>(served->max, min_follower_fetch_version);
        if (!version) {
            report(*s, "the leader does not serve Fetch v12 (needed to detect divergence)");
            co_await pause_for(*s, 2000ms);
            continue;
        }
        auto request = build_request(*s);
        if (request.topics.empty()) {
            co_await pause_for(*s, 100ms);
            continue;
        }
        auto timeout = std::chrono::milliseconds(s->settings.max_wait_ms) + 10000ms;
        auto response = co_await s->connection->send<protocol::fetch_api>(request, *version, timeout);
        if (s->stopped) break;
        if (!response) {
            report(*s, "fetch failed: " + response.err().message);
            s->connection.reset();
            co_await pause_for(*s, 200ms);
            continue;
        }
        bool progress = true;
        for (const auto& topic : response->responses)
            for (const auto& got : topic.partitions) progress = apply_partition(*s, topic.name, got) && progress;
        if (progress) s->last_problem.clear();
        else co_await pause_for(*s, 100ms);  // e.g. the leader has not learnt its new epoch yet
    }
    s->connection.reset();
}

}  // namespace

replica_fetcher::replica_fetcher(asio::io_context& io, std::string leader_address, fetcher_settings settings,
                                 log_manager& logs, partition_source partitions)
    : state_(std::make_shared<state>(io, std::move(leader_address), std::move(settings), logs, std::move(partitions))) {}

replica_fetcher::~replica_fetcher() { stop(); }

void replica_fetcher::start() {
    asio::co_spawn(state_->io, run(state_), [](std::exception_ptr failure) {
        if (failure) log_warning("replica fetcher stopped after an internal error");
    });
}

void replica_fetcher::stop() {
    state_->stopped = true;
    state_->pause.cancel();
    if (state_->connection) state_->connection->close();
}

void replica_fetcher::set_address(std::string address) {
    if (address == state_->address) return;
    state_->address = std::move(address);
    if (state_->connection) state_->connection->close();
}

const std::string& replica_fetcher::address() const { return state_->address; }

}  // namespace sluice::broker
