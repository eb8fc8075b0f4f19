/* Soak test: one process, one verifier, many verify-and-parse calls on a one-event batch,
 * with resident memory flat after warm-up.
 *
 *   soak ITERATIONS MAX_RSS_GROWTH_KIB     (0: no memory check, for valgrind and ASan runs)
 *
 * Most calls are good deliveries whose events are read (views, integers, the dedup key, the
 * original JSON); one in 16 is forged (signature_mismatch), one in 64 stale
 * (timestamp_too_old), one in 128 a signed body that is not JSON (invalid_json), so the error
 * paths (and the per-thread last-error message) are soaked too. Resident memory is read from
 * /proc/self/statm after a warm-up (a tenth of the calls) and at the end; a leak of even one
 * small allocation per call would grow it by tens of MiB over a million calls, far above the
 * bound. Prints `soak: N passed, N failed`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hubspot_webhooks.h"

#define B(s) ((const uint8_t *)(s)), strlen(s)

static int passed, failed;
static void check(int ok, const char *what) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

static const char *SECRET = "soak-secret-0123456789";
static const char *URL = "https://example.com/hubspot/webhook?portal=1";
static const char *BODY =
    "[{\"eventId\":1030198139,\"subscriptionId\":4578255,\"portalId\":242711451,\"appId\":19635961,"
    "\"occurredAt\":1769081993375,\"subscriptionType\":\"deal.creation\",\"attemptNumber\":0,"
    "\"objectId\":267448862446,\"changeFlag\":\"CREATED\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:52530071\"}]";
static const char *FORGED_BODY =
    "[{\"eventId\":1030198139,\"subscriptionId\":4578255,\"portalId\":242711451,\"appId\":19635961,"
    "\"occurredAt\":1769081993375,\"subscriptionType\":\"deal.creation\",\"attemptNumber\":0,"
    "\"objectId\":267448862447,\"changeFlag\":\"CREATED\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:52530071\"}]";
static const char *NOT_JSON = "[{\"eventId\":1,";
static const int64_t NOW = 1769082000000;

/* Resident memory in KiB (the second field of /proc/self/statm, in pages). */
static long rss_kib(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = -1;
    if (f) {
        if (fscanf(f, "%ld %ld", &size, &resident) != 2) resident = -1;
        fclose(f);
    }
    return resident < 0 ? -1 : resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct signed_req {
    hubspot_signed_headers *owner;
    struct hubspot_header headers[8];
    size_t n;
};

static int sign(struct signed_req *r, const char *body) {
    if (hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), B(body), NOW - 1000, &r->owner) != HUBSPOT_STATUS_OK)
        return 0;
    r->n = hubspot_signed_headers_count(r->owner);
    for (size_t i = 0; i < r->n && i < 8; i++) {
        struct hubspot_str name, value;
        if (hubspot_signed_headers_get(r->owner, i, &name, &value) != HUBSPOT_STATUS_OK) return 0;
        r->headers[i] = (struct hubspot_header){(const uint8_t *)name.ptr, name.len, (const uint8_t *)value.ptr, value.len};
    }
    return 1;
}

/* Counts of wrong outcomes by kind. */
static long wrong_good, wrong_forged, wrong_stale, wrong_json;

static void one_call(const hubspot_verifier *v, const struct signed_req *good, const struct signed_req *junk, long i) {
    hubspot_batch *batch = NULL;
    struct hubspot_verified verified = {0};
    char text[256];
    size_t len = 0;
    if (i % 128 == 127) {
        hubspot_status s = hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), junk->headers, junk->n, B(NOT_JSON), NOW,
                                                             &verified, &batch);
        if (s != HUBSPOT_STATUS_INVALID_JSON || batch != NULL ||
            hubspot_last_error_message(text, sizeof text, &len) != HUBSPOT_STATUS_OK || strncmp(text, "invalid_json", 12) != 0)
            wrong_json++;
    } else if (i % 64 == 63) {
        hubspot_status s = hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), good->headers, good->n, B(BODY),
                                                             NOW + 10 * 60 * 1000, &verified, &batch);
        if (s != HUBSPOT_STATUS_TIMESTAMP_TOO_OLD || batch != NULL || hubspot_last_error_status() != s) wrong_stale++;
    } else if (i % 16 == 15) {
        hubspot_status s = hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), good->headers, good->n, B(FORGED_BODY), NOW,
                                                             &verified, &batch);
        if (s != HUBSPOT_STATUS_SIGNATURE_MISMATCH || batch != NULL ||
            hubspot_last_error_message(text, sizeof text, &len) != HUBSPOT_STATUS_OK ||
            strncmp(text, "signature_mismatch", 18) != 0)
            wrong_forged++;
    } else {
        hubspot_status s = hubspot_verifier_verify_and_parse(v, B("POST"), B(URL), good->headers, good->n, B(BODY), NOW,
                                                             &verified, &batch);
        struct hubspot_str object_type = {0}, raw = {0}, source = {0};
        int64_t object_id = 0;
        bool present = false;
        int ok = s == HUBSPOT_STATUS_OK && hubspot_batch_count(batch) == 1 && verified.secret_index == 1 &&
                 verified.version == HUBSPOT_SIGNATURE_VERSION_V3 &&
                 hubspot_event_object_type(batch, 0, &object_type) == HUBSPOT_STATUS_OK && object_type.len == 4 &&
                 memcmp(object_type.ptr, "deal", 4) == 0 &&
                 hubspot_event_i64(batch, 0, HUBSPOT_FIELD_OBJECT_ID, &object_id, &present) == HUBSPOT_STATUS_OK &&
                 present && object_id == 267448862446LL &&
                 hubspot_event_str(batch, 0, HUBSPOT_FIELD_SOURCE_ID, &source) == HUBSPOT_STATUS_OK && source.len == 15 &&
                 hubspot_event_raw_json(batch, 0, &raw) == HUBSPOT_STATUS_OK && raw.len == strlen(BODY) - 2 &&
                 hubspot_event_dedup_key(batch, 0, text, sizeof text, &len) == HUBSPOT_STATUS_OK && len > 10;
        if (!ok) wrong_good++;
    }
    hubspot_batch_free(batch);
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? atol(argv[1]) : 100000;
    long max_growth_kib = argc > 2 ? atol(argv[2]) : 0;
    if (iterations < 1000) iterations = 1000;

    struct hubspot_bytes secrets[2] = {{B("an-older-secret")}, {B(SECRET)}};
    hubspot_verifier *v = NULL;
    check(hubspot_verifier_new(secrets, 2, NULL, &v) == HUBSPOT_STATUS_OK, "verifier");
    struct signed_req good = {0}, junk = {0};
    check(sign(&good, BODY) && sign(&junk, NOT_JSON), "signed headers");
    if (failed) return 1;

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long warm = iterations / 10;
    for (long i = 0; i < warm; i++) one_call(v, &good, &junk, i);
    long rss_warm = rss_kib();
    long rss_max = rss_warm;
    for (long i = warm; i < iterations; i++) {
        one_call(v, &good, &junk, i);
        if (i % 65536 == 0) {
            long now = rss_kib();
            if (now > rss_max) rss_max = now;
        }
    }
    long rss_end = rss_kib();
    if (rss_end > rss_max) rss_max = rss_end;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    check(wrong_good == 0, "every good delivery verified and read correctly");
    check(wrong_forged == 0, "every forged delivery gave signature_mismatch");
    check(wrong_stale == 0, "every stale delivery gave timestamp_too_old");
    check(wrong_json == 0, "every signed non-JSON body gave invalid_json");
    if (wrong_good + wrong_forged + wrong_stale + wrong_json)
        printf("wrong outcomes: good %ld, forged %ld, stale %ld, json %ld\n", wrong_good, wrong_forged, wrong_stale, wrong_json);
    printf("soak: %ld calls in %.2f s (%.2f us/call); rss after warm-up %ld KiB, max %ld KiB, end %ld KiB\n", iterations,
           seconds, seconds * 1e6 / (double)iterations, rss_warm, rss_max, rss_end);
    if (max_growth_kib > 0) {
        check(rss_warm > 0, "rss readable from /proc/self/statm");
        check(rss_max - rss_warm <= max_growth_kib, "rss flat after warm-up");
        printf("soak: rss growth after warm-up %ld KiB (bound %ld KiB)\n", rss_max - rss_warm, max_growth_kib);
    }
    hubspot_signed_headers_free(good.owner);
    hubspot_signed_headers_free(junk.owner);
    hubspot_verifier_free(v);
    printf("soak: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
