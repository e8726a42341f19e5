// A raw Kafka connection for broker tests: hand-built request frames out, response frames in, every read
// with a deadline (QTcpSocket, so no event loop is needed).
#pragma once
#include <QElapsedTimer>
#include <QTcpSocket>
#include <optional>
#include <string>

#include "engine/common/error_code.h"
#include "engine/protocol/api_key.h"
#include "engine/protocol/header.h"
#include "engine/protocol/schema.h"
#include "engine/protocol/wire.h"

namespace sluice::testing {

using namespace sluice::protocol;

constexpr int io_timeout_ms = 10000;

inline int16_t error_of(error_code e) { return static_cast<int16_t>(e); }

inline codec_context context_for(api_key key, int16_t version) {
    const api_info* api = find_api(static_cast<int16_t>(key));
    return {version, api != nullptr && is_flexible(*api, version)};
}

// A raw Kafka connection: frames out, frames in, every read with a deadline.
class raw_client {
public:
    explicit raw_client(uint16_t port) {
        socket_.connectToHost(QStringLiteral("127.0.0.1"), port);
        connected_ = socket_.waitForConnected(io_timeout_ms);
    }
    bool connected() const { return connected_; }

    template <class Api>
    static bytes frame(const typename Api::request& request, int16_t version, int32_t correlation_id,
                       std::optional<std::string> client_id = std::string("test")) {
        bytes out;
        wire_writer w(out);
        const auto at = w.reserve_int32();
        write_request_header(w, {static_cast<int16_t>(Api::key), version, correlation_id, std::move(client_id)});
        encode_message(request, context_for(Api::key, version), out);
        w.patch_int32(at, static_cast<int32_t>(out.size() - 4));
        return out;
    }

    bool send_raw(const bytes& data) {
        socket_.write(reinterpret_cast<const char*>(data.data()), static_cast<qint64>(data.size()));
        while (socket_.bytesToWrite() > 0)
            if (!socket_.waitForBytesWritten(io_timeout_ms)) return false;
        return true;
    }
    template <class Api>
    bool send(const typename Api::request& request, int16_t version, int32_t correlation_id) {
        return send_raw(frame<Api>(request, version, correlation_id));
    }

    // One response frame (without its size), or nullopt when none arrives within `timeout_ms` or the
    // connection closes.
    std::optional<bytes> read_frame(int timeout_ms = io_timeout_ms) {
        QElapsedTimer clock;
        clock.start();
        auto wait_for = [&](qint64 n) {
            while (socket_.bytesAvailable() < n) {
                const qint64 left = timeout_ms - clock.elapsed();
                if (left <= 0 || !socket_.waitForReadyRead(static_cast<int>(left)))
                    return socket_.bytesAvailable() >= n;
            }
            return true;
        };
        if (!wait_for(4)) return std::nullopt;
        QByteArray size_bytes = socket_.read(4);
        const auto size =
            static_cast<int32_t>((uint32_t(uint8_t(size_bytes[0])) << 24) | (uint32_t(uint8_t(size_bytes[1])) << 16) |
                                 (uint32_t(uint8_t(size_bytes[2])) << 8) | uint32_t(uint8_t(size_bytes[3])));
        if (size < 0 || !wait_for(size)) return std::nullopt;
        QByteArray body = socket_.read(size);
        return bytes(body.begin(), body.end());
    }

    // Response body decoded with the right header version; fails the optional if anything is off.
    template <class Api>
    std::optional<typename Api::response> receive(int16_t version, int32_t expected_correlation_id,
                                                  int timeout_ms = io_timeout_ms) {
        auto f = read_frame(timeout_ms);
        if (!f) return std::nullopt;
        wire_reader r(*f);
        const int32_t correlation_id = read_response_header(r, static_cast<int16_t>(Api::key), version);
        if (r.failed() || correlation_id != expected_correlation_id) {
            qWarning("correlation id %d, expected %d", correlation_id, expected_correlation_id);
            return std::nullopt;
        }
        typename Api::response response;
        if (!decode_message(response, r, context_for(Api::key, version))) return std::nullopt;
        if (r.remaining() != 0) {
            qWarning("%zu bytes left after the response body", r.remaining());
            return std::nullopt;
        }
        return response;
    }

    template <class Api>
    std::optional<typename Api::response> call(const typename Api::request& request, int16_t version) {
        const int32_t id = next_id_++;
        if (!send<Api>(request, version, id)) return std::nullopt;
        return receive<Api>(version, id);
    }

    // True once the peer has closed the connection (within the timeout).
    bool wait_closed(int timeout_ms = io_timeout_ms) {
        QElapsedTimer clock;
        clock.start();
        while (socket_.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeout_ms) {
            if (!socket_.waitForReadyRead(static_cast<int>(timeout_ms - clock.elapsed()))) {
                if (socket_.state() != QAbstractSocket::ConnectedState ||
                    socket_.error() == QAbstractSocket::RemoteHostClosedError)
                    return true;
            } else {
                socket_.readAll();  // anything the broker sent first is not of interest here
            }
        }
        return socket_.state() != QAbstractSocket::ConnectedState;
    }

    QTcpSocket& socket() { return socket_; }
    int32_t next_id() { return next_id_++; }

private:
    QTcpSocket socket_;
    bool connected_ = false;
    int32_t next_id_ = 1;
};

}  // namespace sluice::testing
