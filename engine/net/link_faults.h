// Fault injection between the nodes of one cluster: a thread-safe table, shared by the nodes of a
// local_cluster, of what is wrong with each directed link (from node, to node) — cut, delayed, lossy. A
// node's connections to its peers consult it (client::connection_options::link); nothing else does, so
// clients of the cluster never see these faults. A link from A to B governs the connections A opens to B,
// requests and responses alike.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <utility>

namespace sluice::net {

// What is wrong with one directed link now. The default is a healthy link.
struct link_fault {
    bool cut = false;                    // new connections fail; open ones close at once
    std::chrono::milliseconds delay{0};  // each request waits this long before it is written
    double drop_probability = 0.0;       // the chance that a request is lost (never written)
    bool healthy() const { return !cut && delay.count() == 0 && drop_probability <= 0.0; }
};

// Hold it in a shared_ptr (std::make_shared): watches refer back to it weakly.
class link_faults : public std::enable_shared_from_this<link_faults> {
public:
    // Unsubscribes on destruction; once its destructor returns, its callback is not running and never will.
    class watch {
    public:
        watch() = default;
        watch(std::weak_ptr<link_faults> owner, uint64_t id) : owner_(std::move(owner)), id_(id) {}
        ~watch();
        watch(watch&& other) noexcept : owner_(std::move(other.owner_)), id_(std::exchange(other.id_, 0)) {}
        watch& operator=(watch&& other) noexcept;
        watch(const watch&) = delete;
        watch& operator=(const watch&) = delete;

    private:
        std::weak_ptr<link_faults> owner_;
        uint64_t id_ = 0;
    };

    void cut(int32_t from, int32_t to);
    void delay(int32_t from, int32_t to, std::chrono::milliseconds delay);
    // probability is clamped to [0, 1]; 0 stops dropping.
    void drop(int32_t from, int32_t to, double probability);
    void heal(int32_t from, int32_t to);
    void heal();

    link_fault fault(int32_t from, int32_t to) const;
    // Rolls the dice for one request on the link: true when it is to be lost.
    bool lose_request(int32_t from, int32_t to);
    // Calls on_cut, from the thread that cuts and under this table's lock, each time from → to is cut, until
    // the watch is destroyed. It must only hand the news over (post it to its connection's executor): it may
    // not block, nor call back into this table.
    [[nodiscard]] watch watch_cuts(int32_t from, int32_t to, std::function<void()> on_cut);

private:
    using key = std::pair<int32_t, int32_t>;
    struct watcher {
        key link;
        std::function<void()> on_cut;
    };
    void unwatch(uint64_t id);
    void tidy(const key& k);  // forgets a link that became healthy (caller holds mutex_)

    mutable std::mutex mutex_;
    std::map<key, link_fault> faults_;
    std::map<uint64_t, watcher> watchers_;
    uint64_t next_watch_ = 1;
    std::mt19937_64 random_{std::random_device{}()};
};

// The directed link one connection travels, as the connection sees it: the table and the two ends.
struct link {
    std::shared_ptr<link_faults> faults;
    int32_t from = -1;
    int32_t to = -1;

    link_fault fault() const { return faults->fault(from, to); }
    bool lose_request() const { return faults->lose_request(from, to); }
    [[nodiscard]] link_faults::watch watch_cuts(std::function<void()> on_cut) const {
        return faults->watch_cuts(from, to, std::move(on_cut));
    }
};

// The link from → to when a node has a fault table, nothing otherwise (a node without one is unaffected).
inline std::optional<link> link_between(const std::shared_ptr<link_faults>& faults, int32_t from, int32_t to) {
    if (!faults) return std::nullopt;
    return link{faults, from, to};
}

}  // namespace sluice::net
