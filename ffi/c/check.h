/* The check counter of the C test programs: CHECK(cond) counts a pass or prints the failed
 * condition with its line; each program ends by printing `<name>: N passed, N failed`. */
#ifndef HUBSPOT_WEBHOOKS_TEST_CHECK_H
#define HUBSPOT_WEBHOOKS_TEST_CHECK_H

#include <stdio.h>

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

#endif
