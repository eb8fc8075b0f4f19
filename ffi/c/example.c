/* C quick start: verify a HubSpot webhook request and read its events.
 * Build: cc example.c $(pkg-config --cflags --libs hubspot_webhooks) */
#include <stdio.h>
#include <string.h>

#include "hubspot_webhooks.h"

#define BYTES(s) (const uint8_t *)(s), strlen(s)

int main(void) {
    const char *secret = "my-client-secret";
    const char *url = "https://example.com/hubspot/webhook"; /* the public URL HubSpot called */
    const char *body = "[{\"eventId\":1,\"subscriptionId\":2,\"portalId\":3,\"appId\":4,\"occurredAt\":1700000000000,"
                       "\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,\"objectId\":123,"
                       "\"propertyName\":\"email\",\"propertyValue\":\"ada@example.com\"}]";
    int64_t now_ms = hubspot_now_ms();

    /* Once, at startup: a verifier for your app's client secret(s). Thread-safe. */
    struct hubspot_bytes secrets[] = {{BYTES(secret)}};
    hubspot_verifier *verifier = NULL;
    if (hubspot_verifier_new(secrets, 1, NULL /* default options */, &verifier) != HUBSPOT_STATUS_OK) return 1;

    /* In a test, sign the body as HubSpot would; in your server, take the request's headers. */
    hubspot_signed_headers *signed_headers = NULL;
    hubspot_signed_headers_new(BYTES(secret), BYTES("POST"), BYTES(url), BYTES(body), now_ms, &signed_headers);
    struct hubspot_header headers[8];
    size_t n_headers = hubspot_signed_headers_count(signed_headers);
    for (size_t i = 0; i < n_headers && i < 8; i++) {
        struct hubspot_str name, value;
        hubspot_signed_headers_get(signed_headers, i, &name, &value);
        headers[i] = (struct hubspot_header){(const uint8_t *)name.ptr, name.len, (const uint8_t *)value.ptr, value.len};
    }

    /* Per request: verify the signature and parse the events. */
    hubspot_batch *batch = NULL;
    struct hubspot_verified verified;
    hubspot_status status = hubspot_verifier_verify_and_parse(verifier, BYTES("POST"), BYTES(url), headers, n_headers,
                                                              BYTES(body), now_ms, &verified, &batch);
    if (status != HUBSPOT_STATUS_OK) {
        char message[512];
        size_t len;
        hubspot_last_error_message(message, sizeof message, &len);
        /* Answer what every binding answers: 401, 413, 400 or 500, from the core's policy. */
        fprintf(stderr, "rejected (%s, answer %u): %s\n", hubspot_status_code(status),
                (unsigned)hubspot_status_http_status(status), message);
    } else {
        printf("verified %s with secret %zu\n", hubspot_signature_version_str(verified.version), verified.secret_index);
        for (size_t i = 0; i < hubspot_batch_count(batch); i++) {
            struct hubspot_str object_type, action, value;
            int64_t object_id;
            bool has_object_id;
            hubspot_event_object_type(batch, i, &object_type);
            hubspot_event_action(batch, i, &action);
            hubspot_event_i64(batch, i, HUBSPOT_FIELD_OBJECT_ID, &object_id, &has_object_id);
            hubspot_event_str(batch, i, HUBSPOT_FIELD_PROPERTY_VALUE, &value);
            /* Views are not NUL-terminated: print them with %.*s. */
            printf("%.*s %.*s id=%lld value=%.*s\n", (int)object_type.len, object_type.ptr, (int)action.len, action.ptr,
                   (long long)object_id, (int)value.len, value.ptr ? value.ptr : "");
        }
    }

    /* Everything the library made, the library frees (NULL is fine). */
    hubspot_batch_free(batch);
    hubspot_signed_headers_free(signed_headers);
    hubspot_verifier_free(verifier);
    return status == HUBSPOT_STATUS_OK ? 0 : 1;
}
