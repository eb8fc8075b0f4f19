// Checks of the C++17 wrapper: exceptions carry the status and code, RAII moves, partial
// parsing, signing helpers, one Verifier shared by several threads. Prints `N passed, N failed`.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "hubspot_webhooks.hpp"

namespace hs = hubspot_webhooks;

static int passed, failed;
#define CHECK(cond) ((cond) ? (void)passed++ : (void)(failed++, std::printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond)))

template <class F>
static std::string code_of(F f) {
    try {
        f();
    } catch (const hs::Error &e) {
        return std::string(e.code());
    }
    return "ok";
}

int main() {
    const std::string secret = "abbababa-beef-aaaa-bbbb-abbaabbaabba";
    const std::string url = "https://abbot-haacked-dev.ngrok.io/hubspot/webhook";
    const std::string body =
        R"([{"eventId":3814323381,"subscriptionId":1870311,"portalId":22761544,"appId":1098266,"occurredAt":1670383777358,"subscriptionType":"conversation.newMessage","attemptNumber":0,"objectId":3624100517,"messageId":"e835c5f42631462ea4447601c8e1e394","messageType":"MESSAGE","changeFlag":"NEW_MESSAGE"}])";
    const std::int64_t now = 1670383800000;
    const std::vector<hs::Header> headers = {{"x-hubspot-signature-v3", "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg="},
                                             {"X-HubSpot-Request-Timestamp", "1670383777720"}};

    hs::Verifier verifier(std::vector<std::string_view>{"old", secret});
    hs::Batch batch = verifier.verify_and_parse("POST", url, headers, body, now);
    CHECK(batch.verified().version == HUBSPOT_SIGNATURE_VERSION_V3 && batch.verified().secret_index == 1);
    CHECK(batch.size() == 1 && batch[0].event_id() == 3814323381LL);
    CHECK(batch[0].str(HUBSPOT_FIELD_CHANGE_FLAG) == std::optional<std::string_view>("NEW_MESSAGE"));
    CHECK(!batch[0].property_name().has_value());
    auto conv = batch[0].conversation();
    CHECK(conv && conv->change == HUBSPOT_CONVERSATION_CHANGE_NEW_MESSAGE && conv->message_type == std::string_view("MESSAGE"));
    CHECK(batch[0].dedup_key().rfind("hs1:1098266:22761544:", 0) == 0);

    // Moves keep one owner.
    hs::Batch moved = std::move(batch);
    CHECK(moved.size() == 1 && batch.size() == 0);

    // Exceptions with codes.
    CHECK(code_of([&] { verifier.verify("POST", url + "/", headers, body, now); }) == "signature_mismatch");
    CHECK(code_of([&] { verifier.verify("POST", url, {}, body, now); }) == "missing_signature");
    CHECK(code_of([&] { hs::Verifier empty(""); }) == "invalid_argument");
    CHECK(code_of([&] { hs::parse("[{]"); }) == "invalid_json");
    CHECK(code_of([&] { moved[0].i64(HUBSPOT_FIELD_MESSAGE_ID); }) == "invalid_argument");
    CHECK(code_of([&] { moved[7].action(); }) == "out_of_range");
    try {
        verifier.verify("POST", url, headers, body, now + 3600 * 1000);
        CHECK(false);
    } catch (const hs::Error &e) {
        CHECK(e.status() == HUBSPOT_STATUS_TIMESTAMP_TOO_OLD && e.is_signature_error() && std::string(e.what()).size() > 20);
        CHECK(e.family() == HUBSPOT_STATUS_FAMILY_SIGNATURE && e.http_status() == 401 && !e.is_usage_error());
    }
    try {
        hs::parse("[{]");
        CHECK(false);
    } catch (const hs::Error &e) {
        CHECK(e.is_payload_error() && !e.is_signature_error() && e.http_status() == 400);
    }
    try {
        hs::Verifier empty("");
        CHECK(false);
    } catch (const hs::Error &e) {
        CHECK(e.is_usage_error() && e.http_status() == 500);
    }

    // Partial parsing.
    hs::Options partial;
    partial.partial = true;
    hs::Batch p = hs::parse(R"([{"eventId":1,"portalId":3,"appId":4,"occurredAt":5,"subscriptionType":"deal.merge","attemptNumber":0,"mergedObjectIds":[1,2]},{"eventId":true}])", partial);
    CHECK(p.size() == 1 && p.rejected().size() == 1 && p.rejected()[0].index == 1 && p.rejected()[0].code() == "invalid_event");
    CHECK(p[0].merged_object_ids() == std::vector<std::int64_t>({1, 2}) && p[0].object_type() == "deal");
    hs::Batch big = hs::parse(R"([{"eventId":1,"portalId":3,"appId":4,"occurredAt":5,"subscriptionType":"deal.creation","attemptNumber":0,"hs_future":98765432109876543210}])");
    CHECK(big[0].json_member("hs_future") == std::string_view("98765432109876543210") && !big[0].json_member("nope"));

    // Signing helpers round-trip.
    CHECK(hs::sign_v3(secret, "POST", url, body, "1670383777720") == "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=");
    CHECK(hs::sign_v1(secret, body).size() == 64);

    // One verifier, several threads.
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++)
        threads.emplace_back([&] {
            for (int i = 0; i < 100; i++)
                if (verifier.verify_and_parse("POST", url, headers, body, now).size() == 1) ok++;
        });
    for (auto &t : threads) t.join();
    CHECK(ok == 400);

    std::printf("c++: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
