// The config registry: one entry per (name, scope), every default valid for its own definition, and Kafka's
// configs that Sluice does not act on accepted and documented as such.
#include <QtTest>
#include <set>
#include <string>

#include "engine/metadata/config_definition.h"

using namespace sluice::metadata;

class TestConfigRegistry : public QObject {
    Q_OBJECT
private slots:
    void each_name_is_defined_once_per_scope() {
        std::set<std::pair<std::string, config_scope>> seen;
        for (const auto& def : config_definitions())
            QVERIFY2(seen.emplace(std::string(def.name), def.scope).second, std::string(def.name).c_str());
        QVERIFY(seen.size() > 200);  // Kafka 3.x has about 250 broker and topic configs
    }

    void every_default_passes_its_own_validation() {
        for (const auto& def : config_definitions()) {
            if (def.default_value.empty()) continue;  // Kafka's null
            auto ok = validate_config_value(def, def.default_value);
            QVERIFY2(ok.ok(), std::string(def.name).c_str());
        }
    }

    void kafka_configs_without_effect_are_accepted_and_documented() {
        const auto* format = find_config("message.format.version", config_scope::topic);
        QVERIFY(format != nullptr);
        QVERIFY(!format->has_effect);
        QVERIFY(config_documentation(*format).find("no effect") != std::string::npos);
        const auto* relogin = find_config("sasl.kerberos.min.time.before.relogin", config_scope::broker);
        QVERIFY(relogin != nullptr);
        QVERIFY(!relogin->read_only);  // Kafka lets AlterConfigs change it on a running broker
        QVERIFY(validate_config_value(*relogin, "58000").ok());
        QVERIFY(!validate_config_value(*relogin, "soon").ok());
        const auto* retention = find_config("retention.ms", config_scope::topic);
        QVERIFY(retention != nullptr && retention->has_effect);
        QVERIFY(config_documentation(*retention).find("no effect") == std::string::npos);
    }

    void unknown_names_stay_unknown() {
        QVERIFY(find_config("no.such.config") == nullptr);
        QVERIFY(find_config("message.format.version", config_scope::broker) == nullptr);
    }
};

QTEST_APPLESS_MAIN(TestConfigRegistry)
#include "test_config_registry.moc"
