// C++ quick start: verify a HubSpot webhook request and read its events.
// Build: c++ -std=c++17 example.cpp $(pkg-config --cflags --libs hubspot_webhooks)
#include <iostream>
#include <string>
#include <vector>

#include "hubspot_webhooks.hpp"

namespace hs = hubspot_webhooks;

int main() {
    const std::string secret = "my-client-secret";
    const std::string url = "https://example.com/hubspot/webhook"; // the public URL HubSpot called
    const std::string body =
        R"([{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1700000000000,)"
        R"("subscriptionType":"conversation.newMessage","attemptNumber":0,"objectId":3624100517,)"
        R"("messageId":"e835c5f4","messageType":"MESSAGE"}])";

    // Once, at startup (thread-safe, share it).
    const hs::Verifier verifier(secret);

    // In a test, sign the body as HubSpot would; in your server, take the request's headers.
    auto signed_headers = hs::signed_headers(secret, "POST", url, body, hubspot_now_ms());
    std::vector<hs::Header> headers;
    for (const auto &[name, value] : signed_headers) headers.push_back({name, value});

    try {
        hs::Batch batch = verifier.verify_and_parse("POST", url, headers, body);
        std::cout << "verified " << batch.verified().version_name() << "\n";
        for (hs::Event event : batch) {
            std::cout << event.object_type() << " " << event.action() << " id=" << event.object_id().value_or(0) << "\n";
            if (auto conversation = event.conversation(); conversation && conversation->message_id)
                std::cout << "  new message " << *conversation->message_id << " in thread "
                          << conversation->thread_id.value_or(0) << "\n";
        }
    } catch (const hs::Error &e) {
        // e.code() is the stable code ("signature_mismatch", ...); answer e.http_status() (401, 413, 400 or 500).
        std::cerr << "rejected (" << e.code() << "): " << e.what() << "\n";
        return e.is_signature_error() ? 2 : 1;
    }

    try {
        verifier.verify("POST", url + "/", headers, body); // a URL that HubSpot did not call
        return 1;
    } catch (const hs::Error &e) {
        std::cout << "as expected: " << e.code() << "\n";
    }
    return 0;
}
