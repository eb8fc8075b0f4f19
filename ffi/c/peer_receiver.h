/* The benchmark's peer: a hand-written C receiver doing the same job as the library with
 * OpenSSL's HMAC and cJSON (what a C service would write without this library). */
#ifndef PEER_RECEIVER_H
#define PEER_RECEIVER_H
#include <stddef.h>
#include <stdint.h>

struct peer_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
};

struct peer_event {
    const char *subscription_type;
    int64_t event_id, subscription_id, portal_id, app_id, occurred_at, attempt_number, object_id;
    const char *property_name, *property_value, *change_source, *change_flag, *message_id, *message_type;
};

struct peer_batch {
    void *json; /* the cJSON tree the strings point into */
    struct peer_event *events;
    size_t count;
};

/* 0 on success. */
int peer_init(const char *secret, size_t secret_len);
void peer_cleanup(void);
int peer_verify(const char *method, const char *url, const struct peer_header *headers, size_t n_headers,
                const char *body, size_t body_len, int64_t now_ms);
int peer_verify_and_parse(const char *method, const char *url, const struct peer_header *headers, size_t n_headers,
                          const char *body, size_t body_len, int64_t now_ms, struct peer_batch *out);
void peer_batch_free(struct peer_batch *batch);
#endif
