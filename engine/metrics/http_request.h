// What the metrics endpoint answers to one HTTP/1.1 request head, without any I/O (so it is unit-tested
// alone): GET /metrics gets the page, another path 404, another method on /metrics 405, a malformed head 400.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace sluice::metrics {

struct http_response {
    int status = 200;
    std::string content_type;
    std::string body;
    // The whole response as it goes on the wire, Content-Length set and the connection closed after it.
    std::string serialize() const;
};

// `head`: the request line and headers up to (without) the blank line. `page` builds the /metrics body; it
// is called only for a GET of /metrics.
http_response answer_http_request(std::string_view head, const std::function<std::string()>& page);

// The answer to a head larger than the server reads (431) or a request it gave up waiting for (408).
http_response http_error(int status);

}  // namespace sluice::metrics
