/* The check counter of the C test programs: CHECK(cond) counts a pass or prints the failed
 * condition with its line; CHECK_STATUS(call, status) also prints the status it got and the
 * last error; each program ends by printing `<name>: N passed, N failed`. */
#ifndef HUBSPOT_WEBHOOKS_TEST_CHECK_H
#define HUBSPOT_WEBHOOKS_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "hubspot_webhooks.h"

static int passed, failed;

#define CHECK(cond)                                                    \
    do {                                                               \
        if (cond) {                                                    \
            passed++;                                                  \
        } else {                                                       \
            failed++;                                                  \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);     \
        }                                                              \
    } while (0)

#define CHECK_STATUS(call, expected)                                                              \
    do {                                                                                          \
        hubspot_status got_ = (call);                                                             \
        if (got_ == (expected)) {                                                                 \
            passed++;                                                                             \
        } else {                                                                                  \
            failed++;                                                                             \
            printf("FAIL %s:%d: %s gave %s, expected %s (%s)\n", __FILE__, __LINE__, #call,     \
                   hubspot_status_code(got_), hubspot_status_code(expected), last_error());       \
        }                                                                                         \
    } while (0)

#ifndef B
#define B(s) ((const uint8_t *)(s)), strlen(s)
#endif

/* This thread's last error message ("" when it cannot be read). */
static inline const char *last_error(void) {
    static char buf[4096];
    size_t n = 0;
    if (hubspot_last_error_message(buf, sizeof buf, &n) != HUBSPOT_STATUS_OK) buf[0] = 0;
    return buf;
}

/* Whether a view holds exactly `text`. */
static inline int view_is(struct hubspot_str s, const char *text) {
    return s.ptr != NULL && s.len == strlen(text) && memcmp(s.ptr, text, s.len) == 0;
}

#endif
