/* `make bench-c`: the library through its C API against a hand-written C receiver (OpenSSL HMAC
 * + cJSON, peer_receiver.c), on the same signed requests. Prints per case
 * `bench c <case>: ours <us> us, peer <us> us, ratio <ours/peer>` (medians of interleaved samples). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hubspot_webhooks.h"
#include "peer_receiver.h"

static const char *SECRET = "bench-client-secret-2f9c61aa";
static const char *URL = "https://hooks.example.com/hubspot/webhook";
static const int64_t NOW = 1769081994066;

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = 0;
    fclose(f);
    return buf;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

struct bench_case {
    const char *body;
    size_t body_len;
    int parse;
    hubspot_verifier *verifier;
    struct hubspot_header headers[8];
    struct peer_header peer_headers[8];
    size_t n_headers;
};

static volatile size_t sink;

static int run_ours(struct bench_case *c) {
    if (!c->parse) {
        struct hubspot_verified v;
        return hubspot_verifier_verify(c->verifier, (const uint8_t *)"POST", 4, (const uint8_t *)URL, strlen(URL), c->headers,
                                       c->n_headers, (const uint8_t *)c->body, c->body_len, NOW, &v) == HUBSPOT_STATUS_OK;
    }
    hubspot_batch *b = NULL;
    hubspot_status s = hubspot_verifier_verify_and_parse(c->verifier, (const uint8_t *)"POST", 4, (const uint8_t *)URL,
                                                         strlen(URL), c->headers, c->n_headers, (const uint8_t *)c->body,
                                                         c->body_len, NOW, NULL, &b);
    sink += hubspot_batch_count(b);
    hubspot_batch_free(b);
    return s == HUBSPOT_STATUS_OK;
}

static int run_peer(struct bench_case *c) {
    if (!c->parse) return peer_verify("POST", URL, c->peer_headers, c->n_headers, c->body, c->body_len, NOW) == 0;
    struct peer_batch b;
    if (peer_verify_and_parse("POST", URL, c->peer_headers, c->n_headers, c->body, c->body_len, NOW, &b) != 0) return 0;
    sink += b.count;
    peer_batch_free(&b);
    return 1;
}

/* Seconds per call of one sample of `iters` calls. */
static double sample(int (*f)(struct bench_case *), struct bench_case *c, long iters) {
    double t0 = now_s();
    for (long i = 0; i < iters; i++) f(c);
    return (now_s() - t0) / (double)iters;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static long calibrate(int (*f)(struct bench_case *), struct bench_case *c) {
    long iters = 1;
    while (1) {
        double t0 = now_s();
        for (long i = 0; i < iters; i++) f(c);
        if (now_s() - t0 > 0.02) return iters;
        iters *= 2;
    }
}

int main(int argc, char **argv) {
    const char *data = argc > 1 ? argv[1] : "tests/data";
    char path[1024];
    size_t len100, len1;
    snprintf(path, sizeof path, "%s/batch_100.json", data);
    char *batch100 = read_file(path, &len100);
    snprintf(path, sizeof path, "%s/batch_1.json", data);
    char *batch1 = read_file(path, &len1);
    if (!batch100 || !batch1) {
        fprintf(stderr, "bench c: cannot read %s/batch_{100,1}.json\n", data);
        return 1;
    }
    if (peer_init(SECRET, strlen(SECRET)) != 0) return 1;
    struct hubspot_bytes secret = {(const uint8_t *)SECRET, strlen(SECRET)};
    hubspot_verifier *verifier = NULL;
    if (hubspot_verifier_new(&secret, 1, NULL, &verifier) != HUBSPOT_STATUS_OK) return 1;

    struct {
        const char *name;
        const char *body;
        size_t len;
        int parse;
    } cases[] = {{"verify/100", batch100, len100, 0}, {"verify+parse/100", batch100, len100, 1}, {"verify+parse/1", batch1, len1, 1}};
    int status = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct bench_case c = {cases[k].body, cases[k].len, cases[k].parse, verifier, {{0}}, {{0}}, 0};
        hubspot_signed_headers *h = NULL;
        hubspot_signed_headers_new((const uint8_t *)SECRET, strlen(SECRET), (const uint8_t *)"POST", 4, (const uint8_t *)URL,
                                   strlen(URL), (const uint8_t *)c.body, c.body_len, NOW - 700, &h);
        c.n_headers = hubspot_signed_headers_count(h);
        for (size_t i = 0; i < c.n_headers && i < 8; i++) {
            struct hubspot_str name, value;
            hubspot_signed_headers_get(h, i, &name, &value);
            c.headers[i] = (struct hubspot_header){(const uint8_t *)name.ptr, name.len, (const uint8_t *)value.ptr, value.len};
            c.peer_headers[i] = (struct peer_header){name.ptr, name.len, value.ptr, value.len};
        }
        if (!run_ours(&c) || !run_peer(&c)) {
            fprintf(stderr, "bench c %s: a receiver rejected the request\n", cases[k].name);
            status = 1;
        } else {
            enum { SAMPLES = 15 };
            double ours[SAMPLES], peer[SAMPLES];
            long iters_ours = calibrate(run_ours, &c), iters_peer = calibrate(run_peer, &c);
            for (int s = 0; s < SAMPLES; s++) {
                ours[s] = sample(run_ours, &c, iters_ours);
                peer[s] = sample(run_peer, &c, iters_peer);
            }
            qsort(ours, SAMPLES, sizeof(double), compare_doubles);
            qsort(peer, SAMPLES, sizeof(double), compare_doubles);
            double o = ours[SAMPLES / 2] * 1e6, p = peer[SAMPLES / 2] * 1e6;
            printf("bench c %s: ours %.2f us, peer %.2f us, ratio %.2f\n", cases[k].name, o, p, o / p);
        }
        hubspot_signed_headers_free(h);
    }
    hubspot_verifier_free(verifier);
    peer_cleanup();
    free(batch100);
    free(batch1);
    return status;
}
