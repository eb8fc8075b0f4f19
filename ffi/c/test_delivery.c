/* Tests of the round-2 C API: deliveries of both shapes (hubspot_batch_kind, the Custom
 * Channels accessors), verifying any signed request (GET, empty body), the diagnose option and
 * hubspot_diagnose, fixtures; and hostile input to each new function (NULL, bad lengths, bytes
 * that are not UTF-8, the wrong kind of delivery). Prints `N passed, N failed`. */
#define _GNU_SOURCE /* memmem */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubspot_webhooks.h"

#include "check.h"

static const char *SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f";
static const int64_t NOW = 1778750467800;
static const char *CHANNEL = "OUTGOING_CHANNEL_MESSAGE_CREATED";

static hubspot_fixture *fixture(const char *type, const struct hubspot_fixture_options *options) {
    struct hubspot_bytes types[] = {{B(type)}};
    hubspot_fixture *f = NULL;
    CHECK_STATUS(hubspot_fixture_new(types, 1, B(SECRET), NOW, options, &f), HUBSPOT_STATUS_OK);
    return f;
}

/* Verifies and parses a fixture (as sent, or at another URL) with `v`. */
static hubspot_status receive(const hubspot_verifier *v, const hubspot_fixture *f, const char *url, hubspot_batch **out,
                              struct hubspot_verified *verified) {
    struct hubspot_str method, sent_url, body;
    const struct hubspot_header *headers = NULL;
    size_t n = 0;
    CHECK_STATUS(hubspot_fixture_request(f, &method, &sent_url, &body), HUBSPOT_STATUS_OK);
    CHECK_STATUS(hubspot_fixture_headers(f, &headers, &n), HUBSPOT_STATUS_OK);
    const uint8_t *u = url ? (const uint8_t *)url : (const uint8_t *)sent_url.ptr;
    size_t u_len = url ? strlen(url) : sent_url.len;
    return hubspot_verifier_verify_and_parse(v, (const uint8_t *)method.ptr, method.len, u, u_len, headers, n,
                                             (const uint8_t *)body.ptr, body.len, NOW, verified, out);
}

static hubspot_verifier *verifier(bool diagnose) {
    struct hubspot_options o;
    CHECK_STATUS(hubspot_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    CHECK(!o.diagnose);
    o.diagnose = diagnose;
    struct hubspot_bytes secrets[] = {{B(SECRET)}};
    hubspot_verifier *v = NULL;
    CHECK_STATUS(hubspot_verifier_new(secrets, 1, &o, &v), HUBSPOT_STATUS_OK);
    return v;
}

/* Every fixture type verifies and parses into the delivery its type says. */
static void test_fixture_types(const hubspot_verifier *v) {
    size_t count = hubspot_fixture_type_count(), channel_types = 0;
    CHECK(count >= 52);
    CHECK(hubspot_fixture_type_name(count) == NULL);
    for (size_t i = 0; i < count; i++) {
        const char *name = hubspot_fixture_type_name(i);
        bool is_channel = strchr(name, '.') == NULL;
        channel_types += is_channel;
        hubspot_fixture *f = fixture(name, NULL);
        hubspot_batch *b = NULL;
        struct hubspot_verified verified;
        CHECK_STATUS(receive(v, f, NULL, &b, &verified), HUBSPOT_STATUS_OK);
        CHECK(verified.version == HUBSPOT_SIGNATURE_VERSION_V3 && verified.secret_index == 0);
        CHECK(hubspot_batch_kind(b) == (is_channel ? HUBSPOT_DELIVERY_KIND_CHANNEL : HUBSPOT_DELIVERY_KIND_BATCH));
        CHECK(hubspot_batch_count(b) == (is_channel ? 0u : 1u));
        hubspot_batch_free(b);
        hubspot_fixture_free(f);
    }
    CHECK(channel_types == 4);
}

static void test_fixture_options(const hubspot_verifier *v) {
    struct hubspot_fixture_options o;
    CHECK_STATUS(hubspot_fixture_options_init(NULL, sizeof o), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_options_init(&o, 0), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_options_init(&o, sizeof o + 8), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    CHECK(o.struct_size == sizeof o && o.events_per_type == 1 && o.signature == HUBSPOT_FIXTURE_SIGNATURE_HUBSPOT);
    CHECK(o.url.ptr == NULL && o.portal_id == 146002871 && !o.bad_signature);
    hubspot_batch *b = NULL;
    struct hubspot_verified verified;
    o.events_per_type = 3;
    o.signature = HUBSPOT_FIXTURE_SIGNATURE_V1;
    hubspot_fixture *f = fixture("contact.propertyChange", &o);
    CHECK_STATUS(receive(v, f, NULL, &b, &verified), HUBSPOT_STATUS_OK);
    CHECK(verified.version == HUBSPOT_SIGNATURE_VERSION_V1 && hubspot_batch_count(b) == 3);
    hubspot_batch_free(b);
    hubspot_fixture_free(f);
    o.signature = HUBSPOT_FIXTURE_SIGNATURE_HUBSPOT;
    o.bad_signature = true;
    f = fixture("deal.creation", &o);
    b = (hubspot_batch *)0x1;
    CHECK_STATUS(receive(v, f, NULL, &b, &verified), HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    CHECK(b == (hubspot_batch *)0x1);
    hubspot_fixture_free(f);
    o.bad_signature = false;
    o.timestamp_offset_ms = -600000;
    o.url = (struct hubspot_bytes){B("https://other.example/hook")};
    f = fixture(CHANNEL, &o);
    struct hubspot_str url;
    CHECK_STATUS(hubspot_fixture_request(f, NULL, &url, NULL), HUBSPOT_STATUS_OK);
    CHECK(view_is(url, "https://other.example/hook"));
    CHECK_STATUS(receive(v, f, NULL, &b, &verified), HUBSPOT_STATUS_TIMESTAMP_TOO_OLD);
    hubspot_fixture_free(f);
    /* Hostile. */
    struct hubspot_bytes types[] = {{B("contact.creation")}, {B(CHANNEL)}};
    hubspot_fixture *out = (hubspot_fixture *)0x1;
    CHECK_STATUS(hubspot_fixture_new(types, 2, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(types, 0, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(NULL, 1, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(types, 1, B(SECRET), NOW, NULL, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(types, 1, NULL, 4, NOW, NULL, &out), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(types, (size_t)PTRDIFF_MAX, B(SECRET), NOW, NULL, &out),
                 HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(types, 1, (const uint8_t *)"\xff\xfe", 2, NOW, NULL, &out),
                 HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_bytes typo[] = {{B("contact.creaton")}}, bad_utf8[] = {{(const uint8_t *)"contact.\xc3", 9}},
                         null_type[] = {{NULL, 3}};
    CHECK_STATUS(hubspot_fixture_new(typo, 1, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "contact.creation") != NULL); /* the core's suggestion */
    CHECK_STATUS(hubspot_fixture_new(bad_utf8, 1, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_new(null_type, 1, B(SECRET), NOW, NULL, &out), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    o.signature = 99;
    CHECK_STATUS(hubspot_fixture_new(types, 1, B(SECRET), NOW, &o, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    o.signature = 0;
    o.url = (struct hubspot_bytes){(const uint8_t *)"https://\xff", 9};
    CHECK_STATUS(hubspot_fixture_new(types, 1, B(SECRET), NOW, &o, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    o.struct_size = 0;
    CHECK_STATUS(hubspot_fixture_new(types, 1, B(SECRET), NOW, &o, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(out == (hubspot_fixture *)0x1);
    const struct hubspot_header *h = NULL;
    size_t n = 0;
    CHECK_STATUS(hubspot_fixture_request(NULL, NULL, NULL, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_headers(NULL, &h, &n), HUBSPOT_STATUS_NULL_ARGUMENT);
    f = fixture("contact.creation", NULL);
    CHECK_STATUS(hubspot_fixture_headers(f, NULL, &n), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_headers(f, &h, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_fixture_headers(f, &h, &n), HUBSPOT_STATUS_OK);
    CHECK(n >= 4 && h[0].name_len > 0);
    hubspot_fixture_free(f);
    hubspot_fixture_free(NULL);
}

static hubspot_status str_at(const hubspot_batch *b, const char *pointer, struct hubspot_str *out) {
    return hubspot_channel_str(b, (const uint8_t *)pointer, strlen(pointer), out);
}

static void test_channel(const hubspot_verifier *v) {
    hubspot_fixture *f = fixture(CHANNEL, NULL);
    hubspot_batch *b = NULL;
    CHECK_STATUS(receive(v, f, NULL, &b, NULL), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_kind(b) == HUBSPOT_DELIVERY_KIND_CHANNEL);
    CHECK(hubspot_batch_count(b) == 0 && hubspot_batch_rejected_count(b) == 0);
    struct hubspot_str s, body;
    CHECK_STATUS(str_at(b, "/type", &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, CHANNEL));
    CHECK_STATUS(str_at(b, "/message/senders/0/deliveryIdentifier/value", &s), HUBSPOT_STATUS_OK);
    CHECK(s.ptr != NULL && s.len > 0);
    CHECK_STATUS(str_at(b, "/message/text", &s), HUBSPOT_STATUS_OK);
    CHECK(s.ptr != NULL);
    CHECK_STATUS(str_at(b, "/no/such/member", &s), HUBSPOT_STATUS_OK);
    CHECK(s.ptr == NULL);
    int64_t ms = 0;
    bool present = false;
    CHECK_STATUS(hubspot_channel_i64(b, B("/eventTimestampMs"), &ms, &present), HUBSPOT_STATUS_OK);
    CHECK(present && ms > 1700000000000LL && ms <= NOW);
    CHECK_STATUS(hubspot_channel_i64(b, B("/message/createdAtMs"), &ms, &present), HUBSPOT_STATUS_OK);
    CHECK(present);
    size_t n = 99;
    CHECK_STATUS(hubspot_channel_array_len(b, B("/message/senders"), &n, &present), HUBSPOT_STATUS_OK);
    CHECK(present && n >= 1);
    CHECK_STATUS(hubspot_channel_array_len(b, B("/channelAccountDeliveryIdentifier"), &n, &present), HUBSPOT_STATUS_OK);
    CHECK(!present && n == 0);
    hubspot_json_type type = HUBSPOT_JSON_TYPE_OTHER;
    CHECK_STATUS(hubspot_channel_type(b, B("/message"), &type), HUBSPOT_STATUS_OK);
    CHECK(type == HUBSPOT_JSON_TYPE_OBJECT);
    CHECK_STATUS(hubspot_channel_type(b, NULL, 0, &type), HUBSPOT_STATUS_OK); /* "": the event */
    CHECK(type == HUBSPOT_JSON_TYPE_OBJECT);
    CHECK_STATUS(hubspot_channel_type(b, B("/message/senders/7"), &type), HUBSPOT_STATUS_OK);
    CHECK(type == HUBSPOT_JSON_TYPE_ABSENT);
    CHECK_STATUS(hubspot_channel_raw_json(b, &s), HUBSPOT_STATUS_OK);
    CHECK_STATUS(hubspot_fixture_request(f, NULL, NULL, &body), HUBSPOT_STATUS_OK);
    CHECK(s.len == body.len && memcmp(s.ptr, body.ptr, s.len) == 0);
    char key[256];
    size_t key_len = 0;
    CHECK_STATUS(hubspot_channel_dedup_key(b, NULL, 0, &key_len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(hubspot_channel_dedup_key(b, key, sizeof key, &key_len), HUBSPOT_STATUS_OK);
    CHECK(strncmp(key, "hscc1:", 6) == 0 && strlen(key) == key_len);
    CHECK_STATUS(str_at(b, "/dedupKey", &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, key));
    /* Wrong types, bad pointers, NULL. */
    CHECK_STATUS(str_at(b, "/eventTimestampMs", &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "hubspot_channel_i64") != NULL);
    CHECK_STATUS(hubspot_channel_i64(b, B("/type"), &ms, &present), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_channel_array_len(b, B("/message"), &n, &present), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(str_at(b, "type", &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_channel_str(b, (const uint8_t *)"/\xff", 2, &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_channel_str(b, NULL, 5, &s), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_str(b, (const uint8_t *)"/type", (size_t)PTRDIFF_MAX + 1, &s),
                 HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(str_at(NULL, "/type", &s), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(str_at(b, "/type", NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_i64(b, B("/eventTimestampMs"), NULL, &present), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_i64(b, B("/eventTimestampMs"), &ms, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_array_len(b, B("/message/senders"), NULL, &present), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_type(b, B("/type"), NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_raw_json(b, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_dedup_key(b, key, sizeof key, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_channel_raw_json(NULL, &s), HUBSPOT_STATUS_NULL_ARGUMENT);
    /* A Custom Channels delivery has no batch events. */
    CHECK_STATUS(hubspot_event_subscription_type(b, 0, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    hubspot_batch_free(b);
    hubspot_fixture_free(f);
    CHECK(hubspot_batch_kind(NULL) == HUBSPOT_DELIVERY_KIND_NONE);

    /* The wrong kind: a batch has no Custom Channels event. */
    f = fixture("contact.creation", NULL);
    CHECK_STATUS(receive(v, f, NULL, &b, NULL), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_kind(b) == HUBSPOT_DELIVERY_KIND_BATCH);
    CHECK_STATUS(str_at(b, "/type", &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "batch") != NULL);
    CHECK_STATUS(hubspot_channel_dedup_key(b, key, sizeof key, &key_len), HUBSPOT_STATUS_INVALID_ARGUMENT);
    hubspot_batch_free(b);
    hubspot_fixture_free(f);

    /* An event partial parsing rejected: a Custom Channels delivery, one rejected event. */
    struct hubspot_options o;
    CHECK_STATUS(hubspot_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    o.partial = true;
    const char *partial = "{\"type\":\"CHANNEL_ACCOUNT_UPDATED\",\"portalId\":\"1\"}";
    CHECK_STATUS(hubspot_parse(B(partial), &o, &b), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_kind(b) == HUBSPOT_DELIVERY_KIND_CHANNEL && hubspot_batch_count(b) == 0);
    CHECK(hubspot_batch_rejected_count(b) == 1);
    struct hubspot_rejected r;
    CHECK_STATUS(hubspot_batch_rejected(b, 0, &r), HUBSPOT_STATUS_OK);
    CHECK(r.index == 0 && r.error == HUBSPOT_STATUS_INVALID_EVENT && view_is(r.field, "channelId"));
    CHECK(view_is(r.raw_json, partial));
    CHECK_STATUS(str_at(b, "/type", &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "rejected") != NULL);
    hubspot_batch_free(b);
    CHECK_STATUS(hubspot_parse(B(partial), NULL, &b), HUBSPOT_STATUS_INVALID_EVENT);
}

/* Any HubSpot-signed request verifies: a CRM card fetch is a GET with an empty body. */
static void test_get_empty_body(const hubspot_verifier *v) {
    const char *url = "https://crm-cards.example.com/card?userId=1&portalId=146002871&associatedObjectId=51";
    hubspot_signed_headers *h = NULL;
    CHECK_STATUS(hubspot_signed_headers_new(B(SECRET), B("GET"), B(url), NULL, 0, NOW - 200, &h), HUBSPOT_STATUS_OK);
    struct hubspot_header headers[8];
    size_t n = hubspot_signed_headers_count(h);
    CHECK(n <= 8);
    for (size_t i = 0; i < n && i < 8; i++) {
        struct hubspot_str name, value;
        CHECK_STATUS(hubspot_signed_headers_get(h, i, &name, &value), HUBSPOT_STATUS_OK);
        headers[i] = (struct hubspot_header){(const uint8_t *)name.ptr, name.len, (const uint8_t *)value.ptr, value.len};
    }
    struct hubspot_verified verified = {0};
    CHECK_STATUS(hubspot_verifier_verify(v, B("GET"), B(url), headers, n, NULL, 0, NOW, &verified), HUBSPOT_STATUS_OK);
    CHECK(verified.version == HUBSPOT_SIGNATURE_VERSION_V3);
    /* Signed for GET: another method, or a body, does not verify. */
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(url), headers, n, NULL, 0, NOW, &verified),
                 HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    CHECK_STATUS(hubspot_verifier_verify(v, B("GET"), B(url), headers, n, B("{}"), NOW, &verified),
                 HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    hubspot_signed_headers_free(h);
}

static void test_diagnosis(const hubspot_verifier *plain, const hubspot_verifier *diagnosing) {
    hubspot_fixture *f = fixture("contact.creation", NULL);
    hubspot_batch *b = NULL;
    hubspot_diagnosis *d = (hubspot_diagnosis *)0x1;
    /* Without the option: the plain message and no diagnosis. */
    CHECK_STATUS(receive(plain, f, "http://example.com/hubspot/webhook", &b, NULL), HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    CHECK(strstr(last_error(), "Diagnosis") == NULL);
    CHECK_STATUS(hubspot_last_error_diagnosis(&d), HUBSPOT_STATUS_OK);
    CHECK(d == NULL);
    /* With it: the message says what was found, and the findings are readable. */
    CHECK_STATUS(receive(diagnosing, f, "http://example.com/hubspot/webhook", &b, NULL),
                 HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    CHECK(strstr(last_error(), "Diagnosis") != NULL);
    CHECK_STATUS(hubspot_last_error_diagnosis(NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_SIGNATURE_MISMATCH); /* reading keeps it */
    CHECK_STATUS(hubspot_last_error_diagnosis(&d), HUBSPOT_STATUS_OK);
    CHECK(d != NULL && hubspot_diagnosis_count(d) >= 1);
    CHECK(hubspot_diagnosis_verdict(d) == HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    struct hubspot_str code, message;
    bool confirmed = false;
    CHECK_STATUS(hubspot_diagnosis_finding(d, 0, &code, &message, &confirmed), HUBSPOT_STATUS_OK);
    CHECK(view_is(code, "url_scheme") && confirmed && message.len > 10);
    CHECK(memmem(message.ptr, message.len, SECRET, strlen(SECRET)) == NULL); /* never the secret */
    CHECK_STATUS(hubspot_diagnosis_finding(d, 99, &code, &message, &confirmed), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_diagnosis_finding(d, 0, NULL, &message, &confirmed), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_diagnosis_finding(d, 0, &code, NULL, &confirmed), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_diagnosis_finding(d, 0, &code, &message, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_diagnosis_finding(NULL, 0, &code, &message, &confirmed), HUBSPOT_STATUS_NULL_ARGUMENT);
    hubspot_diagnosis_free(d);
    /* After a success there is no diagnosis. */
    CHECK_STATUS(receive(diagnosing, f, NULL, &b, NULL), HUBSPOT_STATUS_OK);
    hubspot_batch_free(b);
    CHECK_STATUS(hubspot_last_error_diagnosis(&d), HUBSPOT_STATUS_OK);
    CHECK(d == NULL);

    /* hubspot_diagnose: the same request, as a function. */
    struct hubspot_str method, body;
    const struct hubspot_header *headers;
    size_t n;
    hubspot_fixture_request(f, &method, NULL, &body);
    hubspot_fixture_headers(f, &headers, &n);
    struct hubspot_bytes secrets[] = {{B(SECRET)}};
    const char *http = "http://example.com/hubspot/webhook", *https = "https://example.com/hubspot/webhook";
#define DIAGNOSE(secrets_, n_secrets, url, out)                                                                    \
    hubspot_diagnose(secrets_, n_secrets, NULL, (const uint8_t *)method.ptr, method.len, B(url), headers, n,        \
                     (const uint8_t *)body.ptr, body.len, NOW, out)
    CHECK_STATUS(DIAGNOSE(secrets, 1, http, &d), HUBSPOT_STATUS_OK);
    CHECK(hubspot_diagnosis_verdict(d) == HUBSPOT_STATUS_SIGNATURE_MISMATCH && hubspot_diagnosis_count(d) >= 1);
    CHECK(hubspot_diagnosis_digests(d) >= 1 && hubspot_diagnosis_digests(d) <= 96);
    hubspot_diagnosis_free(d);
    CHECK_STATUS(DIAGNOSE(secrets, 1, https, &d), HUBSPOT_STATUS_OK);
    CHECK(hubspot_diagnosis_verdict(d) == HUBSPOT_STATUS_OK && hubspot_diagnosis_count(d) == 0);
    hubspot_diagnosis_free(d);
    d = (hubspot_diagnosis *)0x1;
    CHECK_STATUS(DIAGNOSE(secrets, 1, https, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(DIAGNOSE(NULL, 1, https, &d), HUBSPOT_STATUS_NULL_ARGUMENT);
    struct hubspot_bytes null_secret[] = {{NULL, 8}};
    CHECK_STATUS(DIAGNOSE(null_secret, 1, https, &d), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(DIAGNOSE(secrets, (size_t)PTRDIFF_MAX, https, &d), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_diagnose(secrets, 1, NULL, NULL, 3, B(https), headers, n, NULL, 0, NOW, &d),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(d == (hubspot_diagnosis *)0x1);
    CHECK(hubspot_diagnosis_count(NULL) == 0 && hubspot_diagnosis_digests(NULL) == 0);
    CHECK(hubspot_diagnosis_verdict(NULL) == HUBSPOT_STATUS_NULL_ARGUMENT);
    hubspot_diagnosis_free(NULL);
    hubspot_fixture_free(f);
}

/* A program built against the first hubspot_options (without `diagnose`) gets false. */
static void test_older_options(void) {
    struct hubspot_options o;
    CHECK_STATUS(hubspot_options_init(&o, offsetof(struct hubspot_options, diagnose)), HUBSPOT_STATUS_OK);
    o.diagnose = true; /* beyond the older struct: never read */
    struct hubspot_bytes secrets[] = {{B(SECRET)}};
    hubspot_verifier *v = NULL;
    CHECK_STATUS(hubspot_verifier_new(secrets, 1, &o, &v), HUBSPOT_STATUS_OK);
    struct hubspot_options back;
    CHECK_STATUS(hubspot_options_init(&back, sizeof back), HUBSPOT_STATUS_OK);
    back.diagnose = true;
    CHECK_STATUS(hubspot_verifier_options(v, &back), HUBSPOT_STATUS_OK);
    CHECK(!back.diagnose && back.struct_size == sizeof back);
    hubspot_verifier_free(v);
}

int main(void) {
    hubspot_verifier *plain = verifier(false), *diagnosing = verifier(true);
    test_fixture_types(plain);
    test_fixture_options(plain);
    test_channel(plain);
    test_get_empty_body(plain);
    test_diagnosis(plain, diagnosing);
    test_older_options();
    hubspot_verifier_free(plain);
    hubspot_verifier_free(diagnosing);
    printf("test_delivery: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
