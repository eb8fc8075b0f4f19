/* Hostile input from C, beyond the shared vectors (tests/vectors/hostile.json runs through
 * conformance.c): what only a C caller can send. NULL pointers with a non-zero length, NULL
 * with length 0 (an empty input), NULL header names, lengths no buffer can have, bytes that
 * are not UTF-8 in header names and values, the URL and the method, caller buffers of 0 and 1
 * bytes, indexes and enum values out of range, extreme options. Each gets its documented
 * status, out-parameters stay untouched on failure, and every error message is valid UTF-8
 * (C callers log them). Prints `c-hostile: N passed, N failed`. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hubspot_webhooks.h"

#include "check.h"

/* The call gives `expected`, and the thread's last error agrees (status, and a message that
 * starts with the status's code and is valid UTF-8). */
#define EXPECT(call, expected) expect_status((call), (expected), #call, __LINE__)

#define HUGE_LEN ((size_t)PTRDIFF_MAX + 1) /* no object can be this long */

/* Well-formed UTF-8 (lead and continuation bytes; enough to catch raw input bytes). */
static int valid_utf8(const unsigned char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
        if (extra == 4 || n - i <= extra) return 0;
        for (size_t k = 1; k <= extra; k++)
            if ((s[i + k] & 0xC0) != 0x80) return 0;
        i += extra + 1;
    }
    return 1;
}

static char last_message[4096];

static void expect_status(hubspot_status got, hubspot_status expected, const char *call, int line) {
    size_t len = 0;
    last_message[0] = 0;
    int message_ok = hubspot_last_error_message(last_message, sizeof last_message, &len) == HUBSPOT_STATUS_OK &&
                     valid_utf8((const unsigned char *)last_message, len) && strlen(last_message) == len;
    const char *code = hubspot_status_code(expected);
    int consistent = hubspot_last_error_status() == expected &&
                     (expected == HUBSPOT_STATUS_OK ? len == 0 : strncmp(last_message, code, strlen(code)) == 0);
    if (got == expected && message_ok && consistent) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s:%d: %s gave %s, expected %s (message: %s)\n", __FILE__, line, call, hubspot_status_code(got), code,
               last_message);
    }
}

static const char *SECRET = "hostile-c-secret";
static const char *URL = "https://hooks.example.com/hubspot/webhook";
static const char *BODY = "[{\"eventId\":1,\"subscriptionId\":2,\"portalId\":3,\"appId\":4,\"occurredAt\":1769081993375,"
                          "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":5}]";
static const int64_t TS = 1769081993066;
static const int64_t NOW = 1769081994066;
static const char *TS_TEXT = "1769081993066";

static struct hubspot_options defaults(void) {
    struct hubspot_options o;
    EXPECT(hubspot_options_init(&o, sizeof o), HUBSPOT_STATUS_OK);
    return o;
}

static hubspot_verifier *verifier_with(const struct hubspot_options *options) {
    struct hubspot_bytes secret = {B(SECRET)};
    hubspot_verifier *v = NULL;
    EXPECT(hubspot_verifier_new(&secret, 1, options, &v), HUBSPOT_STATUS_OK);
    return v;
}

/* The v3 signature of (method, url, body) at TS into `sig` (45 bytes). */
static void sign_v3(const uint8_t *method, size_t method_len, const uint8_t *url, size_t url_len, const uint8_t *body,
                    size_t body_len, char sig[45]) {
    size_t len = 0;
    EXPECT(hubspot_sign_v3(B(SECRET), method, method_len, url, url_len, body, body_len, B(TS_TEXT), sig, 45, &len),
           HUBSPOT_STATUS_OK);
}

static struct hubspot_header header(const char *name, const char *value) {
    return (struct hubspot_header){(const uint8_t *)name, strlen(name), (const uint8_t *)value, strlen(value)};
}

/* ---- NULL with a non-zero length: NULL_ARGUMENT, nothing written --------------------------- */
static void test_null_with_length(void) {
    hubspot_verifier *v = verifier_with(NULL);
    char sig[45];
    sign_v3(B("POST"), B(URL), B(BODY), sig);
    struct hubspot_header h[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    struct hubspot_verified out = {HUBSPOT_SIGNATURE_VERSION_V1, 77};
    hubspot_batch *batch = (hubspot_batch *)0x1;

    EXPECT(hubspot_verifier_verify_and_parse(v, NULL, 4, B(URL), h, 2, B(BODY), NOW, &out, &batch),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "method") != NULL);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), NULL, 9, h, 2, B(BODY), NOW, &out, &batch),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "url") != NULL);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), NULL, 2, B(BODY), NOW, &out, &batch),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "headers") != NULL);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), h, 2, NULL, 1, NOW, &out, &batch),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "body") != NULL);
    CHECK(batch == (hubspot_batch *)0x1 && out.secret_index == 77);

    EXPECT(hubspot_verifier_parse(v, NULL, 2, &batch), HUBSPOT_STATUS_NULL_ARGUMENT);
    uint32_t field = 999;
    EXPECT(hubspot_field_from_name(NULL, 8, &field), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(field == 999);

    char buf[65];
    size_t len = 12345;
    EXPECT(hubspot_sign_v1(B(SECRET), NULL, 2, buf, sizeof buf, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v2(NULL, 1, B("POST"), B(URL), B(BODY), buf, sizeof buf, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v2(B(SECRET), NULL, 1, B(URL), B(BODY), buf, sizeof buf, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v2(B(SECRET), B("POST"), NULL, 1, B(BODY), buf, sizeof buf, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v2(B(SECRET), B("POST"), B(URL), NULL, 1, buf, sizeof buf, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), NULL, 13, buf, sizeof buf, &len),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_sign_v3(NULL, 16, B("POST"), B(URL), B(BODY), B(TS_TEXT), buf, sizeof buf, &len),
           HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(len == 12345);
    hubspot_signed_headers *sh = (hubspot_signed_headers *)0x1;
    EXPECT(hubspot_signed_headers_new(NULL, 3, B("POST"), B(URL), B(BODY), TS, &sh), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_signed_headers_new(B(SECRET), B("POST"), NULL, 3, B(BODY), TS, &sh), HUBSPOT_STATUS_NULL_ARGUMENT);
    EXPECT(hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), NULL, 3, TS, &sh), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(sh == (hubspot_signed_headers *)0x1);

    /* A NULL buffer that claims a size. */
    EXPECT(hubspot_sign_v1(B(SECRET), B(BODY), NULL, 65, &len), HUBSPOT_STATUS_NULL_ARGUMENT);
    hubspot_verifier_free(v);
}

/* ---- Header arrays with NULL names or values ----------------------------------------------- */
static void test_null_headers(void) {
    hubspot_verifier *v = verifier_with(NULL);
    char sig[45];
    sign_v3(B("POST"), B(URL), B(BODY), sig);
    struct hubspot_verified out = {0};
    struct hubspot_header h[4] = {header("Content-Type", "application/json"), header("X-HubSpot-Signature-v3", sig),
                                  header("X-HubSpot-Request-Timestamp", TS_TEXT), header("X-Other", "1")};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 4, B(BODY), NOW, &out), HUBSPOT_STATUS_OK);

    /* A NULL name (or value) with a length, anywhere in the array: NULL_ARGUMENT naming it. */
    h[3].name = NULL;
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 4, B(BODY), NOW, &out), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "headers[3].name") != NULL);
    h[3] = header("X-Other", "1");
    h[0].value = NULL;
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 4, B(BODY), NOW, &out), HUBSPOT_STATUS_NULL_ARGUMENT);
    CHECK(strstr(last_message, "headers[0].value") != NULL);

    /* NULL with length 0 is an empty name or value: a header that matches nothing. */
    h[0] = (struct hubspot_header){NULL, 0, NULL, 0};
    h[3] = (struct hubspot_header){NULL, 0, (const uint8_t *)"x", 1};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 4, B(BODY), NOW, &out), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 1, B(BODY), NOW, &out), HUBSPOT_STATUS_MISSING_SIGNATURE);
    /* An empty v3 signature value (NULL, 0) is malformed, an empty timestamp invalid. */
    struct hubspot_header empty_sig[2] = {{(const uint8_t *)"X-HubSpot-Signature-v3", 22, NULL, 0},
                                          header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), empty_sig, 2, B(BODY), NOW, &out),
           HUBSPOT_STATUS_MALFORMED_SIGNATURE);
    struct hubspot_header empty_ts[2] = {header("X-HubSpot-Signature-v3", sig),
                                         {(const uint8_t *)"X-HubSpot-Request-Timestamp", 27, NULL, 0}};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), empty_ts, 2, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_TIMESTAMP);
    hubspot_verifier_free(v);
}

/* ---- Zero length with a NULL pointer: an empty input, valid where empty is ------------------ */
static void test_null_empty(void) {
    hubspot_verifier *v = verifier_with(NULL);
    struct hubspot_verified out = {0};
    hubspot_batch *batch = NULL;
    char a[65], b[65];
    size_t len = 0;

    /* Signing an empty body, URL, method or timestamp given as (NULL, 0) is signing "". */
    EXPECT(hubspot_sign_v1(B(SECRET), NULL, 0, a, sizeof a, &len), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_sign_v1(B(SECRET), (const uint8_t *)"", 0, b, sizeof b, &len), HUBSPOT_STATUS_OK);
    CHECK(strcmp(a, b) == 0);
    EXPECT(hubspot_sign_v3(B(SECRET), NULL, 0, NULL, 0, NULL, 0, NULL, 0, a, sizeof a, &len), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_sign_v3(B(SECRET), B(""), B(""), B(""), B(""), b, sizeof b, &len), HUBSPOT_STATUS_OK);
    CHECK(strcmp(a, b) == 0 && len == 44);

    /* A v1-signed empty body: authentic, but not a batch. */
    EXPECT(hubspot_sign_v1(B(SECRET), NULL, 0, a, sizeof a, &len), HUBSPOT_STATUS_OK);
    struct hubspot_header v1[1] = {header("X-HubSpot-Signature", a)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), v1, 1, NULL, 0, NOW, &out), HUBSPOT_STATUS_OK);
    CHECK(out.version == HUBSPOT_SIGNATURE_VERSION_V1);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), v1, 1, NULL, 0, NOW, &out, &batch),
           HUBSPOT_STATUS_INVALID_JSON);
    EXPECT(hubspot_parse(NULL, 0, NULL, &batch), HUBSPOT_STATUS_INVALID_JSON);
    EXPECT(hubspot_verifier_parse(v, NULL, 0, &batch), HUBSPOT_STATUS_INVALID_JSON);
    CHECK(batch == NULL);

    /* A v3 signature over an empty method and URL given as (NULL, 0). */
    char sig[45];
    sign_v3(NULL, 0, NULL, 0, B(BODY), sig);
    struct hubspot_header v3[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify_and_parse(v, NULL, 0, NULL, 0, v3, 2, B(BODY), NOW, &out, &batch), HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_count(batch) == 1);
    hubspot_batch_free(batch);
    batch = NULL;
    EXPECT(hubspot_verifier_verify(v, B("POST"), NULL, 0, v3, 2, B(BODY), NOW, &out), HUBSPOT_STATUS_SIGNATURE_MISMATCH);

    /* No headers (NULL, 0), no field name, no secrets, an empty secret. */
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), NULL, 0, B(BODY), NOW, &out), HUBSPOT_STATUS_MISSING_SIGNATURE);
    uint32_t field = 7;
    EXPECT(hubspot_field_from_name(NULL, 0, &field), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK(field == 7);
    hubspot_verifier *none = NULL;
    EXPECT(hubspot_verifier_new(NULL, 0, NULL, &none), HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_bytes empty = {NULL, 0};
    EXPECT(hubspot_verifier_new(&empty, 1, NULL, &none), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(none == NULL);
    /* No verifier accepts an empty secret, and nothing signs with one (an unset variable). */
    EXPECT(hubspot_sign_v1(NULL, 0, B(BODY), a, sizeof a, &len), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_sign_v2(NULL, 0, B("POST"), B(URL), B(BODY), a, sizeof a, &len), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_sign_v3(NULL, 0, B("POST"), B(URL), B(BODY), B(TS_TEXT), a, sizeof a, &len),
           HUBSPOT_STATUS_INVALID_ARGUMENT);
    hubspot_signed_headers *unsigned_headers = NULL;
    EXPECT(hubspot_signed_headers_new(NULL, 0, B("POST"), B(URL), B(BODY), TS, &unsigned_headers),
           HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(unsigned_headers == NULL);
    struct hubspot_bytes creation = {(const uint8_t *)"contact.creation", 16};
    hubspot_fixture *unsigned_fixture = NULL;
    EXPECT(hubspot_fixture_new(&creation, 1, NULL, 0, NOW, NULL, &unsigned_fixture), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(unsigned_fixture == NULL);
    hubspot_verifier_free(v);
}

/* ---- Lengths no object can have: INVALID_ARGUMENT before anything is read ------------------ */
static void test_huge_lengths(void) {
    hubspot_verifier *v = verifier_with(NULL);
    struct hubspot_verified out = {0};
    hubspot_batch *batch = NULL;
    const uint8_t *p = (const uint8_t *)"x"; /* never read past: the length is refused first */
    char buf[65];
    size_t len = 0;

    EXPECT(hubspot_parse(p, SIZE_MAX, NULL, &batch), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_parse(p, HUGE_LEN, NULL, &batch), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_message, "body") != NULL);
    EXPECT(hubspot_verifier_verify(v, p, HUGE_LEN, B(URL), NULL, 0, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_verifier_verify(v, B("POST"), p, SIZE_MAX, NULL, 0, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), NULL, 0, p, SIZE_MAX, NOW, &out, &batch),
           HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_header h[1] = {header("X-HubSpot-Signature", "00")};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, SIZE_MAX, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, SIZE_MAX / sizeof h[0] + 1, B(BODY), NOW, &out),
           HUBSPOT_STATUS_INVALID_ARGUMENT);
    h[0].name_len = HUGE_LEN;
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 1, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_message, "headers[0].name") != NULL);
    h[0] = header("X-HubSpot-Signature", "00");
    h[0].value_len = SIZE_MAX;
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 1, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_ARGUMENT);
    struct hubspot_bytes secret = {p, SIZE_MAX};
    hubspot_verifier *none = NULL;
    EXPECT(hubspot_verifier_new(&secret, 1, NULL, &none), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_verifier_new(&secret, SIZE_MAX, NULL, &none), HUBSPOT_STATUS_INVALID_ARGUMENT);
    CHECK(none == NULL);
    EXPECT(hubspot_sign_v1(p, HUGE_LEN, B(BODY), buf, sizeof buf, &len), HUBSPOT_STATUS_INVALID_ARGUMENT);
    EXPECT(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), p, SIZE_MAX, buf, sizeof buf, &len),
           HUBSPOT_STATUS_INVALID_ARGUMENT);
    hubspot_signed_headers *sh = NULL;
    EXPECT(hubspot_signed_headers_new(B(SECRET), B("POST"), p, SIZE_MAX, B(BODY), TS, &sh), HUBSPOT_STATUS_INVALID_ARGUMENT);
    uint32_t field = 0;
    EXPECT(hubspot_field_from_name(p, SIZE_MAX, &field), HUBSPOT_STATUS_INVALID_ARGUMENT);
    /* A long name that is no field: the message (kept per thread, logged) shows its start only. */
    size_t long_len = (size_t)1 << 20;
    uint8_t *long_name = malloc(long_len);
    if (long_name) {
        memset(long_name, 'a', long_len);
        EXPECT(hubspot_field_from_name(long_name, long_len, &field), HUBSPOT_STATUS_OUT_OF_RANGE);
        CHECK(strlen(last_message) < 300);
        free(long_name);
    }

    /* A real 1 GiB body (mapped, never touched): refused by size before any hashing. */
    size_t big = (size_t)1 << 30;
    void *map = mmap(NULL, big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map != MAP_FAILED) {
        struct hubspot_header sig[1] = {header("X-HubSpot-Signature", "0000000000000000000000000000000000000000000000000000000000000000")};
        EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), sig, 1, map, big, NOW, &out, &batch),
               HUBSPOT_STATUS_BODY_TOO_LARGE);
        EXPECT(hubspot_parse(map, big, NULL, &batch), HUBSPOT_STATUS_BODY_TOO_LARGE);
        munmap(map, big);
    }
    CHECK(batch == NULL);
    hubspot_verifier_free(v);
}

/* ---- Bytes that are not UTF-8 ----------------------------------------------------------------- */
static void test_not_utf8(void) {
    hubspot_verifier *v = verifier_with(NULL);
    struct hubspot_verified out = {0};
    hubspot_batch *batch = NULL;
    char sig[45];

    /* A URL and a method with invalid UTF-8, signed over exactly those bytes: authentic. */
    const uint8_t url[] = "https://hooks.example.com/hub\xff\xfe/\xc3\x28?q=\x80";
    const uint8_t method[] = "P\xc0ST";
    sign_v3(method, sizeof method - 1, url, sizeof url - 1, B(BODY), sig);
    struct hubspot_header h[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify_and_parse(v, method, sizeof method - 1, url, sizeof url - 1, h, 2, B(BODY), NOW, &out,
                                             &batch),
           HUBSPOT_STATUS_OK);
    CHECK(hubspot_batch_count(batch) == 1);
    hubspot_batch_free(batch);
    batch = NULL;
    EXPECT(hubspot_verifier_verify(v, B("POST"), url, sizeof url - 1, h, 2, B(BODY), NOW, &out),
           HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    /* v2 over the same bytes. */
    char v2[65];
    size_t len = 0;
    EXPECT(hubspot_sign_v2(B(SECRET), method, sizeof method - 1, url, sizeof url - 1, B(BODY), v2, sizeof v2, &len),
           HUBSPOT_STATUS_OK);
    struct hubspot_header h2[2] = {header("X-HubSpot-Signature", v2), header("X-HubSpot-Signature-Version", "v2")};
    EXPECT(hubspot_verifier_verify(v, method, sizeof method - 1, url, sizeof url - 1, h2, 2, B(BODY), NOW, &out),
           HUBSPOT_STATUS_OK);
    CHECK(out.version == HUBSPOT_SIGNATURE_VERSION_V2);

    /* A header name with invalid UTF-8 matches nothing; neither does a Unicode look-alike of
     * the v3 name (capital I with a dot: names compare in ASCII only). */
    struct hubspot_header odd[3] = {{(const uint8_t *)"X-HubSpot-\xff\xfe", 12, (const uint8_t *)sig, 44},
                                    header("X-HubSpot-S\xc4\xb0gnature-v3", sig),
                                    header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), odd, 3, B(BODY), NOW, &out), HUBSPOT_STATUS_MISSING_SIGNATURE);

    /* Invalid UTF-8 in the values: signature, timestamp, version, each with its code. */
    char bad_sig[45];
    memset(bad_sig, 0xff, 44);
    bad_sig[44] = 0;
    struct hubspot_header v3_bad[2] = {header("X-HubSpot-Signature-v3", bad_sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), v3_bad, 2, B(BODY), NOW, &out), HUBSPOT_STATUS_MALFORMED_SIGNATURE);
    char bad_v1[65];
    memset(bad_v1, 0xc3, 64);
    bad_v1[64] = 0;
    struct hubspot_header v1_bad[1] = {header("X-HubSpot-Signature", bad_v1)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), v1_bad, 1, B(BODY), NOW, &out), HUBSPOT_STATUS_MALFORMED_SIGNATURE);
    struct hubspot_header ts_bad[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", "17690\xff\xfe")};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), ts_bad, 2, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_TIMESTAMP);
    struct hubspot_header version_bad[2] = {header("X-HubSpot-Signature", "0000000000000000000000000000000000000000000000000000000000000000"),
                                            header("X-HubSpot-Signature-Version", "v\xff\xc3")};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), version_bad, 2, B(BODY), NOW, &out),
           HUBSPOT_STATUS_UNSUPPORTED_SIGNATURE_VERSION);
    /* NUL bytes inside header values. */
    struct hubspot_header ts_nul[2] = {header("X-HubSpot-Signature-v3", sig),
                                       {(const uint8_t *)"X-HubSpot-Request-Timestamp", 27, (const uint8_t *)"1769\0" "081993066", 13}};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), ts_nul, 2, B(BODY), NOW, &out), HUBSPOT_STATUS_INVALID_TIMESTAMP);

    /* A signed body with invalid UTF-8 outside and inside strings: authentic, not JSON. */
    const uint8_t body[] = "[{\"eventId\":1,\"x\":\"\xff\"}]\xfe";
    sign_v3(B("POST"), B(URL), body, sizeof body - 1, sig);
    struct hubspot_header hb[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), hb, 2, body, sizeof body - 1, NOW, &out), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), hb, 2, body, sizeof body - 1, NOW, &out, &batch),
           HUBSPOT_STATUS_INVALID_JSON);
    CHECK(batch == NULL);
    /* A field name that is not UTF-8. */
    uint32_t field = 0;
    EXPECT(hubspot_field_from_name((const uint8_t *)"object\xffId", 9, &field), HUBSPOT_STATUS_OUT_OF_RANGE);
    hubspot_verifier_free(v);
}

/* ---- Caller buffers of 0 and 1 bytes ---------------------------------------------------------- */
static void test_small_buffers(void) {
    char buf[4] = {'x', 'x', 'x', 'x'};
    size_t len = 999;

    /* After a failure: the message needs more than 1 byte. */
    hubspot_batch *batch = NULL;
    EXPECT(hubspot_parse(B("nope"), NULL, &batch), HUBSPOT_STATUS_INVALID_JSON);
    size_t full = strlen(last_message);
    CHECK(hubspot_last_error_message(buf, 0, &len) == HUBSPOT_STATUS_BUFFER_TOO_SMALL && len == full && buf[0] == 'x');
    CHECK(hubspot_last_error_message(buf, 1, &len) == HUBSPOT_STATUS_BUFFER_TOO_SMALL && len == full && buf[0] == 'x');
    CHECK(hubspot_last_error_message(NULL, 0, &len) == HUBSPOT_STATUS_BUFFER_TOO_SMALL && len == full);
    CHECK(hubspot_last_error_status() == HUBSPOT_STATUS_INVALID_JSON); /* asking does not clear it */

    /* After a success: the message is "", which fits in 1 byte but not in 0. */
    EXPECT(hubspot_parse(B("[]"), NULL, &batch), HUBSPOT_STATUS_OK);
    hubspot_batch_free(batch);
    len = 999;
    CHECK(hubspot_last_error_message(buf, 0, &len) == HUBSPOT_STATUS_BUFFER_TOO_SMALL && len == 0 && buf[0] == 'x');
    CHECK(hubspot_last_error_message(NULL, 0, &len) == HUBSPOT_STATUS_BUFFER_TOO_SMALL && len == 0);
    CHECK(hubspot_last_error_message(buf, 1, &len) == HUBSPOT_STATUS_OK && len == 0 && buf[0] == 0 && buf[1] == 'x');
    CHECK(hubspot_last_error_message(NULL, 1, &len) == HUBSPOT_STATUS_NULL_ARGUMENT);

    /* Signatures and dedup keys: 0 and 1 bytes are too small; nothing is written; the length
     * is reported; an exact buffer gets the text and its NUL and nothing beyond. */
    char sig[70];
    memset(sig, 'x', sizeof sig);
    len = 0;
    EXPECT(hubspot_sign_v1(B(SECRET), B(BODY), sig, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 64 && sig[0] == 'x');
    EXPECT(hubspot_sign_v1(B(SECRET), B(BODY), sig, 1, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 64 && sig[0] == 'x');
    EXPECT(hubspot_sign_v2(B(SECRET), B("POST"), B(URL), B(BODY), sig, 1, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    EXPECT(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), B(TS_TEXT), sig, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len == 44);
    EXPECT(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), B(TS_TEXT), sig, 1, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(sig[0] == 'x');
    EXPECT(hubspot_sign_v3(B(SECRET), B("POST"), B(URL), B(BODY), B(TS_TEXT), sig, 45, &len), HUBSPOT_STATUS_OK);
    CHECK(len == 44 && sig[44] == 0 && sig[45] == 'x');
    /* A buffer that claims to be huge gets only the text and its NUL. */
    memset(sig, 'x', sizeof sig);
    EXPECT(hubspot_sign_v1(B(SECRET), B(BODY), sig, SIZE_MAX, &len), HUBSPOT_STATUS_OK);
    CHECK(len == 64 && sig[64] == 0 && sig[65] == 'x');

    EXPECT(hubspot_parse(B(BODY), NULL, &batch), HUBSPOT_STATUS_OK);
    char key[128];
    memset(key, 'x', sizeof key);
    EXPECT(hubspot_event_dedup_key(batch, 0, key, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(len > 10 && key[0] == 'x');
    EXPECT(hubspot_event_dedup_key(batch, 0, key, 1, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    CHECK(key[0] == 'x');
    EXPECT(hubspot_event_dedup_key(batch, 0, NULL, 0, &len), HUBSPOT_STATUS_BUFFER_TOO_SMALL);
    EXPECT(hubspot_event_dedup_key(batch, 0, key, len + 1, &len), HUBSPOT_STATUS_OK);
    CHECK(key[len] == 0 && key[len + 1] == 'x');
    hubspot_batch_free(batch);
}

/* ---- Indexes, enum values and options out of the ordinary ------------------------------------ */
static void test_out_of_range(void) {
    hubspot_batch *batch = NULL;
    EXPECT(hubspot_parse(B(BODY), NULL, &batch), HUBSPOT_STATUS_OK);
    struct hubspot_str s = {(const char *)0x1, 7};
    int64_t n = 5;
    bool present = true;
    EXPECT(hubspot_event_raw_json(batch, SIZE_MAX, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    EXPECT(hubspot_event_raw_json(batch, 1, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    EXPECT(hubspot_event_str(batch, 0, UINT32_MAX, &s), HUBSPOT_STATUS_OUT_OF_RANGE);
    EXPECT(hubspot_event_i64(batch, 0, UINT32_MAX - 1, &n, &present), HUBSPOT_STATUS_OUT_OF_RANGE);
    CHECK(s.ptr == (const char *)0x1 && s.len == 7 && n == 5 && present);
    struct hubspot_rejected r = {0};
    EXPECT(hubspot_batch_rejected(batch, 0, &r), HUBSPOT_STATUS_OUT_OF_RANGE);
    EXPECT(hubspot_batch_rejected(batch, SIZE_MAX, &r), HUBSPOT_STATUS_OUT_OF_RANGE);
    hubspot_batch_free(batch);
    CHECK(hubspot_field_name(UINT32_MAX) == NULL);
    CHECK(hubspot_field_kind_of(UINT32_MAX) == HUBSPOT_FIELD_KIND_NONE);
    CHECK(strcmp(hubspot_status_code(UINT32_MAX), "unknown") == 0);
    CHECK(strcmp(hubspot_status_message(UINT32_MAX), "unknown status") == 0);
    CHECK(strcmp(hubspot_signature_version_str(UINT32_MAX), "unknown") == 0);
    hubspot_signed_headers *sh = NULL;
    EXPECT(hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), B(BODY), INT64_MIN, &sh), HUBSPOT_STATUS_OK);
    struct hubspot_str name, value;
    EXPECT(hubspot_signed_headers_get(sh, SIZE_MAX, &name, &value), HUBSPOT_STATUS_OUT_OF_RANGE);
    hubspot_signed_headers_free(sh);

    /* Extreme options: no overflow, each limit applies. */
    struct hubspot_options o = defaults();
    o.tolerance_ms = UINT64_MAX;
    o.max_future_ms = UINT64_MAX;
    hubspot_verifier *v = verifier_with(&o);
    char sig[45];
    sign_v3(B("POST"), B(URL), B(BODY), sig);
    struct hubspot_header h[2] = {header("X-HubSpot-Signature-v3", sig), header("X-HubSpot-Request-Timestamp", TS_TEXT)};
    struct hubspot_verified out = {0};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 2, B(BODY), INT64_MAX, &out), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 2, B(BODY), INT64_MIN, &out), HUBSPOT_STATUS_OK);
    hubspot_verifier_free(v);
    o = defaults();
    o.tolerance_ms = 0;
    o.max_future_ms = 0;
    v = verifier_with(&o);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 2, B(BODY), TS, &out), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 2, B(BODY), TS + 1, &out), HUBSPOT_STATUS_TIMESTAMP_TOO_OLD);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, 2, B(BODY), TS - 1, &out), HUBSPOT_STATUS_TIMESTAMP_IN_FUTURE);
    hubspot_verifier_free(v);
    o = defaults();
    o.max_body_bytes = 0;
    EXPECT(hubspot_parse(B("[]"), &o, &batch), HUBSPOT_STATUS_BODY_TOO_LARGE);
    EXPECT(hubspot_parse(NULL, 0, &o, &batch), HUBSPOT_STATUS_INVALID_JSON);
    o = defaults();
    o.max_events = 0;
    EXPECT(hubspot_parse(B("[]"), &o, &batch), HUBSPOT_STATUS_OK);
    hubspot_batch_free(batch);
    batch = NULL;
    EXPECT(hubspot_parse(B(BODY), &o, &batch), HUBSPOT_STATUS_INVALID_BATCH);
    o.max_body_bytes = SIZE_MAX;
    o.max_events = SIZE_MAX;
    EXPECT(hubspot_parse(B(BODY), &o, &batch), HUBSPOT_STATUS_OK);
    hubspot_batch_free(batch);
}

/* ---- Many headers, many secrets ---------------------------------------------------------------- */
static void test_many(void) {
    enum { HEADERS = 100000, SECRETS = 1000 };
    struct hubspot_header *h = calloc(HEADERS, sizeof *h);
    struct hubspot_bytes *secrets = calloc(SECRETS, sizeof *secrets);
    if (!h || !secrets) {
        CHECK(0);
        return;
    }
    char sig[45];
    sign_v3(B("POST"), B(URL), B(BODY), sig);
    for (size_t i = 0; i < HEADERS; i++) h[i] = header("X-Forwarded-For", "10.0.0.1");
    h[HEADERS / 2] = header("x-hubspot-signature-v3", sig);
    h[HEADERS - 1] = header("X-HUBSPOT-REQUEST-TIMESTAMP", TS_TEXT);
    for (size_t i = 0; i < SECRETS; i++) secrets[i] = (struct hubspot_bytes){B("some-other-secret")};
    secrets[SECRETS - 1] = (struct hubspot_bytes){B(SECRET)};
    hubspot_verifier *v = NULL;
    EXPECT(hubspot_verifier_new(secrets, SECRETS, NULL, &v), HUBSPOT_STATUS_OK);
    struct hubspot_verified out = {0};
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, HEADERS, B(BODY), NOW, &out), HUBSPOT_STATUS_OK);
    CHECK(out.secret_index == SECRETS - 1);
    hubspot_verifier_free(v);
    v = NULL;
    EXPECT(hubspot_verifier_new(secrets, SECRETS - 1, NULL, &v), HUBSPOT_STATUS_OK);
    EXPECT(hubspot_verifier_verify(v, B("POST"), B(URL), h, HEADERS, B(BODY), NOW, &out), HUBSPOT_STATUS_SIGNATURE_MISMATCH);
    hubspot_verifier_free(v);
    free(h);
    free(secrets);
}

int main(void) {
    test_null_with_length();
    test_null_headers();
    test_null_empty();
    test_huge_lengths();
    test_not_utf8();
    test_small_buffers();
    test_out_of_range();
    test_many();
    printf("c-hostile: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
