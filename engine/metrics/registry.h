// One broker's metric values, keyed by the catalog's ids and label values. A cell (counter, gauge, histogram)
// is created on first use and lives as long as the registry, so callers on a hot path look it up once and keep
// the reference; recording into it is a relaxed atomic. Gauges that are cheaper to compute than to keep up to
// date (partition counts, log sizes) come from a source called at scrape time on the scraping thread.
#pragma once
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "engine/metrics/cells.h"
#include "engine/metrics/metric_catalog.h"

namespace sluice::metrics {

// Values of a metric's labels, in the order its definition names them.
using label_values = std::vector<std::string>;

// Where a scrape-time source writes its samples.
class gauge_sink {
public:
    void set(label_values labels, double value) { samples_.emplace_back(std::move(labels), value); }
    std::vector<std::pair<label_values, double>>& samples() { return samples_; }

private:
    std::vector<std::pair<label_values, double>> samples_;
};

class registry {
public:
    registry() = default;
    registry(const registry&) = delete;
    registry& operator=(const registry&) = delete;

    // The cell for these label values, created on first use. The metric must be of that type and be given
    // one value per label name (std::logic_error otherwise: a programming error, caught by the unit tests).
    // Takes the metric's lock, so keep the reference rather than calling this per request.
    counter& counter_for(metric_id id, const label_values& labels = {});
    gauge& gauge_for(metric_id id, const label_values& labels = {});
    histogram& histogram_for(metric_id id, const label_values& labels = {});

    // A gauge whose samples are computed at each scrape, by `source`, on the thread calling expose(): the
    // owner makes sure that is the thread owning what it reads. Replaces cells set with gauge_for.
    using gauge_source = std::function<void(gauge_sink&)>;
    void set_source(metric_id id, gauge_source source);

    // Every metric of the catalog, in catalog order, as Prometheus text format 0.0.4: HELP and TYPE once
    // per metric (also when it has no samples yet), samples sorted by label values.
    std::string expose() const;

private:
    struct family {
        mutable std::mutex mutex;  // guards the maps' shape; the cells themselves are atomics
        std::map<label_values, std::unique_ptr<counter>> counters;
        std::map<label_values, std::unique_ptr<gauge>> gauges;
        std::map<label_values, std::unique_ptr<histogram>> histograms;
        gauge_source source;
    };
    family& checked(metric_id id, metric_type type, const label_values& labels);
    void expose_family(const metric_definition& def, const family& f, std::string& out) const;

    std::array<family, metric_count> families_;
};

}  // namespace sluice::metrics
