#include "engine/metrics/registry.h"

#include <algorithm>
#include <stdexcept>

#include "engine/metrics/exposition.h"

namespace sluice::metrics {

namespace {

std::string_view type_name(metric_type type) {
    switch (type) {
        case metric_type::counter:
            return "counter";
        case metric_type::gauge:
            return "gauge";
        case metric_type::histogram:
            return "histogram";
    }
    return "untyped";
}

// {a="x",b="y"}, with `extra` (a histogram's le) last; nothing at all without labels.
void write_labels(std::string& out, const metric_definition& def, const label_values& values,
                  std::string_view extra_name = {}, std::string_view extra_value = {}) {
    if (values.empty() && extra_name.empty()) return;
    out += '{';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ',';
        out += def.labels[i];
        out += "=\"";
        out += escape_label_value(values[i]);
        out += '"';
    }
    if (!extra_name.empty()) {
        if (!values.empty()) out += ',';
        out += extra_name;
        out += "=\"";
        out += extra_value;
        out += '"';
    }
    out += '}';
}

void write_sample(std::string& out, const metric_definition& def, std::string_view suffix, const label_values& values,
                  std::string_view value, std::string_view extra_name = {}, std::string_view extra_value = {}) {
    out += def.name;
    out += suffix;
    write_labels(out, def, values, extra_name, extra_value);
    out += ' ';
    out += value;
    out += '\n';
}

}  // namespace

registry::family& registry::checked(metric_id id, metric_type type, const label_values& labels) {
    const auto& def = definition(id);
    if (def.type != type)
        throw std::logic_error("metric " + std::string(def.name) + " is not a " + std::string(type_name(type)));
    if (labels.size() != def.labels.size())
        throw std::logic_error("metric " + std::string(def.name) + " takes " + std::to_string(def.labels.size()) +
                               " label values, not " + std::to_string(labels.size()));
    return families_[static_cast<std::size_t>(id)];
}

counter& registry::counter_for(metric_id id, const label_values& labels) {
    auto& f = checked(id, metric_type::counter, labels);
    std::lock_guard lock(f.mutex);
    auto& cell = f.counters[labels];
    if (!cell) cell = std::make_unique<counter>();
    return *cell;
}

gauge& registry::gauge_for(metric_id id, const label_values& labels) {
    auto& f = checked(id, metric_type::gauge, labels);
    std::lock_guard lock(f.mutex);
    auto& cell = f.gauges[labels];
    if (!cell) cell = std::make_unique<gauge>();
    return *cell;
}

histogram& registry::histogram_for(metric_id id, const label_values& labels) {
    auto& f = checked(id, metric_type::histogram, labels);
    std::lock_guard lock(f.mutex);
    auto& cell = f.histograms[labels];
    if (!cell) cell = std::make_unique<histogram>(definition(id).buckets);
    return *cell;
}

void registry::set_source(metric_id id, gauge_source source) {
    auto& f = families_[static_cast<std::size_t>(id)];
    if (definition(id).type != metric_type::gauge)
        throw std::logic_error("metric " + std::string(definition(id).name) + " is not a gauge");
    std::lock_guard lock(f.mutex);
    f.source = std::move(source);
}

void registry::expose_family(const metric_definition& def, const family& f, std::string& out) const {
    out += "# HELP ";
    out += def.name;
    out += ' ';
    out += escape_help(def.help);
    out += "\n# TYPE ";
    out += def.name;
    out += ' ';
    out += type_name(def.type);
    out += '\n';
    gauge_source source;
    {
        std::lock_guard lock(f.mutex);
        source = f.source;
        for (const auto& [labels, cell] : f.counters) write_sample(out, def, "", labels, std::to_string(cell->value()));
        if (!source)
            for (const auto& [labels, cell] : f.gauges) write_sample(out, def, "", labels, format_value(cell->value()));
        for (const auto& [labels, cell] : f.histograms) {
            auto counts = cell->cumulative_counts();
            for (std::size_t i = 0; i < def.buckets.size(); ++i)
                write_sample(out, def, "_bucket", labels, std::to_string(counts[i]), "le",
                             format_value(def.buckets[i]));
            write_sample(out, def, "_bucket", labels, std::to_string(counts.back()), "le", "+Inf");
            write_sample(out, def, "_sum", labels, format_value(cell->sum()));
            write_sample(out, def, "_count", labels, std::to_string(counts.back()));
        }
    }
    if (!source) return;
    // Outside the lock: the source may take its time, and recording into other cells must not wait for it.
    gauge_sink sink;
    source(sink);
    auto& samples = sink.samples();
    std::stable_sort(samples.begin(), samples.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& [labels, value] = samples[i];
        // A source's mistake (wrong label count, a series twice) must not make the whole page unparseable.
        if (labels.size() != def.labels.size() || (i > 0 && samples[i - 1].first == labels)) continue;
        write_sample(out, def, "", labels, format_value(value));
    }
}

std::string registry::expose() const {
    std::string out;
    for (const auto& def : catalog()) expose_family(def, families_[static_cast<std::size_t>(def.id)], out);
    return out;
}

}  // namespace sluice::metrics
