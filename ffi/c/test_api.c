/* Tests of the C API: every status, NULL arguments, buffer sizes, accessors, partial parsing,
 * signing helpers, and one verifier shared by several threads. Prints `N passed, N failed`. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubspot_webhooks.h"

#include "check.h"

static const char *SECRET = "abbababa-beef-aaaa-bbbb-abbaabbaabba";
static const char *URL = "https://abbot-haacked-dev.ngrok.io/hubspot/webhook";
static const char *BODY =
    "[{\"eventId\":3814323381,\"subscriptionId\":1870311,\"portalId\":22761544,\"appId\":1098266,"
    "\"occurredAt\":1670383777358,\"subscriptionType\":\"conversation.newMessage\",\"attemptNumber\":0,"
    "\"objectId\":3624100517,\"messageId\":\"e835c5f42631462ea4447601c8e1e394\",\"messageType\":\"MESSAGE\","
    "\"changeFlag\":\"NEW_MESSAGE\"}]";
static const int64_t NOW = 1670383800000;

/* A request: up to 8 headers. */
struct req {
    struct hubspot_header headers[8];
    size_t n;
};

static void add_header(struct req *r, const char *name, const char *value) {
    r->headers[r->n].name = (const uint8_t *)name;
    r->headers[r->n].name_len = strlen(name);
    r->headers[r->n].value = (const uint8_t *)value;
    r->headers[r->n].value_len = strlen(value);
    r->n++;
}

static struct hubspot_options defaults(void) {
    struct hubspot_options o;
    CHECK_STATUS(hubspot_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    return o;
}

static hubspot_verifier *make_verifier(const struct hubspot_options *options) {
    struct hubspot_bytes secrets[2] = {{B("an-old-secret")}, {B(SECRET)}};
    hubspot_verifier *v = NULL;
    CHECK_STATUS(hubspot_verifier_new(secrets, 2, options, &v), HUBSPOT_STATUS_OK);
    return v;
}

static hubspot_status verify(const hubspot_verifier *v, const struct req *r, const char *body, int64_t now,
                             struct hubspot_verified *out) {
    return hubspot_verifier_verify(v, B("POST"), B(URL), r->headers, r->n, B(body), now, out);
}

static void test_statuses(void) {
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_OK), "ok") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_NULL_ARGUMENT), "null_argument") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_PANIC), "panic") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_BUFFER_TOO_SMALL), "buffer_too_small") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_OUT_OF_RANGE), "out_of_range") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_SIGNATURE_MISMATCH), "signature_mismatch") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_V3_REQUIRED), "v3_required") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_INVALID_EVENT), "invalid_event") == 0);
    CHECK(strcmp(hubspot_status_code(HUBSPOT_STATUS_INVALID_ARGUMENT), "invalid_argument") == 0);
    CHECK(strcmp(hubspot_status_code(12345), "unknown") == 0);
    CHECK(strlen(hubspot_status_message(HUBSPOT_STATUS_BODY_TOO_LARGE)) > 10);
    CHECK(strcmp(hubspot_status_message(777), "unknown status") == 0);
    /* Families and HTTP answers come from the core's policy. */
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_OK) == HUBSPOT_STATUS_FAMILY_NONE);
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_MALFORMED_SIGNATURE) == HUBSPOT_STATUS_FAMILY_SIGNATURE);
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_BODY_TOO_LARGE) == HUBSPOT_STATUS_FAMILY_PAYLOAD);
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_INVALID_ARGUMENT) == HUBSPOT_STATUS_FAMILY_USAGE);
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_NULL_ARGUMENT) == HUBSPOT_STATUS_FAMILY_USAGE);
    CHECK(hubspot_status_family_of(HUBSPOT_STATUS_PANIC) == HUBSPOT_STATUS_FAMILY_INTERNAL);
    CHECK(hubspot_status_family_of(12345) == HUBSPOT_STATUS_FAMILY_NONE);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_OK) == 204);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_TIMESTAMP_TOO_OLD) == 401);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_BODY_TOO_LARGE) == 413);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_INVALID_BATCH) == 400);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_INVALID_ARGUMENT) == 500);
    CHECK(hubspot_status_http_status(HUBSPOT_STATUS_OUT_OF_RANGE) == 500);
    CHECK(strcmp(hubspot_signature_version_str(HUBSPOT_SIGNATURE_VERSION_V2), "v2") == 0);
    CHECK(strcmp(hubspot_signature_version_str(0), "unknown") == 0);
    CHECK(strlen(hubspot_version()) >= 5);
    CHECK(hubspot_now_ms() > 1600000000000LL);
    struct hubspot_options o = defaults();
    CHECK(o.tolerance_ms == 300000 && o.max_future_ms == 300000 && !o.require_v3 && !o.partial);
    CHECK(o.max_body_bytes == 10 * 1024 * 1024 && o.max_events == 10000);
}

static void test_last_error_buffers(void) {
    hubspot_verifier *v = (hubspot_verifier *)0x1; /* must stay untouched on failure */
    CHECK_STATUS(hubspot_verifier_new(NULL, 0, NULL, &v), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(v == (hubspot_verifier *)0x1);
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_INVALID_ARGUMENT);
    size_t len = 0;
    CHECK_STATUS(hubspot_last_error_message(NULL, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len > 20);
    char *exact = malloc(len + 1);
    memset(exact, 'x', len + 1);
    CHECK_STATUS(hubspot_last_error_message(exact, len, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(exact[0] == 'x'); /* untouched on failure */
    size_t got = 0;
    CHECK_STATUS(hubspot_last_error_message(exact, len + 1, &got), HUBSPOT_STATUS_OK);
    CHECK(got == len && exact[len] == 0 && strlen(exact) == len);
    CHECK(strncmp(exact, "invalid_argument: ", 18) == 0);
    free(exact);
    CHECK_STATUS(hubspot_last_error_message(NULL, 4096, &got), HUBSPOT_STATUS_NULL_ARGUMENT);
    char small[4];
    CHECK_STATUS(hubspot_last_error_message(small, sizeof small, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    /* Reading the message does not clear it; a success does. */
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_bytes one = {B(SECRET)};
    CHECK_STATUS(hubspot_verifier_new(&one, 1, NULL, &v), HUBSPOT_STATUS_OK);
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_OK);
    char buf[8];
    CHECK_STATUS(hubspot_last_error_message(buf, sizeof buf, &got), HUBSPOT_STATUS_OK);
    CHECK(got == 0 && buf[0] == 0);
    hubspot_verifier_free(v);
}

static void test_verifier_new_errors(void) {
    hubspot_verifier *v = NULL;
    struct hubspot_bytes ok = {B(SECRET)};
    struct hubspot_bytes empty = {(const uint8_t *)"", 0};
    struct hubspot_bytes null_with_len = {NULL, 5};
    struct hubspot_bytes null_empty = {NULL, 0};
    CHECK_STATUS(hubspot_verifier_new(&ok, 1, NULL, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_new(NULL, 1, NULL, &v), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_new(&empty, 1, NULL, &v), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_new(&null_empty, 1, NULL, &v), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_new(&null_with_len, 1, NULL, &v), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(v == NULL);
    struct hubspot_options o = defaults();
    o.tolerance_ms = 1234;
    o.partial = true;
    CHECK_STATUS(hubspot_verifier_new(&ok, 1, &o, &v), HUBSPOT_STATUS_OK);
    struct hubspot_options back = {.struct_size = sizeof back};
    CHECK_STATUS(hubspot_verifier_options(v, &back), HUBSPOT_STATUS_OK);
    CHECK(back.tolerance_ms == 1234 && back.partial && back.max_events == 10000);
    CHECK_STATUS(hubspot_verifier_options(NULL, &back), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_options(v, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    hubspot_verifier_free(v);
    hubspot_verifier_free(NULL);
    hubspot_batch_free(NULL);
    hubspot_signed_headers_free(NULL);
}

/* hubspot_options may grow: it starts with struct_size, which the library checks. */
_Static_assert(offsetof(struct hubspot_options, struct_size) == 0, "struct_size first");
static void test_options_abi(void) {
    struct hubspot_options o;
    memset(&o, 0xAB, sizeof o);
    CHECK_STATUS(hubspot_options_init(NULL, sizeof o), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_options_init(&o, 0), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_options_init(&o, sizeof o - 1), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_options_init(&o, sizeof o + 8), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "newer header") != NULL);
    CHECK(o.struct_size == 0xABABABABABABABABull); /* untouched on failure */
    CHECK_STATUS(hubspot_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    CHECK(o.struct_size == sizeof o && o.tolerance_ms == 300000 && o.max_events == 10000 && !o.partial);

    /* Options never initialised (struct_size 0) or from a newer header: refused, not guessed. */
    struct hubspot_bytes secret = {B(SECRET)};
    hubspot_verifier *v = NULL;
    struct hubspot_options zero = {0};
    CHECK_STATUS(hubspot_verifier_new(&secret, 1, &zero, &v), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "struct_size") != NULL);
    hubspot_batch *b = NULL;
    CHECK_STATUS(hubspot_parse(B("[]"), &zero, &b), HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_options newer = o;
    newer.struct_size = sizeof newer + 16;
    CHECK_STATUS(hubspot_parse(B("[]"), &newer, &b), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(v == NULL && b == NULL);

    /* Reading options back: the caller's struct_size says how much to write; a larger
     * (newer) struct gets what this library knows and struct_size says how much that was. */
    o.tolerance_ms = 42;
    CHECK_STATUS(hubspot_verifier_new(&secret, 1, &o, &v), HUBSPOT_STATUS_OK);
    struct {
        struct hubspot_options known;
        unsigned char newer_fields[16];
    } big;
    memset(&big, 0xCD, sizeof big);
    big.known.struct_size = sizeof big;
    CHECK_STATUS(hubspot_verifier_options(v, &big.known), HUBSPOT_STATUS_OK);
    CHECK(big.known.struct_size == sizeof big.known && big.known.tolerance_ms == 42 && big.newer_fields[0] == 0xCD &&
          big.newer_fields[15] == 0xCD);
    struct hubspot_options unset = {0};
    CHECK_STATUS(hubspot_verifier_options(v, &unset), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(unset.tolerance_ms == 0);
    hubspot_verifier_free(v);
}

/* The signed headers of BODY as a request. */
static hubspot_signed_headers *signed_request(struct req *r, const char *body, int64_t ts) {
    hubspot_signed_headers *h = NULL;
    CHECK_STATUS(hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), B(body), ts, &h), HUBSPOT_STATUS_OK);
    r->n = 0;
    for (size_t i = 0; i < hubspot_signed_headers_count(h); i++) {
        struct hubspot_str name, value;
        CHECK_STATUS(hubspot_signed_headers_get(h, i, &name, &value), HUBSPOT_STATUS_OK);
        CHECK(name.ptr[name.len] == 0 && value.ptr[value.len] == 0); /* also NUL-terminated */
        add_header(r, name.ptr, value.ptr);
    }
    return h;
}

static void test_verify_paths(void) {
    hubspot_verifier *v = make_verifier(NULL);
    struct hubspot_verified out = {0};
    struct req r = {0};

    /* The third-party vector: v3, second secret. */
    add_header(&r, "x-hubspot-signature-v3", "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=");
    add_header(&r, "X-HUBSPOT-REQUEST-TIMESTAMP", "1670383777720");
    CHECK_STATUS(verify(v, &r, BODY, NOW, &out), HUBSPOT_STATUS_OK);
    CHECK(out.version == HUBSPOT_SIGNATURE_VERSION_V3 && out.secret_index == 1);
    /* out untouched on failure */
    out.secret_index = 99;
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B("https://abbot-haacked-dev.ngrok.io/hubspot/webhook/"), r.headers,
                                         r.n, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    CHECK(out.secret_index == 99);
    CHECK(strstr(last_error(), "signature_mismatch") != NULL);
    CHECK_STATUS(verify(v, &r, BODY, NOW + 10 * 60 * 1000, &out), HUBSPOT_STATUS_TIMESTAMP_TOO_OLD);
    CHECK_STATUS(verify(v, &r, BODY, NOW - 20 * 60 * 1000, &out), HUBSPOT_STATUS_TIMESTAMP_IN_FUTURE);

    /* Signed by the library's own helper: v3 and, without v3, v1. */
    hubspot_signed_headers *h = signed_request(&r, BODY, NOW - 1000);
    CHECK(r.n == 5);
    CHECK_STATUS(verify(v, &r, BODY, NOW, &out), HUBSPOT_STATUS_OK);
    CHECK(out.version == HUBSPOT_SIGNATURE_VERSION_V3 && out.secret_index == 1);
    struct req legacy = {0};
    for (size_t i = 0; i < r.n; i++)
        if (strcmp((const char *)r.headers[i].name, "X-HubSpot-Signature-v3") != 0) legacy.headers[legacy.n++] = r.headers[i];
    CHECK(legacy.n == 4);
    CHECK_STATUS(verify(v, &legacy, BODY, NOW, &out), HUBSPOT_STATUS_OK);
    CHECK(out.version == HUBSPOT_SIGNATURE_VERSION_V1);
    struct hubspot_str name, value;
    CHECK_STATUS(hubspot_signed_headers_get(h, 5, &name, &value), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_signed_headers_get(NULL, 0, &name, &value), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_signed_headers_get(h, 0, NULL, &value), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(hubspot_signed_headers_count(NULL) == 0);

    /* require_v3 */
    struct hubspot_options o = defaults();
    o.require_v3 = true;
    hubspot_verifier *strict = make_verifier(&o);
    CHECK_STATUS(verify(strict, &legacy, BODY, NOW, &out), HUBSPOT_STATUS_V3_REQUIRED);
    hubspot_verifier_free(strict);

    /* Each signature failure. */
    struct req none = {0};
    CHECK_STATUS(verify(v, &none, BODY, NOW, &out), HUBSPOT_STATUS_MISSING_SIGNATURE);
    struct req bad_version = {0};
    add_header(&bad_version, "X-HubSpot-Signature", "0000000000000000000000000000000000000000000000000000000000000000");
    add_header(&bad_version, "X-HubSpot-Signature-Version", "v9");
    CHECK_STATUS(verify(v, &bad_version, BODY, NOW, &out), HUBSPOT_STATUS_UNSUPPORTED_SIGNATURE_VERSION);
    struct req no_ts = {0};
    add_header(&no_ts, "X-HubSpot-Signature-v3", "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=");
    CHECK_STATUS(verify(v, &no_ts, BODY, NOW, &out), HUBSPOT_STATUS_MISSING_TIMESTAMP);
    add_header(&no_ts, "X-HubSpot-Request-Timestamp", "soon");
    CHECK_STATUS(verify(v, &no_ts, BODY, NOW, &out), HUBSPOT_STATUS_INVALID_TIMESTAMP);
    struct req malformed = {0};
    add_header(&malformed, "X-HubSpot-Signature", "not-hex");
    CHECK_STATUS(verify(v, &malformed, BODY, NOW, &out), HUBSPOT_STATUS_MALFORMED_SIGNATURE);
    struct req mismatch = {0};
    add_header(&mismatch, "X-HubSpot-Signature", "0000000000000000000000000000000000000000000000000000000000000000");
    CHECK_STATUS(verify(v, &mismatch, BODY, NOW, &out), HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    o = defaults();
    o.max_body_bytes = 10;
    hubspot_verifier *tiny = make_verifier(&o);
    CHECK_STATUS(verify(tiny, &mismatch, BODY, NOW, &out), HUBSPOT_STATUS_BODY_TOO_LARGE);
    hubspot_verifier_free(tiny);

    /* NULL arguments. */
    CHECK_STATUS(hubspot_verifier_verify(NULL, B("POST"), B(URL), r.headers, r.n, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), r.headers, r.n, B(BODY), NOW, NULL),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify(v, NULL, 4, B(URL), r.headers, r.n, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), NULL, 3, r.headers, r.n, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), NULL, 2, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), r.headers, r.n, NULL, 5, NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    struct hubspot_header null_name = {NULL, 3, (const uint8_t *)"x", 1};
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), &null_name, 1, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    struct hubspot_header null_value = {(const uint8_t *)"x", 1, NULL, 3};
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), &null_value, 1, B(BODY), NOW, &out),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    /* NULL with length 0 is an empty input, not an error. */
    CHECK_STATUS(hubspot_verifier_verify(v, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NOW, &out),
                 HUBSPOT_STATUS_MISSING_SIGNATURE);

    /* A body with NUL bytes is bytes like any other: v1 signs it, the JSON check rejects it. */
    const uint8_t nul_body[] = {'[', ']', 0, ' '};
    char sig[65];
    size_t sig_len;
    CHECK_STATUS(hubspot_sign_v1(B(SECRET), nul_body, sizeof nul_body, sig, sizeof sig, &sig_len), HUBSPOT_STATUS_OK);
    struct req nul_req = {0};
    add_header(&nul_req, "X-HubSpot-Signature", sig);
    CHECK_STATUS(hubspot_verifier_verify(v, B("POST"), B(URL), nul_req.headers, nul_req.n, nul_body, sizeof nul_body, NOW,
                                         &out),
                 HUBSPOT_STATUS_OK);
    hubspot_batch *batch = (hubspot_batch *)0x1;
    CHECK_STATUS(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), nul_req.headers, nul_req.n, nul_body,
                                                   sizeof nul_body, NOW, &out, &batch),
                 HUBSPOT_STATUS_INVALID_JSON);
    CHECK(batch == (hubspot_batch *)0x1);

    /* verify_and_parse: out_verified is optional, out_batch is not. */
    batch = NULL;
    CHECK_STATUS(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), r.headers, r.n, B(BODY), NOW, NULL, &batch),
                 HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_count(batch) == 1);
    hubspot_batch_free(batch);
    CHECK_STATUS(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), r.headers, r.n, B(BODY), NOW, &out, NULL),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_verify_and_parse(NULL, B("POST"), B(URL), r.headers, r.n, B(BODY), NOW, &out, &batch),
                 HUBSPOT_STATUS_NULL_ARGUMENT);
    /* Verification fails before parsing. */
    CHECK_STATUS(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), mismatch.headers, mismatch.n, B("nonsense"), NOW,
                                                   &out, &batch),
                 HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    hubspot_signed_headers_free(h); /* the views in r and legacy were valid until here */
    hubspot_verifier_free(v);
}

static void test_parse_errors(void) {
    hubspot_batch *b = NULL;
    CHECK_STATUS(hubspot_parse(B("{not json"), NULL, &b), HUBSPOT_STATUS_INVALID_JSON);
    CHECK_STATUS(hubspot_parse(B("{\"a\":1}"), NULL, &b), HUBSPOT_STATUS_INVALID_BATCH);
    CHECK_STATUS(hubspot_parse(B("[1,2]"), NULL, &b), HUBSPOT_STATUS_INVALID_BATCH);
    CHECK_STATUS(hubspot_parse(B("[{\"eventId\":1}]"), NULL, &b), HUBSPOT_STATUS_INVALID_EVENT);
    CHECK(strstr(last_error(), "invalid_event") != NULL);
    const uint8_t latin1[] = {'[', '"', 0xE9, '"', ']'};
    CHECK_STATUS(hubspot_parse(latin1, sizeof latin1, NULL, &b), HUBSPOT_STATUS_INVALID_JSON);
    struct hubspot_options o = defaults();
    o.max_body_bytes = 1;
    CHECK_STATUS(hubspot_parse(B("[]"), &o, &b), HUBSPOT_STATUS_BODY_TOO_LARGE);
    CHECK_STATUS(hubspot_parse(B("[]"), NULL, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_parse(NULL, 2, NULL, &b), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(b == NULL);
    CHECK_STATUS(hubspot_parse(B("[]"), NULL, &b), HUBSPOT_STATUS_OK);
    CHECK(b != NULL && hubspot_batch_count(b) == 0 && hubspot_batch_rejected_count(b) == 0);
    hubspot_batch_free(b);
    hubspot_verifier *v = make_verifier(NULL);
    CHECK_STATUS(hubspot_verifier_parse(v, B("[]"), &b), HUBSPOT_STATUS_OK);
    hubspot_batch_free(b);
    CHECK_STATUS(hubspot_verifier_parse(NULL, B("[]"), &b), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_parse(v, B("[]"), NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_verifier_parse(v, B("["), &b), HUBSPOT_STATUS_INVALID_JSON);
    hubspot_verifier_free(v);
}

static const char *EVENTS =
    "[{\"eventId\":1,\"subscriptionId\":2,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":"
    "\"contact.propertyChange\",\"attemptNumber\":1,\"objectId\":9223372036854775807,\"propertyName\":\"email\","
    "\"propertyValue\":\"a@b.c\",\"changeSource\":\"CRM_UI\",\"brandNew\":{\"x\":1}},"
    "{\"eventId\":6,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":\"object.merge\","
    "\"objectTypeId\":\"0-3\",\"attemptNumber\":0,\"primaryObjectId\":10,\"mergedObjectIds\":[11,12,13],"
    "\"isSensitive\":false},"
    "{\"eventId\":7,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":\"conversation.propertyChange\","
    "\"attemptNumber\":0,\"objectId\":55,\"propertyName\":\"isArchived\",\"propertyValue\":false},"
    "{\"eventId\":8,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":\"conversation.propertyChange\","
    "\"attemptNumber\":0,\"objectId\":56,\"propertyName\":\"status\",\"propertyValue\":\"CLOSED\"},"
    "{\"eventId\":9,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":\"conversation.newMessage\","
    "\"attemptNumber\":0,\"objectId\":57,\"messageId\":\"m1\",\"messageType\":\"COMMENT\"}]";

static void test_accessors(void) {
    hubspot_batch *b = NULL;
    CHECK_STATUS(hubspot_parse(B(EVENTS), NULL, &b), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_count(b) == 5);
    struct hubspot_str s;
    int64_t n = 0;
    bool present = true, flag = true;

    CHECK_STATUS(hubspot_event_subscription_type(b, 0, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "contact.propertyChange"));
    CHECK_STATUS(hubspot_event_object_type(b, 0, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "contact"));
    CHECK_STATUS(hubspot_event_action(b, 0, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "propertyChange"));
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_OBJECT_ID, &n, &present), HUBSPOT_STATUS_OK);
    CHECK(present && n == INT64_MAX);
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_ATTEMPT_NUMBER, &n, &present), HUBSPOT_STATUS_OK);
    CHECK(present && n == 1);
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_NEW_OBJECT_ID, &n, &present), HUBSPOT_STATUS_OK);
    CHECK(!present && n == 0);
    CHECK_STATUS(hubspot_event_str(b, 0, HUBSPOT_FIELD_CHANGE_SOURCE, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "CRM_UI"));
    CHECK_STATUS(hubspot_event_str(b, 0, HUBSPOT_FIELD_MESSAGE_ID, &s), HUBSPOT_STATUS_OK);
    CHECK(s.ptr == NULL && s.len == 0);
    bool is_string = false;
    CHECK_STATUS(hubspot_event_property_value(b, 0, &s, &is_string), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "a@b.c") && is_string);
    CHECK_STATUS(hubspot_event_raw_json(b, 0, &s), HUBSPOT_STATUS_OK);
    CHECK(s.len > 10 && memcmp(s.ptr, "{\"eventId\":1,", 13) == 0 && s.ptr[s.len - 1] == '}');
    CHECK(memmem(s.ptr, s.len, "\"brandNew\":{\"x\":1}", 18) != NULL); /* unknown fields kept */
    CHECK_STATUS(hubspot_event_json_member(b, 0, B("brandNew"), &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "{\"x\":1}"));
    CHECK_STATUS(hubspot_event_json_member(b, 0, B("changeSource"), &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "\"CRM_UI\""));
    CHECK_STATUS(hubspot_event_json_member(b, 0, B("absent"), &s), HUBSPOT_STATUS_OK);
    CHECK(s.ptr == NULL && s.len == 0);
    CHECK_STATUS(hubspot_event_json_member(b, 0, NULL, 3, &s), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_json_member(b, 0, B("brandNew"), NULL), HUBSPOT_STATUS_NULL_ARGUMENT);

    /* Wrong kind, unknown field, out of range, NULLs. */
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_CHANGE_SOURCE, &n, &present), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "changeSource") != NULL);
    CHECK_STATUS(hubspot_event_str(b, 0, HUBSPOT_FIELD_EVENT_ID, &s), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_event_bool(b, 0, HUBSPOT_FIELD_OBJECT_ID, &flag, &present), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(hubspot_event_str(b, 0, 999, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_event_str(b, 5, HUBSPOT_FIELD_SUBSCRIPTION_TYPE, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_event_action(b, (size_t)-1, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_event_action(NULL, 0, &s), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_action(b, 0, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_OBJECT_ID, NULL, &present), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_i64(b, 0, HUBSPOT_FIELD_OBJECT_ID, &n, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_bool(b, 0, HUBSPOT_FIELD_IS_SENSITIVE, NULL, &present), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_property_value(b, 0, &s, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(hubspot_batch_count(NULL) == 0 && hubspot_batch_rejected_count(NULL) == 0);

    /* Field names and kinds. The fields are the core's table: count them (it grows at its end). */
    uint32_t count = 0;
    while (hubspot_field_name(count) != NULL) count++;
    CHECK(count > HUBSPOT_FIELD_MESSAGE_TYPE);
    uint32_t field = 0;
    CHECK_STATUS(hubspot_field_from_name(B("mergedObjectIds"), &field), HUBSPOT_STATUS_OK);
    CHECK(field == HUBSPOT_FIELD_MERGED_OBJECT_IDS);
    CHECK(hubspot_field_kind_of(field) == HUBSPOT_FIELD_KIND_INT_ARRAY);
    CHECK(hubspot_field_kind_of(HUBSPOT_FIELD_IS_SENSITIVE) == HUBSPOT_FIELD_KIND_BOOL);
    CHECK(hubspot_field_kind_of(HUBSPOT_FIELD_PORTAL_ID) == HUBSPOT_FIELD_KIND_INT);
    CHECK(hubspot_field_kind_of(HUBSPOT_FIELD_MESSAGE_TYPE) == HUBSPOT_FIELD_KIND_STRING);
    CHECK(hubspot_field_kind_of(count) == HUBSPOT_FIELD_KIND_NONE);
    CHECK(strcmp(hubspot_field_name(HUBSPOT_FIELD_OBJECT_TYPE_ID), "objectTypeId") == 0);
        CHECK_STATUS(hubspot_field_from_name(B("brandNew"), &field), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_field_from_name(B("objectid"), &field), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_field_from_name(B("objectId"), NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    for (uint32_t f = 0; f < count; f++) {
        const char *name = hubspot_field_name(f);
        CHECK(hubspot_field_kind_of(f) != HUBSPOT_FIELD_KIND_NONE);
        CHECK_STATUS(hubspot_field_from_name((const uint8_t *)name, strlen(name), &field), HUBSPOT_STATUS_OK);
        CHECK(field == f);
    }

    /* A generic merge: object type from objectTypeId, merged ids, a boolean. */
    CHECK_STATUS(hubspot_event_object_type(b, 1, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "deal"));
    CHECK_STATUS(hubspot_event_action(b, 1, &s), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "merge"));
    const int64_t *ids = NULL;
    size_t n_ids = 0;
    CHECK_STATUS(hubspot_event_merged_object_ids(b, 1, &ids, &n_ids, &present), HUBSPOT_STATUS_OK);
    CHECK(present && n_ids == 3 && ids[0] == 11 && ids[2] == 13);
    CHECK_STATUS(hubspot_event_merged_object_ids(b, 0, &ids, &n_ids, &present), HUBSPOT_STATUS_OK);
    CHECK(!present && ids == NULL && n_ids == 0);
    CHECK_STATUS(hubspot_event_merged_object_ids(b, 0, NULL, &n_ids, &present), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_bool(b, 1, HUBSPOT_FIELD_IS_SENSITIVE, &flag, &present), HUBSPOT_STATUS_OK);
    CHECK(present && !flag);
    CHECK_STATUS(hubspot_event_bool(b, 0, HUBSPOT_FIELD_IS_SENSITIVE, &flag, &present), HUBSPOT_STATUS_OK);
    CHECK(!present);

    /* Conversations. */
    struct hubspot_conversation c = {0};
    bool is_conv = true;
    CHECK_STATUS(hubspot_event_conversation(b, 0, &c, &is_conv), HUBSPOT_STATUS_OK);
    CHECK(!is_conv);
    CHECK_STATUS(hubspot_event_conversation(b, 2, &c, &is_conv), HUBSPOT_STATUS_OK);
    CHECK(is_conv && c.has_thread_id && c.thread_id == 55 && c.change == HUBSPOT_CONVERSATION_CHANGE_ARCHIVED_CHANGED);
    CHECK(c.has_archived && !c.archived && c.message_id.ptr == NULL);
    CHECK_STATUS(hubspot_event_property_value(b, 2, &s, &is_string), HUBSPOT_STATUS_OK);
    CHECK(view_is(s, "false") && !is_string);
    CHECK_STATUS(hubspot_event_conversation(b, 3, &c, &is_conv), HUBSPOT_STATUS_OK);
    CHECK(c.change == HUBSPOT_CONVERSATION_CHANGE_STATUS_CHANGED && view_is(c.status, "CLOSED"));
    CHECK_STATUS(hubspot_event_conversation(b, 4, &c, &is_conv), HUBSPOT_STATUS_OK);
    CHECK(c.change == HUBSPOT_CONVERSATION_CHANGE_NEW_MESSAGE && view_is(c.message_id, "m1") &&
          view_is(c.message_type, "COMMENT") && c.thread_id == 57);
    CHECK_STATUS(hubspot_event_conversation(b, 4, NULL, &is_conv), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_conversation(b, 4, &c, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);

    /* Dedup key into a caller buffer: size query, too small, exact. */
    size_t key_len = 0;
    CHECK_STATUS(hubspot_event_dedup_key(b, 0, NULL, 0, &key_len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(key_len > 10);
    char key[128];
    CHECK_STATUS(hubspot_event_dedup_key(b, 0, key, key_len, &key_len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(hubspot_event_dedup_key(b, 0, key, key_len + 1, &key_len), HUBSPOT_STATUS_OK);
    CHECK(strncmp(key, "hs1:4:3:2:contact.propertyChange:1:", 35) == 0 && strlen(key) == key_len);
    CHECK_STATUS(hubspot_event_dedup_key(b, 0, key, sizeof key, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_event_dedup_key(b, 9, key, sizeof key, &key_len), HUBSPOT_STATUS_OUT_OF_RANGE);
    hubspot_batch_free(b);
}

static void test_partial(void) {
    struct hubspot_options o = defaults();
    o.partial = true;
    const char *body = "[{\"eventId\":1,\"portalId\":3,\"appId\":4,\"occurredAt\":5,\"subscriptionType\":\"deal.creation\","
                       "\"attemptNumber\":0},{\"eventId\":\"x\"},{\"eventId\":2}]";
    hubspot_batch *b = NULL;
    CHECK_STATUS(hubspot_parse(B(body), NULL, &b), HUBSPOT_STATUS_INVALID_EVENT);
    CHECK_STATUS(hubspot_parse(B("[{},7]"), &o, &b), HUBSPOT_STATUS_INVALID_BATCH); /* even when partial */
    CHECK_STATUS(hubspot_parse(B(body), &o, &b), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_count(b) == 1 && hubspot_batch_rejected_count(b) == 2);
    struct hubspot_rejected r = {0};
    CHECK_STATUS(hubspot_batch_rejected(b, 0, &r), HUBSPOT_STATUS_OK);
    CHECK(r.index == 1 && r.error == HUBSPOT_STATUS_INVALID_EVENT && view_is(r.raw_json, "{\"eventId\":\"x\"}"));
    CHECK(r.message.len > 0 && r.field.ptr != NULL);
    CHECK_STATUS(hubspot_batch_rejected(b, 1, &r), HUBSPOT_STATUS_OK);
    CHECK(r.index == 2 && view_is(r.raw_json, "{\"eventId\":2}"));
    CHECK_STATUS(hubspot_batch_rejected(b, 2, &r), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK_STATUS(hubspot_batch_rejected(b, 0, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_batch_rejected(NULL, 0, &r), HUBSPOT_STATUS_NULL_ARGUMENT);
    hubspot_batch_free(b);
}

static void test_signing_buffers(void) {
    char buf[65];
    size_t len = 0;
    CHECK_STATUS(hubspot_sign_v1(B(SECRET), B("[]"), NULL, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 64);
    CHECK_STATUS(hubspot_sign_v1(B(SECRET), B("[]"), buf, 64, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(hubspot_sign_v1(B(SECRET), B("[]"), buf, 65, &len), HUBSPOT_STATUS_OK);
    CHECK(len == 64 && strlen(buf) == 64);
    CHECK_STATUS(hubspot_sign_v1(B(SECRET), B("[]"), buf, 65, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_sign_v1(NULL, 3, B("[]"), buf, 65, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_sign_v2(B(SECRET), B("POST"), B(URL), B("[]"), buf, sizeof buf, &len), HUBSPOT_STATUS_OK);
    CHECK(len == 64);
    char v3[45];
    CHECK_STATUS(hubspot_sign_v3(B("abbababa-beef-aaaa-bbbb-abbaabbaabba"), B("POST"), B(URL), B(BODY), B("1670383777720"),
                                 v3, 44, &len),
                 HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 44);
    CHECK_STATUS(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), B("1670383777720"), v3, sizeof v3, &len),
                 HUBSPOT_STATUS_OK);
    CHECK(strcmp(v3, "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=") == 0);
    hubspot_signed_headers *h = NULL;
    CHECK_STATUS(hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), B(BODY), NOW, NULL), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(hubspot_signed_headers_new(B(SECRET), NULL, 1, B(URL), B(BODY), NOW, &h), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(h == NULL);
}

/* One verifier, several threads; each thread's last error is its own. */
struct worker {
    const hubspot_verifier *verifier;
    const struct req *request;
    int ok;
    int own_error_kept;
};

static void *work(void *arg) {
    struct worker *w = arg;
    for (int i = 0; i < 200; i++) {
        hubspot_batch *b = NULL;
        struct hubspot_verified out = {0};
        if (hubspot_verifier_verify_and_parse(w->verifier, B("POST"), B(URL), w->request->headers, w->request->n, B(BODY),
                                              NOW, &out, &b) == HUBSPOT_STATUS_OK &&
            hubspot_batch_count(b) == 1 && out.secret_index == 1)
            w->ok++;
        hubspot_batch_free(b);
    }
    hubspot_parse(B("nope"), NULL, NULL);
    w->own_error_kept = hubspot_last_error_status() == HUBSPOT_STATUS_NULL_ARGUMENT;
    return NULL;
}

static void test_threads(void) {
    hubspot_verifier *v = make_verifier(NULL);
    struct req r = {0};
    add_header(&r, "X-HubSpot-Signature-v3", "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=");
    add_header(&r, "X-HubSpot-Request-Timestamp", "1670383777720");
    hubspot_batch *b = NULL;
    CHECK_STATUS(hubspot_parse(B("[1]"), NULL, &b), HUBSPOT_STATUS_INVALID_BATCH);
    enum { N = 4 };
    pthread_t threads[N];
    struct worker workers[N];
    for (int t = 0; t < N; t++) {
        workers[t] = (struct worker){v, &r, 0, 0};
        CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0);
    }
    for (int t = 0; t < N; t++) {
        pthread_join(threads[t], NULL);
        CHECK(workers[t].ok == 200);
        CHECK(workers[t].own_error_kept);
    }
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_INVALID_BATCH); /* this thread's, untouched */
    hubspot_verifier_free(v);
}

int main(void) {
    test_statuses();
    test_last_error_buffers();
    test_verifier_new_errors();
    test_options_abi();
    test_verify_paths();
    test_parse_errors();
    test_accessors();
    test_partial();
    test_signing_buffers();
    test_threads();
    printf("c-api: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
