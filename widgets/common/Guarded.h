// guarded(): runs a session's work on its worker thread and turns any exception into an error value, so one bad
// answer from a cluster cannot end the thread every view of that cluster waits on.
#pragma once
#include <exception>

#include "engine/common/result.h"

template <class T, class F>
sluice::result<T> guarded(F &&f)
{
    try {
        return f();
    } catch (const std::exception &e) {
        return sluice::make_error(sluice::protocol::error_code::unknown_server_error, e.what());
    } catch (...) {
        return sluice::make_error(sluice::protocol::error_code::unknown_server_error, "unknown error");
    }
}
