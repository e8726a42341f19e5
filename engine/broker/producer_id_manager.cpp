#include "engine/broker/producer_id_manager.h"

#include <memory>

#include "engine/broker/metadata_writer.h"

namespace sluice::broker {

awaitable<result<storage::producer_id>> producer_id_manager::next_id() {
    while (next_ >= end_) {
        // The plan runs against an image that has applied every earlier change, so the block it claims starts
        // above every block committed before; it is ours once the record commits.
        auto start = std::make_shared<int64_t>(-1);
        metadata_writer::plan claim = [start, self = node_id_](const metadata::controller& c) {
            *start = c.image().next_producer_id();
            return c.allocate_producer_ids(self, block_size);
        };
        auto committed = co_await writer_.submit(std::move(claim));
        if (!committed) co_return committed.err();
        // Another caller may have refilled meanwhile (both waited on the writer); the newer block wins and the
        // rest of the older one is left unused, which costs ids, never uniqueness.
        if (*start >= end_) {
            next_ = *start;
            end_ = *start + block_size;
        }
    }
    co_return storage::producer_id(next_++);
}

}  // namespace sluice::broker
