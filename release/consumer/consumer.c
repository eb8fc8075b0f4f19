/* A program that uses the installed C library the way a user's does: `make test-dist` builds it
 * against an unpacked release tarball with pkg-config and with CMake, linked shared and static,
 * and runs it. It signs a delivery as HubSpot does, verifies and parses it, and checks that a
 * forged body is refused. Exit status 0 only when every step did what it should. */
#include <stdio.h>
#include <string.h>

#include "hubspot_webhooks.h"

#define BYTES(s) (const uint8_t *)(s), strlen(s)

static int fail(const char *what, hubspot_status status) {
    fprintf(stderr, "consumer: %s failed: %s\n", what, hubspot_status_code(status));
    return 1;
}

int main(void) {
    const char *secret = "consumer-secret";
    const char *url = "https://hooks.example.com/hubspot/webhook?portal=62515";
    const char *body =
        "[{\"eventId\":1,\"subscriptionId\":2,\"portalId\":62515,\"appId\":3,\"occurredAt\":1700000000000,"
        "\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,\"objectId\":123}]";
    const char *forged = "[]";
    const int64_t now_ms = 1700000000000;

    hubspot_signed_headers *signed_headers = NULL;
    hubspot_status status = hubspot_signed_headers_new(BYTES(secret), BYTES("POST"), BYTES(url), BYTES(body), now_ms,
                                                       &signed_headers);
    if (status != HUBSPOT_STATUS_OK) return fail("hubspot_signed_headers_new", status);
    hubspot_header headers[8];
    size_t n_headers = hubspot_signed_headers_count(signed_headers);
    if (n_headers == 0 || n_headers > 8) return fail("hubspot_signed_headers_count", HUBSPOT_STATUS_OK);
    for (size_t i = 0; i < n_headers; i++) {
        hubspot_str name, value;
        status = hubspot_signed_headers_get(signed_headers, i, &name, &value);
        if (status != HUBSPOT_STATUS_OK) return fail("hubspot_signed_headers_get", status);
        headers[i].name = (const uint8_t *)name.ptr;
        headers[i].name_len = name.len;
        headers[i].value = (const uint8_t *)value.ptr;
        headers[i].value_len = value.len;
    }

    hubspot_bytes secrets[] = {{BYTES(secret)}};
    hubspot_verifier *verifier = NULL;
    status = hubspot_verifier_new(secrets, 1, NULL, &verifier);
    if (status != HUBSPOT_STATUS_OK) return fail("hubspot_verifier_new", status);

    hubspot_batch *batch = NULL;
    status = hubspot_verifier_verify_and_parse(verifier, BYTES("POST"), BYTES(url), headers, n_headers, BYTES(body),
                                               now_ms, NULL, &batch);
    if (status != HUBSPOT_STATUS_OK) return fail("verifying the signed delivery", status);
    size_t events = hubspot_batch_count(batch);
    hubspot_str object_type;
    status = hubspot_event_object_type(batch, 0, &object_type);
    if (status != HUBSPOT_STATUS_OK || events != 1) return fail("reading the event", status);

    hubspot_batch *forged_batch = NULL;
    hubspot_status refused = hubspot_verifier_verify_and_parse(verifier, BYTES("POST"), BYTES(url), headers, n_headers,
                                                               BYTES(forged), now_ms, NULL, &forged_batch);
    if (refused != HUBSPOT_STATUS_SIGNATURE_MISMATCH) return fail("refusing a forged body", refused);

    printf("consumer: hubspot-webhooks %s, %zu event (%.*s), forged body refused (%s)\n", hubspot_version(), events,
           (int)object_type.len, object_type.ptr, hubspot_status_code(refused));
    hubspot_batch_free(forged_batch);
    hubspot_batch_free(batch);
    hubspot_verifier_free(verifier);
    hubspot_signed_headers_free(signed_headers);
    return 0;
}
