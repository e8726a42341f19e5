// Seeds SCRAM users given at startup (sluiced --add-scram) as metadata records, as kafka-storage.sh format
// does: a user and mechanism that the metadata already has are left alone, so a restart with the same flags
// does not undo a password changed since. A quorum of one commits them before the listeners open; on a
// multi-voter quorum each node that was given them proposes them whenever it leads, until they are there.
#pragma once
#include <memory>
#include <vector>

#include "engine/broker/metadata_writer.h"
#include "engine/security/scram_seed.h"

namespace sluice::broker {

// The records for the seeds the image does not have yet (none: nothing to do).
metadata::controller::records missing_scram_users(const metadata::metadata_image& image,
                                                  const std::vector<security::scram_user_seed>& seeds);

// Multi-voter quorum: on the io thread until every seed is in the image or `alive` goes false.
void seed_scram_users_in_background(asio::io_context& io, metadata_writer& writer,
                                    const metadata::controller& controller,
                                    std::vector<security::scram_user_seed> seeds, std::shared_ptr<bool> alive);

}  // namespace sluice::broker
