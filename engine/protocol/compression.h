// Compression codecs of Kafka record batches (gzip, snappy, lz4, zstd), byte-compatible with the Java client.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/common/result.h"
#include "engine/protocol/batch_header.h"

namespace sluice::protocol {

// Decompressed output beyond this is refused (corrupt_message): a few KiB of zstd can claim gigabytes.
inline constexpr std::size_t default_max_decompressed_size = std::size_t{256} << 20;

// gzip: gzip wrapper; snappy: xerial framing (as the Java client writes); lz4: LZ4 frame; zstd: zstd frame.
// `none` returns a copy. Codec values outside 0..4 give unsupported_compression_type.
result<std::vector<uint8_t>> compress(compression_codec codec, std::span<const uint8_t> input);

// Accepts what real producers send: gzip or zlib headers; xerial-framed or raw snappy blocks (librdkafka
// writes raw blocks); LZ4 frames; zstd frames with or without a content size. Malformed input or output
// larger than `max_output` gives corrupt_message.
result<std::vector<uint8_t>> decompress(compression_codec codec, std::span<const uint8_t> input,
                                        std::size_t max_output = default_max_decompressed_size);

}  // namespace sluice::protocol
