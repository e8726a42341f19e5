#include "engine/broker/scram_bootstrap.h"

#include <chrono>

namespace sluice::broker {

metadata::controller::records missing_scram_users(const metadata::metadata_image& image,
                                                  const std::vector<security::scram_user_seed>& seeds) {
    metadata::controller::records records;
    for (const auto& s : seeds) {
        auto id = static_cast<int8_t>(s.mechanism);
        if (image.find_scram_credential(s.name, id)) continue;
        const auto& c = s.credential;
        records.push_back(
            metadata::user_scram_credential_record{s.name, id, c.salt, c.stored_key, c.server_key, c.iterations});
    }
    return records;
}

namespace {
awaitable<void> seed_loop(asio::io_context& io, metadata_writer& writer, const metadata::controller& controller,
                          std::vector<security::scram_user_seed> seeds, std::shared_ptr<bool> alive) {
    asio::steady_timer timer(io);
    while (*alive && !missing_scram_users(controller.image(), seeds).empty()) {
        if (writer.quorum().is_leader()) {
            metadata_writer::plan plan =
                [&seeds](const metadata::controller& c) -> result<metadata::controller::records> {
                return missing_scram_users(c.image(), seeds);
            };
            (void)co_await writer.submit(std::move(plan));
        }
        timer.expires_after(std::chrono::milliseconds(250));
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}
}  // namespace

void seed_scram_users_in_background(asio::io_context& io, metadata_writer& writer,
                                    const metadata::controller& controller,
                                    std::vector<security::scram_user_seed> seeds, std::shared_ptr<bool> alive) {
    if (seeds.empty()) return;
    asio::co_spawn(io, seed_loop(io, writer, controller, std::move(seeds), std::move(alive)), asio::detached);
}

}  // namespace sluice::broker
