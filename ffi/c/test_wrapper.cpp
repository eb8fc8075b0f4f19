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

    // One delivery, two shapes: a Custom Channels event through the typed view.
    CHECK(moved.kind() == HUBSPOT_DELIVERY_KIND_BATCH && !moved.channel_event());
    hs::Batch cc = hs::parse(R"({"type":"OUTGOING_CHANNEL_MESSAGE_CREATED","portalId":"146002871","channelId":"1207734","eventTimestamp":"2026-05-14T09:21:07.482Z","eventId":"e1","channelIntegrationThreadIds":["t-1","t-2"],"message":{"id":"m1","type":"MESSAGE","channelId":"1207734","channelAccountId":2984410573,"conversationsThreadId":"7731904412","createdAt":"2026-05-14T09:21:06.913Z","createdBy":"A-61827340","senders":[{"actorId":"A-61827340","name":"Dana","deliveryIdentifier":{"type":"HS_PHONE_NUMBER","value":"+15550100999"}}],"recipients":[{"actorId":"V-9","deliveryIdentifier":"+15550100123"}],"text":"Zoë ✓","richText":"<p>Zoë</p>","direction":"OUTGOING","inReplyToId":"m0","truncationStatus":"NOT_TRUNCATED","status":{"statusType":"FAILED","failureDetails":{"errorMessageTokens":{}}},"attachments":[{"type":"FILE","fileId":"123","fileUsageType":"IMAGE","name":"a.png","url":"https://f/a.png"}]}})");
    CHECK(cc.kind() == HUBSPOT_DELIVERY_KIND_CHANNEL && cc.size() == 0 && cc.rejected().empty());
    auto ev = cc.channel_event();
    CHECK(ev && ev->type() == "OUTGOING_CHANNEL_MESSAGE_CREATED" && ev->portal_id() == "146002871" && ev->channel_id() == "1207734");
    CHECK(ev->event_timestamp() == std::string_view("2026-05-14T09:21:07.482Z") && ev->event_timestamp_ms() == 1778750467482);
    CHECK(ev->event_id() == std::string_view("e1") && !ev->channel_account_id() && !ev->channel_account_delivery_identifier());
    CHECK(ev->channel_integration_thread_ids() == std::vector<std::string_view>({"t-1", "t-2"}));
    CHECK(ev->dedup_key().substr(0, 6) == "hscc1:" && ev->raw_json().front() == '{');
    auto m = ev->message();
    CHECK(m && m->id() == std::string_view("m1") && m->type() == std::string_view("MESSAGE"));
    CHECK(m->channel_account_id() == std::string_view("2984410573")); // an integer ID, kept as its exact text
    CHECK(m->conversations_thread_id() == std::string_view("7731904412") && m->created_by() == std::string_view("A-61827340"));
    CHECK(m->created_at() == std::string_view("2026-05-14T09:21:06.913Z") && m->created_at_ms() == 1778750466913);
    CHECK(m->text() == std::string_view("Zoë ✓") && m->rich_text() == std::string_view("<p>Zoë</p>"));
    CHECK(m->direction() == std::string_view("OUTGOING") && m->in_reply_to_id() == std::string_view("m0"));
    CHECK(m->truncation_status() == std::string_view("NOT_TRUNCATED") && m->channel_id() == std::string_view("1207734"));
    auto senders = m->senders(), recipients = m->recipients();
    CHECK(senders.size() == 1 && senders[0].actor_id == std::string_view("A-61827340") && senders[0].name == std::string_view("Dana"));
    CHECK(senders[0].delivery_identifier && senders[0].delivery_identifier->type == std::string_view("HS_PHONE_NUMBER") &&
          senders[0].delivery_identifier->value == "+15550100999");
    CHECK(recipients.size() == 1 && !recipients[0].name && recipients[0].delivery_identifier &&
          !recipients[0].delivery_identifier->type && recipients[0].delivery_identifier->value == "+15550100123");
    auto status = m->status();
    CHECK(status && status->status_type == "FAILED" && status->failure_details_json == std::string_view(R"({"errorMessageTokens":{}})"));
    auto files = m->attachments();
    CHECK(files.size() == 1 && files[0].type == std::string_view("FILE") && files[0].file_id == std::string_view("123") &&
          files[0].file_usage_type == std::string_view("IMAGE") && files[0].name == std::string_view("a.png") &&
          files[0].url == std::string_view("https://f/a.png") && files[0].raw_json.front() == '{');
    hs::Batch account = hs::parse(R"({"type":"CHANNEL_ACCOUNT_CREATED","portalId":"1","channelId":"2","channelAccountId":"3","channelAccountDeliveryIdentifier":{"type":"HS_EMAIL_ADDRESS","value":"a@b.c"},"message":{"status":"SENT"}})");
    auto acc = account.channel_event();
    CHECK(acc && acc->channel_account_id() == std::string_view("3") && acc->channel_account_delivery_identifier()->value == "a@b.c");
    CHECK(acc->message() && acc->message()->status()->status_type == "SENT" && !acc->message()->status()->failure_details_json);
    CHECK(!acc->event_timestamp_ms() && acc->message()->senders().empty());
    CHECK(code_of([&] { (void)ev->i64("type"); }) == "invalid_argument");
    hs::Batch rejected = hs::parse(R"({"type":"CHANNEL_ACCOUNT_UPDATED","portalId":"1"})", partial);
    CHECK(rejected.kind() == HUBSPOT_DELIVERY_KIND_CHANNEL && !rejected.channel_event() && rejected.rejected().size() == 1);

    // Fixtures, diagnosis.
    CHECK(hs::fixture_types().size() >= 52 && hs::fixture_types().back() == "CHANNEL_ACCOUNT_PURGED");
    hs::Fixture fx = hs::fixture({"OUTGOING_CHANNEL_MESSAGE_CREATED"}, secret);
    CHECK(fx.method == "POST" && fx.body.front() == '{' && fx.headers.size() >= 3);
    CHECK(verifier.verify_and_parse(fx.method, fx.url, fx.header_views(), fx.body).kind() == HUBSPOT_DELIVERY_KIND_CHANNEL);
    CHECK(code_of([&] { hs::fixture({"contact.creaton"}, secret); }) == "invalid_argument");
    hs::Options diagnosing;
    diagnosing.diagnose = true;
    const hs::Verifier careful(secret, diagnosing);
    std::string http_url = "http" + fx.url.substr(5);
    try {
        careful.verify(fx.method, http_url, fx.header_views(), fx.body);
        CHECK(false);
    } catch (const hs::Error &e) {
        CHECK(e.is_signature_error() && e.diagnosis() && !e.diagnosis()->findings.empty());
        CHECK(e.diagnosis()->findings[0].code == "url_scheme" && e.diagnosis()->findings[0].confirmed);
        CHECK(std::string_view(e.what()).find("Diagnosis") != std::string_view::npos);
    }
    try {
        verifier.verify(fx.method, http_url, fx.header_views(), fx.body);
        CHECK(false);
    } catch (const hs::Error &e) {
        CHECK(!e.diagnosis());
    }
    hs::Diagnosis d = hs::diagnose({secret}, fx.method, http_url, fx.header_views(), fx.body);
    CHECK(d.verdict == HUBSPOT_STATUS_SIGNATURE_MISMATCH && d.findings.at(0).code == "url_scheme" && d.digests > 0);
    CHECK(hs::diagnose({secret}, fx.method, fx.url, fx.header_views(), fx.body).verdict == HUBSPOT_STATUS_OK);

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
