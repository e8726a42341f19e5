#include "engine/protocol/compression.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace sluice::protocol {
namespace {

error corrupt(std::string what) { return make_error(error_code::corrupt_message, std::move(what)); }

// An output buffer that grows geometrically but never past max + 1 bytes: producing the extra byte is how a
// decoder learns that the input expands beyond the cap, without ever allocating what a bomb asks for.
class bounded_output {
public:
    bounded_output(std::size_t max, std::size_t hint) : max_(std::min(max, SIZE_MAX - 1)) {
        buf_.resize(std::clamp<std::size_t>(hint, 1, max_ + 1));
    }
    // Free space to write into; false once the cap has been passed (the caller reports a bomb).
    bool reserve_some() {
        if (used_ < buf_.size()) return true;
        if (buf_.size() > max_) return false;
        const std::size_t grown = std::max<std::size_t>(buf_.size() * 2, 64 * 1024);
        buf_.resize(std::min(grown, max_ + 1));
        return true;
    }
    uint8_t* free_ptr() { return buf_.data() + used_; }
    std::size_t free_size() const { return buf_.size() - used_; }
    void commit(std::size_t n) { used_ += n; }
    bool over_cap() const { return used_ > max_; }
    std::vector<uint8_t> take() && {
        buf_.resize(used_);
        return std::move(buf_);
    }

private:
    std::vector<uint8_t> buf_;
    std::size_t used_ = 0;
    std::size_t max_;
};

error too_large(std::size_t max) {
    return corrupt("decompressed size exceeds the limit of " + std::to_string(max) + " bytes");
}

std::size_t initial_hint(std::size_t input_size) { return std::max<std::size_t>(input_size * 4, 4096); }

// --- gzip -------------------------------------------------------------------------------------------------

struct deflate_guard {
    z_stream* zs;
    ~deflate_guard() { deflateEnd(zs); }
};
struct inflate_guard {
    z_stream* zs;
    ~inflate_guard() { inflateEnd(zs); }
};

result<std::vector<uint8_t>> gzip_compress(std::span<const uint8_t> in) {
    if (in.size() > UINT_MAX) return make_error(error_code::message_too_large, "gzip input too large");
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper, as Java's GZIPOutputStream writes; level 6 is its default.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return make_error(error_code::unknown_server_error, "deflateInit2 failed");
    deflate_guard guard{&zs};
    std::vector<uint8_t> out(deflateBound(&zs, static_cast<uLong>(in.size())));
    zs.next_in = const_cast<Bytef*>(in.data());  // zlib's API is not const-correct; it does not write input.
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        return make_error(error_code::unknown_server_error, "gzip compression did not finish");
    out.resize(zs.total_out);
    return out;
}

result<std::vector<uint8_t>> gzip_decompress(std::span<const uint8_t> in, std::size_t max) {
    if (in.size() > UINT_MAX) return corrupt("gzip input too large");
    z_stream zs{};
    // windowBits 15 + 32: detect a gzip or a zlib header automatically.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) return make_error(error_code::unknown_server_error, "inflateInit2 failed");
    inflate_guard guard{&zs};
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    bounded_output out(max, initial_hint(in.size()));
    for (;;) {
        if (!out.reserve_some()) return too_large(max);
        const auto room = static_cast<uInt>(std::min<std::size_t>(out.free_size(), UINT_MAX));
        zs.next_out = out.free_ptr();
        zs.avail_out = room;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        out.commit(room - zs.avail_out);
        if (out.over_cap()) return too_large(max);
        if (rc == Z_STREAM_END) {
            // Like Java's GZIPInputStream: a further gzip member continues the stream, anything else is ignored.
            if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                if (inflateReset(&zs) != Z_OK) return corrupt("gzip: cannot reset for next member");
                continue;
            }
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && zs.avail_out != 0) return corrupt("gzip: truncated input");
        if (rc != Z_OK && rc != Z_BUF_ERROR) return corrupt(std::string("gzip: ") + (zs.msg ? zs.msg : "bad data"));
    }
    return std::move(out).take();
}

// --- snappy (xerial framing) ------------------------------------------------------------------------------

// snappy-java's stream header: magic, then version and minimum compatible version as big-endian int32.
constexpr std::array<uint8_t, 8> xerial_magic{0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0x00};
constexpr std::size_t xerial_header_size = 16;
constexpr std::size_t xerial_block_size = 32 * 1024;  // SnappyOutputStream's default, which Kafka uses

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

result<std::vector<uint8_t>> snappy_compress(std::span<const uint8_t> in) {
    std::vector<uint8_t> out(xerial_magic.begin(), xerial_magic.end());
    put_be32(out, 1);
    put_be32(out, 1);
    for (std::size_t pos = 0; pos < in.size(); pos += xerial_block_size) {
        const std::size_t n = std::min(xerial_block_size, in.size() - pos);
        const std::size_t length_at = out.size();
        out.resize(length_at + 4 + snappy::MaxCompressedLength(n));
        std::size_t written = 0;
        snappy::RawCompress(reinterpret_cast<const char*>(in.data() + pos), n,
                            reinterpret_cast<char*>(out.data() + length_at + 4), &written);
        detail::store_be(out.data() + length_at, written, 4);
        out.resize(length_at + 4 + written);
    }
    return out;
}

constexpr std::size_t snappy_max_ratio = 32;

// Appends one raw snappy block to `out`, refusing to grow `out` past `max`.
result<void> snappy_block(std::span<const uint8_t> block, std::vector<uint8_t>& out, std::size_t max) {
    const auto* src = reinterpret_cast<const char*>(block.data());
    std::size_t n = 0;
    if (!snappy::GetUncompressedLength(src, block.size(), &n)) return corrupt("snappy: bad block header");
    if (n > max || out.size() > max - n) return too_large(max);
    // No snappy element expands more than ~21x (a 3-byte copy of 64 bytes), so a header claiming more is a
    // lie; refusing it here keeps a few garbage bytes from buying a large allocation.
    if (n / snappy_max_ratio > block.size()) return corrupt("snappy: block length exceeds what its data can hold");
    const std::size_t at = out.size();
    out.resize(at + n);
    if (!snappy::RawUncompress(src, block.size(), reinterpret_cast<char*>(out.data() + at)))
        return corrupt("snappy: corrupt block");
    return {};
}

result<std::vector<uint8_t>> snappy_decompress(std::span<const uint8_t> in, std::size_t max) {
    std::vector<uint8_t> out;
    const bool framed =
        in.size() >= xerial_header_size && std::equal(xerial_magic.begin(), xerial_magic.end(), in.begin());
    if (!framed) {
        // librdkafka and others send a bare snappy block; Java's SnappyInputStream falls back the same way.
        if (auto r = snappy_block(in, out, max); !r) return r.err();
        return out;
    }
    std::size_t pos = xerial_header_size;
    while (pos < in.size()) {
        if (in.size() - pos < 4) return corrupt("snappy: truncated block length");
        const auto len = static_cast<std::size_t>(detail::load_be(in.data() + pos, 4));
        pos += 4;
        if (len > in.size() - pos) return corrupt("snappy: block extends past the input");
        if (auto r = snappy_block(in.subspan(pos, len), out, max); !r) return r.err();
        pos += len;
    }
    return out;
}

// --- lz4 (frame format) -----------------------------------------------------------------------------------

struct lz4_dctx_deleter {
    void operator()(LZ4F_dctx* c) const { LZ4F_freeDecompressionContext(c); }
};

result<std::vector<uint8_t>> lz4_compress(std::span<const uint8_t> in) {
    // Kafka's Java producer writes 64 KiB independent blocks without content size or checksums.
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    std::vector<uint8_t> out(LZ4F_compressFrameBound(in.size(), &prefs));
    const std::size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), &prefs);
    if (LZ4F_isError(n))
        return make_error(error_code::unknown_server_error, std::string("lz4: ") + LZ4F_getErrorName(n));
    out.resize(n);
    return out;
}

result<std::vector<uint8_t>> lz4_decompress(std::span<const uint8_t> in, std::size_t max) {
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION)))
        return make_error(error_code::unknown_server_error, "lz4: cannot create context");
    std::unique_ptr<LZ4F_dctx, lz4_dctx_deleter> ctx(raw);
    bounded_output out(max, initial_hint(in.size()));
    std::size_t pos = 0;
    for (;;) {
        if (!out.reserve_some()) return too_large(max);
        std::size_t dst_n = out.free_size();
        std::size_t src_n = in.size() - pos;
        const std::size_t hint = LZ4F_decompress(ctx.get(), out.free_ptr(), &dst_n, in.data() + pos, &src_n, nullptr);
        if (LZ4F_isError(hint)) return corrupt(std::string("lz4: ") + LZ4F_getErrorName(hint));
        pos += src_n;
        out.commit(dst_n);
        if (out.over_cap()) return too_large(max);
        if (hint == 0) {
            if (pos == in.size()) break;  // frame complete; further input would be another frame
            continue;
        }
        if (src_n == 0 && dst_n == 0) return corrupt("lz4: truncated frame");
    }
    return std::move(out).take();
}

// --- zstd -------------------------------------------------------------------------------------------------

struct zstd_dctx_deleter {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

result<std::vector<uint8_t>> zstd_compress(std::span<const uint8_t> in) {
    std::vector<uint8_t> out(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);  // Kafka's default level
    if (ZSTD_isError(n))
        return make_error(error_code::unknown_server_error, std::string("zstd: ") + ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

result<std::vector<uint8_t>> zstd_decompress(std::span<const uint8_t> in, std::size_t max) {
    std::unique_ptr<ZSTD_DCtx, zstd_dctx_deleter> ctx(ZSTD_createDCtx());
    if (!ctx) return make_error(error_code::unknown_server_error, "zstd: cannot create context");
    // Streaming handles frames without a content size (Java's ZstdOutputStream writes those); when the size
    // is declared, it is only a hint for the first allocation and an early refusal of a bomb.
    std::size_t hint = initial_hint(in.size());
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR) {
        if (declared > max) return too_large(max);
        // Trust the declared size only so far: it is attacker-chosen, and a few bytes must not buy a large
        // allocation up front. Beyond this the buffer grows as output actually appears.
        hint = std::min<std::size_t>(static_cast<std::size_t>(declared) + 1, std::max<std::size_t>(hint, 8 << 20));
    }
    bounded_output out(max, hint);
    ZSTD_inBuffer src{in.data(), in.size(), 0};
    for (;;) {
        if (!out.reserve_some()) return too_large(max);
        ZSTD_outBuffer dst{out.free_ptr(), out.free_size(), 0};
        const std::size_t before = src.pos;
        const std::size_t rc = ZSTD_decompressStream(ctx.get(), &dst, &src);
        if (ZSTD_isError(rc)) return corrupt(std::string("zstd: ") + ZSTD_getErrorName(rc));
        out.commit(dst.pos);
        if (out.over_cap()) return too_large(max);
        if (rc == 0) {
            if (src.pos == src.size) break;  // frame complete; more input would be a further frame
            continue;
        }
        if (src.pos == before && dst.pos == 0) return corrupt("zstd: truncated frame");
    }
    return std::move(out).take();
}

}  // namespace

result<std::vector<uint8_t>> compress(compression_codec codec, std::span<const uint8_t> input) {
    switch (codec) {
        case compression_codec::none:
            return std::vector<uint8_t>(input.begin(), input.end());
        case compression_codec::gzip:
            return gzip_compress(input);
        case compression_codec::snappy:
            return snappy_compress(input);
        case compression_codec::lz4:
            return lz4_compress(input);
        case compression_codec::zstd:
            return zstd_compress(input);
    }
    return make_error(error_code::unsupported_compression_type,
                      "unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

result<std::vector<uint8_t>> decompress(compression_codec codec, std::span<const uint8_t> input,
                                        std::size_t max_output) {
    switch (codec) {
        case compression_codec::none:
            if (input.size() > max_output) return too_large(max_output);
            return std::vector<uint8_t>(input.begin(), input.end());
        case compression_codec::gzip:
            return gzip_decompress(input, max_output);
        case compression_codec::snappy:
            return snappy_decompress(input, max_output);
        case compression_codec::lz4:
            return lz4_decompress(input, max_output);
        case compression_codec::zstd:
            return zstd_decompress(input, max_output);
    }
    return make_error(error_code::unsupported_compression_type,
                      "unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

}  // namespace sluice::protocol
