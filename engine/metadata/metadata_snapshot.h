// A metadata snapshot (KIP-630): the committed image written as the metadata_records that rebuild it, framed
// as KRaft frames a `.checkpoint` file: record batches v2 opened by a SnapshotHeader control batch and closed by
// a SnapshotFooter control batch, so a torn or corrupt file is refused rather than read as a smaller image.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/metadata/metadata_image.h"
#include "engine/metadata/metadata_records.h"

namespace sluice::metadata {

// The records that, applied in order to an empty image, reproduce `image` exactly.
std::vector<metadata_record> image_records(const metadata_image& image);

// The snapshot file's content for `image`; `last_contained_timestamp_ms` goes into the SnapshotHeader.
std::vector<uint8_t> encode_snapshot(const metadata_image& image, int64_t last_contained_timestamp_ms);
// The records of a snapshot, or corrupt_message saying what is wrong with it (CRC, framing, a record).
result<std::vector<metadata_record>> decode_snapshot(std::span<const uint8_t> data);

}  // namespace sluice::metadata
