/* Concurrency test: one verifier and one parsed batch used from several threads at once.
 *
 *   threads [THREADS [ROUNDS]]     (default 8 threads, 2000 rounds each)
 *
 * The threads start together (a barrier) and each runs a different mix of good, forged
 * (signature_mismatch), stale (timestamp_too_old), future (timestamp_in_future) and
 * unsigned (missing_signature) requests through verify and verify-and-parse, checks every
 * status, the matched secret, the events, and that its last error (per thread) is its own
 * call's. Meanwhile every thread also reads one shared batch (views, integers, dedup keys).
 * Built plain, under valgrind, with ASan+UBSan and with ThreadSanitizer by run-tests.sh.
 * Prints `threads: N passed, N failed`. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubspot_webhooks.h"

#define B(s) ((const uint8_t *)(s)), strlen(s)

static const char *SECRET = "thread-secret-abcdef";
static const char *URL = "https://example.com/hooks";
static const int64_t NOW = 1769082000000;

/* One signed body per thread (its own event id), so a thread reading another's result would
 * show. */
struct request {
    char body[512];
    hubspot_signed_headers *owner;
    struct hubspot_header headers[8];
    size_t n;
    struct hubspot_header v3_only[2]; /* the v3 signature and timestamp */
};

struct worker {
    int id;
    const hubspot_verifier *verifier;
    const hubspot_batch *shared;
    const char *shared_key;
    pthread_barrier_t *start;
    struct request req;
    long rounds;
    long calls;
    long wrong;
    char first_wrong[256];
};

static void wrong(struct worker *w, long round, const char *what, hubspot_status got) {
    if (w->wrong++ == 0)
        snprintf(w->first_wrong, sizeof w->first_wrong, "thread %d round %ld: %s (got %s)", w->id, round, what,
                 hubspot_status_code(got));
}

/* The thread's last error must be exactly the status of its own last call. */
static int last_error_is(hubspot_status expected, const char *code) {
    char message[512];
    size_t len = 0;
    if (hubspot_last_error_status() != expected) return 0;
    if (hubspot_last_error_message(message, sizeof message, &len) != HUBSPOT_STATUS_OK) return 0;
    return code == NULL ? len == 0 : strncmp(message, code, strlen(code)) == 0;
}

static void *work(void *arg) {
    struct worker *w = arg;
    const struct request *r = &w->req;
    pthread_barrier_wait(w->start);
    for (long round = 0; round < w->rounds; round++) {
        long kind = (round + w->id) % 6;
        struct hubspot_verified verified = {0};
        hubspot_batch *batch = NULL;
        hubspot_status s;
        w->calls++;
        switch (kind) {
        case 0: /* good, verify and parse */
        case 1: {
            s = hubspot_verifier_verify_and_parse(w->verifier, B("POST"), B(URL), r->headers, r->n, B(r->body), NOW, &verified,
                                                  &batch);
            int64_t event_id = -1;
            bool present = false;
            if (s != HUBSPOT_STATUS_OK || verified.secret_index != 2 || verified.version != HUBSPOT_SIGNATURE_VERSION_V3 ||
                hubspot_batch_count(batch) != 1 ||
                hubspot_event_i64(batch, 0, HUBSPOT_FIELD_EVENT_ID, &event_id, &present) != HUBSPOT_STATUS_OK ||
                event_id != 1000 + w->id || !last_error_is(HUBSPOT_STATUS_OK, NULL))
                wrong(w, round, "good delivery", s);
            break;
        }
        case 2: /* good, verify only (v3 headers only) */
            s = hubspot_verifier_verify(w->verifier, B("POST"), B(URL), r->v3_only, 2, B(r->body), NOW, &verified);
            if (s != HUBSPOT_STATUS_OK || verified.secret_index != 2) wrong(w, round, "good verify", s);
            break;
        case 3: { /* forged: another thread's body under this thread's signature */
            char forged[512];
            memcpy(forged, r->body, sizeof forged);
            char *digit = strstr(forged, "\"eventId\":10") + 12;
            *digit = (char)(*digit == '9' ? '8' : '9');
            s = hubspot_verifier_verify_and_parse(w->verifier, B("POST"), B(URL), r->headers, r->n, B(forged), NOW, &verified,
                                                  &batch);
            if (s != HUBSPOT_STATUS_SIGNATURE_MISMATCH || batch != NULL ||
                !last_error_is(HUBSPOT_STATUS_SIGNATURE_MISMATCH, "signature_mismatch"))
                wrong(w, round, "forged delivery", s);
            break;
        }
        case 4: /* stale, then from the future */
            s = hubspot_verifier_verify(w->verifier, B("POST"), B(URL), r->v3_only, 2, B(r->body), NOW + 6 * 60 * 1000,
                                        &verified);
            if (s != HUBSPOT_STATUS_TIMESTAMP_TOO_OLD || !last_error_is(s, "timestamp_too_old"))
                wrong(w, round, "stale delivery", s);
            s = hubspot_verifier_verify(w->verifier, B("POST"), B(URL), r->v3_only, 2, B(r->body), NOW - 6 * 60 * 1000,
                                        &verified);
            if (s != HUBSPOT_STATUS_TIMESTAMP_IN_FUTURE || !last_error_is(s, "timestamp_in_future"))
                wrong(w, round, "future delivery", s);
            break;
        default: /* no signature at all */
            s = hubspot_verifier_verify_and_parse(w->verifier, B("POST"), B(URL), NULL, 0, B(r->body), NOW, NULL, &batch);
            if (s != HUBSPOT_STATUS_MISSING_SIGNATURE || batch != NULL || !last_error_is(s, "missing_signature"))
                wrong(w, round, "unsigned delivery", s);
            break;
        }
        hubspot_batch_free(batch);

        /* The shared batch, read by every thread at once. */
        struct hubspot_str action = {0};
        char key[128];
        size_t key_len = 0;
        size_t i = (size_t)(round % 3);
        if (hubspot_event_action(w->shared, i, &action) != HUBSPOT_STATUS_OK || action.len != 8 ||
            memcmp(action.ptr, "creation", 8) != 0 ||
            hubspot_event_dedup_key(w->shared, 0, key, sizeof key, &key_len) != HUBSPOT_STATUS_OK ||
            strcmp(key, w->shared_key) != 0)
            wrong(w, round, "shared batch read", HUBSPOT_STATUS_OK);
    }
    return NULL;
}

int main(int argc, char **argv) {
    int n_threads = argc > 1 ? atoi(argv[1]) : 8;
    long rounds = argc > 2 ? atol(argv[2]) : 2000;
    if (n_threads < 2 || n_threads > 64) n_threads = 8;
    int passed = 0, failed = 0;

    /* Three secrets (a rotation); the current one is last. */
    struct hubspot_bytes secrets[3] = {{B("retired-secret-1")}, {B("retired-secret-2")}, {B(SECRET)}};
    hubspot_verifier *verifier = NULL;
    if (hubspot_verifier_new(secrets, 3, NULL, &verifier) != HUBSPOT_STATUS_OK) return 1;
    const char *shared_body =
        "[{\"eventId\":1,\"portalId\":2,\"appId\":3,\"occurredAt\":4,\"subscriptionType\":\"deal.creation\",\"attemptNumber\":0},"
        "{\"eventId\":5,\"portalId\":2,\"appId\":3,\"occurredAt\":4,\"subscriptionType\":\"ticket.creation\",\"attemptNumber\":0},"
        "{\"eventId\":6,\"portalId\":2,\"appId\":3,\"occurredAt\":4,\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0}]";
    hubspot_batch *shared = NULL;
    if (hubspot_verifier_parse(verifier, B(shared_body), &shared) != HUBSPOT_STATUS_OK) return 1;
    char shared_key[128];
    size_t shared_key_len = 0;
    if (hubspot_event_dedup_key(shared, 0, shared_key, sizeof shared_key, &shared_key_len) != HUBSPOT_STATUS_OK) return 1;

    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)n_threads);
    struct worker *workers = calloc((size_t)n_threads, sizeof *workers);
    pthread_t *threads = calloc((size_t)n_threads, sizeof *threads);
    if (!workers || !threads) return 1;
    for (int t = 0; t < n_threads; t++) {
        struct worker *w = &workers[t];
        *w = (struct worker){.id = t, .verifier = verifier, .shared = shared, .shared_key = shared_key, .start = &start,
                             .rounds = rounds};
        snprintf(w->req.body, sizeof w->req.body,
                 "[{\"eventId\":%d,\"subscriptionId\":7,\"portalId\":8,\"appId\":9,\"occurredAt\":1769081990000,"
                 "\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,\"objectId\":%d,"
                 "\"propertyName\":\"email\",\"propertyValue\":\"t%d@example.com\"}]",
                 1000 + t, 5000 + t, t);
        if (hubspot_signed_headers_new(B(SECRET), B("POST"), B(URL), B(w->req.body), NOW - 2000, &w->req.owner) !=
            HUBSPOT_STATUS_OK)
            return 1;
        w->req.n = hubspot_signed_headers_count(w->req.owner);
        size_t v3 = 0;
        for (size_t i = 0; i < w->req.n && i < 8; i++) {
            struct hubspot_str name, value;
            hubspot_signed_headers_get(w->req.owner, i, &name, &value);
            w->req.headers[i] = (struct hubspot_header){(const uint8_t *)name.ptr, name.len, (const uint8_t *)value.ptr, value.len};
            if ((strcmp(name.ptr, "X-HubSpot-Signature-v3") == 0 || strcmp(name.ptr, "X-HubSpot-Request-Timestamp") == 0) && v3 < 2)
                w->req.v3_only[v3++] = w->req.headers[i];
        }
        if (v3 != 2) return 1;
    }
    /* The main thread's own last error, which no worker may disturb. */
    hubspot_batch *none = NULL;
    hubspot_status mine = hubspot_parse(B("{}"), NULL, &none);

    for (int t = 0; t < n_threads; t++)
        if (pthread_create(&threads[t], NULL, work, &workers[t]) != 0) return 1;
    long calls = 0;
    for (int t = 0; t < n_threads; t++) {
        pthread_join(threads[t], NULL);
        calls += workers[t].calls;
        if (workers[t].wrong == 0 && workers[t].calls == rounds) {
            passed++;
        } else {
            failed++;
            printf("FAIL %ld wrong results; first: %s\n", workers[t].wrong, workers[t].first_wrong);
        }
    }
    if (mine == HUBSPOT_STATUS_INVALID_BATCH && hubspot_last_error_status() == HUBSPOT_STATUS_INVALID_BATCH) {
        passed++;
    } else {
        failed++;
        printf("FAIL the main thread's last error changed\n");
    }
    for (int t = 0; t < n_threads; t++) hubspot_signed_headers_free(workers[t].req.owner);
    hubspot_batch_free(shared);
    hubspot_verifier_free(verifier);
    pthread_barrier_destroy(&start);
    free(workers);
    free(threads);
    printf("threads: %d threads x %ld rounds on one verifier and one batch (%ld calls)\n", n_threads, rounds, calls);
    printf("threads: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
