#include "engine/broker/meta_properties.h"

#include <fstream>
#include <algorithm>
#include <random>
#include <vector>

namespace sluice::broker {

std::string generate_cluster_id() {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::random_device rd;
    std::string id;
    for (int i = 0; i < 22; ++i) id += alphabet[rd() % 64];
    return id;
}

std::string cluster_id_from_voters(std::string_view voters) {
    // Canonical form: the items sorted, so "2@b,1@a" and "1@a, 2@b" give one id.
    std::vector<std::string> items;
    std::string item;
    for (char c : voters) {
        if (c == ',') {
            if (!item.empty()) items.push_back(item);
            item.clear();
        } else if (c != ' ' && c != '\t') {
            item += c;
        }
    }
    if (!item.empty()) items.push_back(item);
    std::sort(items.begin(), items.end());
    std::string canonical;
    for (const auto& i : items) canonical += i + ",";
    // Two FNV-1a 64-bit hashes with different offsets: 16 bytes, stable on every platform (std::hash is not).
    auto fnv = [&](uint64_t h) {
        for (unsigned char c : canonical) h = (h ^ c) * 0x100000001b3ULL;
        return h;
    };
    uint64_t halves[2] = {fnv(0xcbf29ce484222325ULL), fnv(0x84222325cbf29ce4ULL)};
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string id;
    // 22 base64 characters carry 132 bits: the 128 of the hashes, 6 bits at a time.
    for (int i = 0; i < 22; ++i) {
        int bit = i * 6;
        uint64_t word = halves[bit / 64 < 2 ? bit / 64 : 1];
        int shift = bit % 64;
        uint64_t v = word >> shift;
        if (shift > 58 && bit / 64 == 0) v |= halves[1] << (64 - shift);
        id += alphabet[v & 63];
    }
    return id;
}

namespace {

result<void> write_meta(const std::filesystem::path& file, const meta_properties& meta) {
    auto temp = file;
    temp += ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << "#\n# Written by Sluice when this directory was formatted.\n#\nversion=1\ncluster.id=" << meta.cluster_id
            << "\nnode.id=" << meta.node_id << "\n";
        if (!out) return make_error(protocol::error_code::kafka_storage_error, "cannot write " + temp.string());
    }
    std::error_code ec;
    std::filesystem::rename(temp, file, ec);
    if (ec) return make_error(protocol::error_code::kafka_storage_error, "cannot write " + file.string() + ": " + ec.message());
    return {};
}

}  // namespace

result<meta_properties> load_or_format(const std::filesystem::path& dir, const std::string& configured_cluster_id,
                                       int32_t node_id) {
    auto file = dir / "meta.properties";
    meta_properties meta{configured_cluster_id.empty() ? generate_cluster_id() : configured_cluster_id, node_id};
    if (!std::filesystem::exists(file)) {
        if (auto written = write_meta(file, meta); !written) return written.err();
        return meta;
    }
    // Read leniently: meta.properties is ours or Kafka's, not a server.properties, so unknown keys are fine.
    std::ifstream in(file);
    std::string line, stored_cluster, stored_node;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        auto key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "cluster.id") stored_cluster = value;
        if (key == "node.id" || key == "broker.id") stored_node = value;
    }
    if (!configured_cluster_id.empty() && !stored_cluster.empty() && stored_cluster != configured_cluster_id)
        return make_error(protocol::error_code::inconsistent_cluster_id,
                          "data dir " + dir.string() + " belongs to cluster " + stored_cluster + ", not " +
                              configured_cluster_id);
    if (!stored_node.empty() && stored_node != std::to_string(node_id))
        return make_error(protocol::error_code::invalid_config,
                          "data dir " + dir.string() + " belongs to node " + stored_node + ", not node " +
                              std::to_string(node_id) + " (meta.properties)");
    bool complete = !stored_cluster.empty() && !stored_node.empty();
    if (!stored_cluster.empty()) meta.cluster_id = stored_cluster;
    // A directory from before node ids were recorded gets its node id now.
    if (!complete)
        if (auto written = write_meta(file, meta); !written) return written.err();
    return meta;
}

}  // namespace sluice::broker
