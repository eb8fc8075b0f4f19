/* The benchmark's peer receiver: v3 verification with OpenSSL (HMAC-SHA256 via EVP_MAC,
 * base64, CRYPTO_memcmp) and batch parsing with cJSON into a struct per event, with the same
 * checks the library makes on the bench path (headers, timestamp window, required fields). */
#define _GNU_SOURCE
#include "peer_receiver.h"

#include <cjson/cJSON.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static EVP_MAC *mac;
static EVP_MAC_CTX *base_ctx; /* keyed once, duplicated per request */

int peer_init(const char *secret, size_t secret_len) {
    mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (!mac) return -1;
    base_ctx = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA256", 0), OSSL_PARAM_construct_end()};
    return base_ctx && EVP_MAC_init(base_ctx, (const unsigned char *)secret, secret_len, params) ? 0 : -1;
}

void peer_cleanup(void) {
    EVP_MAC_CTX_free(base_ctx);
    EVP_MAC_free(mac);
}

static const struct peer_header *find(const struct peer_header *h, size_t n, const char *name) {
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++)
        if (h[i].name_len == len && strncasecmp(h[i].name, name, len) == 0) return &h[i];
    return NULL;
}

int peer_verify(const char *method, const char *url, const struct peer_header *headers, size_t n_headers,
                const char *body, size_t body_len, int64_t now_ms) {
    if (body_len > 10 * 1024 * 1024) return -1;
    const struct peer_header *sig = find(headers, n_headers, "X-HubSpot-Signature-v3");
    const struct peer_header *ts = find(headers, n_headers, "X-HubSpot-Request-Timestamp");
    if (!sig || !ts || sig->value_len != 44 || ts->value_len == 0 || ts->value_len > 19) return -1;
    int64_t t = 0;
    for (size_t i = 0; i < ts->value_len; i++) {
        if (ts->value[i] < '0' || ts->value[i] > '9') return -1;
        t = t * 10 + (ts->value[i] - '0');
    }
    if (now_ms - t > 300000 || t - now_ms > 300000) return -1;
    /* The URL has no percent-encodings to decode in the bench; a real receiver must apply
     * HubSpot's decode table here. */
    if (strchr(url, '%')) return -1;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_dup(base_ctx);
    unsigned char digest[32];
    size_t digest_len = 0;
    int ok = ctx && EVP_MAC_update(ctx, (const unsigned char *)method, strlen(method)) &&
             EVP_MAC_update(ctx, (const unsigned char *)url, strlen(url)) &&
             EVP_MAC_update(ctx, (const unsigned char *)body, body_len) &&
             EVP_MAC_update(ctx, (const unsigned char *)ts->value, ts->value_len) &&
             EVP_MAC_final(ctx, digest, &digest_len, sizeof digest);
    EVP_MAC_CTX_free(ctx);
    if (!ok) return -1;
    unsigned char b64[45];
    EVP_EncodeBlock(b64, digest, 32);
    return CRYPTO_memcmp(b64, sig->value, 44) == 0 ? 0 : -1;
}

static int get_int(const cJSON *o, const char *key, int64_t *out, int required) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v || cJSON_IsNull(v)) {
        *out = 0;
        return required ? -1 : 0;
    }
    if (!cJSON_IsNumber(v)) return -1;
    *out = (int64_t)v->valuedouble;
    return 0;
}

static const char *get_str(const cJSON *o, const char *key) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

int peer_verify_and_parse(const char *method, const char *url, const struct peer_header *headers, size_t n_headers,
                          const char *body, size_t body_len, int64_t now_ms, struct peer_batch *out) {
    if (peer_verify(method, url, headers, n_headers, body, body_len, now_ms) != 0) return -1;
    cJSON *root = cJSON_ParseWithLength(body, body_len);
    if (!cJSON_IsArray(root)) {
        cJSON_Delete(root);
        return -1;
    }
    size_t n = (size_t)cJSON_GetArraySize(root);
    struct peer_event *events = calloc(n ? n : 1, sizeof *events);
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        struct peer_event *e = &events[i++];
        if (!cJSON_IsObject(item)) goto fail;
        e->subscription_type = get_str(item, "subscriptionType");
        if (!e->subscription_type) e->subscription_type = get_str(item, "eventType");
        if (!e->subscription_type || get_int(item, "eventId", &e->event_id, 1) || get_int(item, "portalId", &e->portal_id, 1) ||
            get_int(item, "appId", &e->app_id, 1) || get_int(item, "occurredAt", &e->occurred_at, 1) ||
            get_int(item, "attemptNumber", &e->attempt_number, 1) || get_int(item, "subscriptionId", &e->subscription_id, 0) ||
            get_int(item, "objectId", &e->object_id, 0))
            goto fail;
        e->property_name = get_str(item, "propertyName");
        e->property_value = get_str(item, "propertyValue");
        e->change_source = get_str(item, "changeSource");
        e->change_flag = get_str(item, "changeFlag");
        e->message_id = get_str(item, "messageId");
        e->message_type = get_str(item, "messageType");
    }
    out->json = root;
    out->events = events;
    out->count = n;
    return 0;
fail:
    free(events);
    cJSON_Delete(root);
    return -1;
}

void peer_batch_free(struct peer_batch *batch) {
    cJSON_Delete(batch->json);
    free(batch->events);
    batch->json = NULL;
    batch->events = NULL;
}
