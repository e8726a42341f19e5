#include "engine/metrics/http_request.h"

#include "engine/metrics/exposition.h"

namespace sluice::metrics {

namespace {
std::string_view reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 431:
            return "Request Header Fields Too Large";
        default:
            return "Internal Server Error";
    }
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c <= ' ' || c >= 127) return false;
    return true;
}
}  // namespace

std::string http_response::serialize() const {
    std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason(status)) + "\r\n";
    out += "Content-Type: " + content_type + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (status == 405) out += "Allow: GET\r\n";
    out += "Connection: close\r\n\r\n";
    out += body;
    return out;
}

http_response http_error(int status) {
    return {status, "text/plain; charset=utf-8", std::string(reason(status)) + "\n"};
}

http_response answer_http_request(std::string_view head, const std::function<std::string()>& page) {
    // Request line: method SP request-target SP HTTP-version (RFC 9112 section 3).
    auto line_end = head.find("\r\n");
    std::string_view line = head.substr(0, line_end);
    auto first_space = line.find(' ');
    auto second_space = first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
    if (second_space == std::string_view::npos) return http_error(400);
    auto method = line.substr(0, first_space);
    auto target = line.substr(first_space + 1, second_space - first_space - 1);
    auto version = line.substr(second_space + 1);
    if (!is_token(method) || !is_token(target) || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return http_error(400);
    auto path = target.substr(0, target.find('?'));  // a query (Prometheus may add one) changes nothing
    if (path != "/metrics") return http_error(404);
    if (method != "GET") return http_error(405);
    return {200, std::string(exposition_content_type), page()};
}

}  // namespace sluice::metrics
