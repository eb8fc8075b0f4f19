/* Custom Channels quick start: one endpoint receives both shapes of HubSpot delivery.
 * Build: cc example_channel.c $(pkg-config --cflags --libs hubspot_webhooks) */
#include <stdio.h>
#include <string.h>

#include "hubspot_webhooks.h"

#define P(s) (const uint8_t *)(s), strlen(s)

/* Your endpoint: verify, then tell the two shapes apart. Returns the HTTP status to answer. */
static int receive(const hubspot_verifier *verifier, struct hubspot_str method, struct hubspot_str url,
                   const struct hubspot_header *headers, size_t n_headers, struct hubspot_str body) {
    hubspot_batch *delivery = NULL;
    hubspot_status status = hubspot_verifier_verify_and_parse(verifier, (const uint8_t *)method.ptr, method.len,
                                                              (const uint8_t *)url.ptr, url.len, headers, n_headers,
                                                              (const uint8_t *)body.ptr, body.len, hubspot_now_ms(),
                                                              NULL, &delivery);
    if (status != HUBSPOT_STATUS_OK) return hubspot_status_http_status(status); /* 401, 400, ... */
    if (hubspot_batch_kind(delivery) == HUBSPOT_DELIVERY_KIND_CHANNEL) {
        struct hubspot_str type, text, to;
        char key[128];
        size_t key_len;
        hubspot_channel_str(delivery, P("/type"), &type);
        hubspot_channel_str(delivery, P("/message/text"), &text); /* ptr NULL when absent */
        hubspot_channel_str(delivery, P("/message/recipients/0/deliveryIdentifier/value"), &to);
        hubspot_channel_dedup_key(delivery, key, sizeof key, &key_len);
        printf("%.*s to %.*s: %.*s (%s)\n", (int)type.len, type.ptr, (int)to.len, to.ptr ? to.ptr : "",
               (int)text.len, text.ptr ? text.ptr : "", key);
    } else {
        printf("a batch of %zu events\n", hubspot_batch_count(delivery));
    }
    hubspot_batch_free(delivery);
    return 204;
}

int main(void) {
    const char *secret = "my-client-secret";
    struct hubspot_bytes secrets[] = {{P(secret)}};
    hubspot_verifier *verifier = NULL;
    if (hubspot_verifier_new(secrets, 1, NULL, &verifier) != HUBSPOT_STATUS_OK) return 1;

    /* Testing without HubSpot: deliveries as HubSpot sends them, signed with your secret. */
    const char *types[] = {"OUTGOING_CHANNEL_MESSAGE_CREATED", "contact.creation"};
    int answers = 0;
    for (size_t i = 0; i < 2; i++) {
        struct hubspot_bytes type[] = {{P(types[i])}};
        hubspot_fixture *fixture = NULL;
        if (hubspot_fixture_new(type, 1, P(secret), hubspot_now_ms(), NULL, &fixture) != HUBSPOT_STATUS_OK) return 1;
        struct hubspot_str method, url, body;
        const struct hubspot_header *headers;
        size_t n_headers;
        hubspot_fixture_request(fixture, &method, &url, &body);
        hubspot_fixture_headers(fixture, &headers, &n_headers);
        answers += receive(verifier, method, url, headers, n_headers, body) == 204;
        hubspot_fixture_free(fixture);
    }
    hubspot_verifier_free(verifier);
    return answers == 2 ? 0 : 1;
}
