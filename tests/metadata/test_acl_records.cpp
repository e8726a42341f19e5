// ACLs as metadata records (Kafka's AccessControlEntryRecord, type 23, and RemoveAccessControlEntryRecord,
// type 24): the frame and fields round-trip, the image applies and removes them by id, a snapshot carries
// them, and the controller's planning of CreateAcls / DeleteAcls (validation, duplicates, filters) produces
// exactly the records that make the change.
#include <QtTest>

#include "engine/metadata/acl_changes.h"
#include "engine/metadata/acl_record.h"
#include "engine/metadata/metadata_snapshot.h"

using namespace sluice;
using namespace sluice::metadata;
using namespace sluice::security;

namespace {
acl_binding acl(resource_type type, std::string name, pattern_type pattern, std::string principal, acl_operation op,
                acl_permission permission) {
    return {{type, std::move(name), pattern}, {std::move(principal), "*", op, permission}};
}

const acl_binding alice_reads = acl(resource_type::topic, "orders", pattern_type::literal, "User:alice",
                                    acl_operation::read, acl_permission::allow);
const acl_binding bob_denied =
    acl(resource_type::topic, "logs-", pattern_type::prefixed, "User:bob", acl_operation::write, acl_permission::deny);
const acl_binding alice_group =
    acl(resource_type::group, "g1", pattern_type::literal, "User:alice", acl_operation::read, acl_permission::allow);

void apply_all(metadata_image& image, const std::vector<metadata_record>& records) {
    for (const auto& r : records) image.apply(r);
}
}  // namespace

class test_acl_records : public QObject {
    Q_OBJECT
private slots:
    void record_round_trips_with_kafkas_frame() {
        auto id = random_uuid();
        metadata_record record = acl_record_of(id, bob_denied);
        auto bytes = encode_record(record);
        // int16 type 23, int16 version 0, then the 16-byte id first.
        QCOMPARE(int(bytes[0]) << 8 | int(bytes[1]), 23);
        QCOMPARE(int(bytes[2]) << 8 | int(bytes[3]), 0);
        QVERIFY(std::equal(id.value.begin(), id.value.end(), bytes.begin() + 4));
        auto decoded = decode_record(bytes);
        QVERIFY(decoded.ok());
        const auto& r = std::get<access_control_entry_record>(decoded.value());
        QVERIFY(r.id == id);
        QCOMPARE(int(r.resource_type), 2);
        QCOMPARE(int(r.pattern_type), 4);
        QCOMPARE(int(r.operation), 4);
        QCOMPARE(int(r.permission_type), 2);
        QVERIFY(acl_binding_of(r) == bob_denied);

        auto removal = encode_record(remove_access_control_entry_record{id});
        QCOMPARE(int(removal[0]) << 8 | int(removal[1]), 24);
        QCOMPARE(removal.size(), std::size_t{4 + 16});
        auto back = decode_record(removal);
        QVERIFY(back.ok() && std::get<remove_access_control_entry_record>(back.value()).id == id);
        // Truncated: refused, not read as something smaller.
        bytes.resize(bytes.size() - 3);
        QVERIFY(!decode_record(bytes).ok());
    }

    void image_applies_and_removes_by_id() {
        metadata_image image;
        auto a = random_uuid();
        auto b = random_uuid();
        image.apply(acl_record_of(a, alice_reads));
        image.apply(acl_record_of(b, bob_denied));
        QCOMPARE(image.acls().size(), std::size_t{2});
        image.apply(remove_access_control_entry_record{a});
        QCOMPARE(image.acls().size(), std::size_t{1});
        QVERIFY(image.acls().begin()->second == bob_denied);
        image.apply(remove_access_control_entry_record{a});  // already gone: nothing changes
        QCOMPARE(image.acls().size(), std::size_t{1});
    }

    void snapshot_carries_acls() {
        metadata_image image;
        image.apply(acl_record_of(random_uuid(), alice_reads));
        image.apply(acl_record_of(random_uuid(), bob_denied));
        auto removed = random_uuid();
        image.apply(acl_record_of(removed, alice_group));
        image.apply(remove_access_control_entry_record{removed});
        auto decoded = decode_snapshot(encode_snapshot(image, 1234));
        QVERIFY(decoded.ok());
        metadata_image loaded;
        apply_all(loaded, decoded.value());
        QVERIFY(loaded.same_state(image));
        QCOMPARE(loaded.acls().size(), std::size_t{2});
        // The ids survive too, so a later RemoveAccessControlEntryRecord still finds its binding.
        QVERIFY(loaded.acls() == image.acls());
        // And a different image is not the same state.
        metadata_image other;
        other.apply(acl_record_of(random_uuid(), alice_reads));
        QVERIFY(!other.same_state(image));
    }

    void creations_validate_and_skip_duplicates() {
        metadata_image image;
        image.apply(acl_record_of(random_uuid(), alice_reads));
        auto invalid = alice_group;
        invalid.pattern.pattern = pattern_type::match;
        std::vector creations{alice_reads, bob_denied, invalid, bob_denied};
        std::vector<acl_creation_outcome> outcomes;
        auto records = plan_acl_creations(image, creations, outcomes);
        QCOMPARE(outcomes.size(), std::size_t{4});
        QCOMPARE(outcomes[0].code, protocol::error_code::none);  // exists already: fine, nothing to add
        QCOMPARE(outcomes[1].code, protocol::error_code::none);
        QCOMPARE(outcomes[2].code, protocol::error_code::invalid_request);
        QVERIFY(outcomes[2].message.find("MATCH") != std::string::npos);
        QCOMPARE(outcomes[3].code, protocol::error_code::none);
        QCOMPARE(records.size(), std::size_t{1});  // bob's, once
        apply_all(image, records);
        QCOMPARE(image.acls().size(), std::size_t{2});
    }

    void deletions_remove_what_filters_match() {
        metadata_image image;
        for (const auto& b : {alice_reads, bob_denied, alice_group}) image.apply(acl_record_of(random_uuid(), b));
        std::vector<acl_filter> filters{
            {resource_type::any, std::nullopt, pattern_type::any, "User:alice"},  // alice's two
            {resource_type::topic, "orders", pattern_type::literal},              // alice_reads again
            {resource_type::topic, "logs-app", pattern_type::match},              // bob's prefix covers it
            {resource_type::unknown},                                             // refused
        };
        std::vector<acl_deletion_outcome> outcomes;
        auto records = plan_acl_deletions(image, filters, outcomes);
        QCOMPARE(outcomes.size(), std::size_t{4});
        QCOMPARE(outcomes[0].removed.size(), std::size_t{2});
        QCOMPARE(outcomes[1].removed.size(), std::size_t{1});
        QVERIFY(outcomes[1].removed[0] == alice_reads);
        QCOMPARE(outcomes[2].removed.size(), std::size_t{1});
        QVERIFY(outcomes[2].removed[0] == bob_denied);
        QCOMPARE(outcomes[3].code, protocol::error_code::invalid_request);
        QCOMPARE(records.size(), std::size_t{3});  // alice_reads once, though two filters matched it
        apply_all(image, records);
        QVERIFY(image.acls().empty());
    }

    void describe_matches() {
        metadata_image image;
        for (const auto& b : {alice_reads, bob_denied, alice_group}) image.apply(acl_record_of(random_uuid(), b));
        QCOMPARE(matching_acls(image, {resource_type::group, std::nullopt, pattern_type::any}).size(), std::size_t{1});
        QCOMPARE(matching_acls(image, {resource_type::any, std::nullopt, pattern_type::any}).size(), std::size_t{3});
        QCOMPARE(matching_acls(image, {resource_type::topic, "logs-", pattern_type::literal}).size(), std::size_t{0});
    }
};

QTEST_APPLESS_MAIN(test_acl_records)
#include "test_acl_records.moc"
