// The metric catalog's rules, and the registry's text in Prometheus exposition format 0.0.4: HELP/TYPE
// lines, escaping, number formatting, cumulative histogram buckets ending in +Inf, scrape-time gauges.
#include <QtTest>
#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include "engine/metrics/exposition.h"
#include "engine/metrics/registry.h"

using namespace sluice::metrics;

namespace {
bool contains_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}
}  // namespace

class test_metrics_registry : public QObject {
    Q_OBJECT
private slots:
    void catalog_entries_are_well_formed() {
        const std::regex name_rule("[a-zA-Z_:][a-zA-Z0-9_:]*");
        const std::regex label_rule("[a-zA-Z_][a-zA-Z0-9_]*");
        std::set<std::string_view> names;
        QCOMPARE(catalog().size(), metric_count);
        for (std::size_t i = 0; i < catalog().size(); ++i) {
            const auto& def = catalog()[i];
            QCOMPARE(static_cast<std::size_t>(def.id), i);  // definition(id) indexes the table
            QVERIFY2(std::regex_match(std::string(def.name), name_rule), def.name.data());
            QVERIFY2(names.insert(def.name).second, def.name.data());
            QVERIFY(!def.help.empty());
            QCOMPARE(def.name.ends_with("_total"), def.type == metric_type::counter);
            for (auto label : def.labels) {
                QVERIFY(std::regex_match(std::string(label), label_rule));
                QVERIFY(label != "le" && label != "quantile");
            }
            QCOMPARE(!def.buckets.empty(), def.type == metric_type::histogram);
            for (std::size_t b = 1; b < def.buckets.size(); ++b) QVERIFY(def.buckets[b - 1] < def.buckets[b]);
        }
    }

    void escapes_label_values_and_help() {
        // Written without raw strings: moc's preprocessor does not read them.
        QCOMPARE(escape_label_value("a\\b\"c\nd"), std::string("a\\\\b\\\"c\\nd"));
        QCOMPARE(escape_help("say \"x\" \\ y\n"), std::string("say \"x\" \\\\ y\\n"));
        QCOMPARE(escape_label_value("plain.topic-1"), std::string("plain.topic-1"));
    }

    void formats_numbers_as_prometheus_reads_them() {
        QCOMPARE(format_value(0), std::string("0"));
        QCOMPARE(format_value(42), std::string("42"));
        QCOMPARE(format_value(-3), std::string("-3"));
        QCOMPARE(format_value(0.25), std::string("0.25"));
        QCOMPARE(format_value(std::numeric_limits<double>::infinity()), std::string("+Inf"));
        QCOMPARE(format_value(-std::numeric_limits<double>::infinity()), std::string("-Inf"));
        QCOMPARE(format_value(std::nan("")), std::string("NaN"));
        QCOMPARE(std::stod(format_value(1e300)), 1e300);
        QCOMPARE(std::stod(format_value(0.1 + 0.2)), 0.1 + 0.2);  // shortest form that reads back exactly
    }

    void exposes_counters_with_help_type_and_escaped_labels() {
        registry r;
        r.counter_for(metric_id::bytes_in, {"orders"}).add(100);
        r.counter_for(metric_id::bytes_in, {"orders"}).add(23);  // the same cell
        r.counter_for(metric_id::bytes_in, {"we\"ird\\"}).add(1);
        auto text = r.expose();
        const auto& def = definition(metric_id::bytes_in);
        const std::string name(def.name);
        QVERIFY(contains_line(text, "# HELP " + name + " " + escape_help(def.help)));
        QVERIFY(contains_line(text, "# TYPE " + name + " counter"));
        QVERIFY(contains_line(text, name + "{topic=\"orders\"} 123"));
        QVERIFY(contains_line(text, name + "{topic=\"we\\\"ird\\\\\"} 1"));
        // Every catalog entry is declared once, samples or not.
        for (const auto& d : catalog()) {
            auto type_line = "# TYPE " + std::string(d.name) + " ";
            auto first = text.find(type_line);
            QVERIFY2(first != std::string::npos, d.name.data());
            QCOMPARE(text.find(type_line, first + 1), std::string::npos);
        }
        QVERIFY(text.ends_with("\n"));
    }

    void histogram_buckets_are_cumulative_and_end_with_inf() {
        registry r;
        auto& h = r.histogram_for(metric_id::request_total_time_ms, {"Produce"});
        const auto& bounds = definition(metric_id::request_total_time_ms).buckets;
        QVERIFY(bounds.size() >= 3);
        h.observe(bounds[0] / 2);  // first bucket
        h.observe(bounds[1]);      // exactly on a bound: le means <=, so that bucket
        h.observe(bounds[1]);
        h.observe(bounds.back() * 10);  // only +Inf
        auto text = r.expose();
        const std::string name(definition(metric_id::request_total_time_ms).name);
        auto bucket = [&](const std::string& le, int n) {
            return name + "_bucket{request=\"Produce\",le=\"" + le + "\"} " + std::to_string(n);
        };
        QVERIFY(contains_line(text, bucket(format_value(bounds[0]), 1)));
        QVERIFY(contains_line(text, bucket(format_value(bounds[1]), 3)));
        QVERIFY(contains_line(text, bucket(format_value(bounds[2]), 3)));
        QVERIFY(contains_line(text, bucket(format_value(bounds.back()), 3)));
        QVERIFY(contains_line(text, bucket("+Inf", 4)));
        QVERIFY(contains_line(text, name + "_count{request=\"Produce\"} 4"));
        double sum = bounds[0] / 2 + 2 * bounds[1] + bounds.back() * 10;
        QVERIFY(contains_line(text, name + "_sum{request=\"Produce\"} " + format_value(sum)));
        QCOMPARE(h.count(), uint64_t{4});
    }

    void gauge_sources_run_at_scrape_time_sorted_and_deduplicated() {
        registry r;
        int calls = 0;
        r.set_source(metric_id::log_size, [&calls](gauge_sink& sink) {
            ++calls;
            sink.set({"t", "1"}, 2048);
            sink.set({"t", "0"}, 1024);
            sink.set({"t", "0"}, 99);   // a series twice: only the first is shown
            sink.set({"only-one"}, 5);  // wrong label count: dropped, the page stays valid
        });
        QCOMPARE(calls, 0);
        auto text = r.expose();
        QCOMPARE(calls, 1);
        const std::string name(definition(metric_id::log_size).name);
        auto zero = text.find(name + "{topic=\"t\",partition=\"0\"} 1024\n");
        auto one = text.find(name + "{topic=\"t\",partition=\"1\"} 2048\n");
        QVERIFY(zero != std::string::npos && one != std::string::npos && zero < one);
        QCOMPARE(text.find(" 99\n"), std::string::npos);
        QCOMPARE(text.find("only-one"), std::string::npos);
        r.gauge_for(metric_id::leader_count).set(3);
        QVERIFY(contains_line(r.expose(), std::string(definition(metric_id::leader_count).name) + " 3"));
    }

    void misuse_is_refused() {
        registry r;
        QVERIFY_THROWS_EXCEPTION(std::logic_error, r.gauge_for(metric_id::bytes_in, {"t"}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, r.counter_for(metric_id::bytes_in));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, r.set_source(metric_id::requests, {}));
    }
};

QTEST_APPLESS_MAIN(test_metrics_registry)
#include "test_metrics_registry.moc"
