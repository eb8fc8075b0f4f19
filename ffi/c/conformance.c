/* Conformance runner for the C API: runs every case of every *.json file in the vectors folder
 * (argv[1], default tests/vectors) and in $HUBSPOT_WEBHOOKS_VECTORS, as docs/vectors.md
 * describes, and prints `conformance c: N cases from M files, P passed, F failed`.
 *
 * JSON of the vector files is read with jansson, which keeps integers as exact 64-bit values
 * (vectors compare IDs by their exact decimal text, never through a float). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hubspot_webhooks.h"

static int cases_run, cases_passed, cases_failed, files_read;

/* The reason a case failed, filled by fail(). */
static char why[4096];

static int fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    return 0;
}

static int str_eq(struct hubspot_str s, const char *text, size_t len) {
    return s.ptr != NULL && s.len == len && memcmp(s.ptr, text, len) == 0;
}

static const char *last_error(void) {
    static char buf[2048];
    size_t n = 0;
    if (hubspot_last_error_message(buf, sizeof buf, &n) != HUBSPOT_STATUS_OK) buf[0] = 0;
    return buf;
}

/* Standard base64 with padding; returns a malloc'd buffer or NULL. */
static unsigned char *base64_decode(const char *in, size_t in_len, size_t *out_len) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char *out = malloc(in_len / 4 * 3 + 3);
    size_t n = 0;
    unsigned acc = 0;
    int bits = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < in_len; i++) {
        char c = in[i];
        if (c == '=' || c == '\n' || c == '\r') continue;
        const char *p = strchr(alphabet, c);
        if (!p || c == 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (unsigned)(p - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)((acc >> bits) & 0xFF);
        }
    }
    *out_len = n;
    return out;
}

/* Compares an expected integer (JSON integer or decimal string) with an actual int64. */
static int int_matches(json_t *expected, int64_t actual) {
    char text[32];
    snprintf(text, sizeof text, "%" PRId64, actual);
    if (json_is_integer(expected)) return (int64_t)json_integer_value(expected) == actual;
    if (json_is_string(expected)) return strcmp(json_string_value(expected), text) == 0;
    return 0;
}

static char *dump(json_t *v) {
    return json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
}

/* JSON text from the library (a member's exact text, a non-string propertyValue) loaded with
 * every number as the string "\u0001<its text>": jansson refuses integers beyond 64 bits, and
 * the vectors compare numbers by their exact decimal text. NULL when the text is not JSON. */
static json_t *load_exact(const char *text, size_t len) {
    char *buf = malloc(len * 9 + 1); /* a one-byte number grows to 9 bytes */
    size_t n = 0;
    if (!buf) return NULL;
    for (size_t i = 0; i < len;) {
        char c = text[i];
        if (c == '"') { /* a string, copied with its escapes */
            buf[n++] = text[i++];
            while (i < len && text[i] != '"') {
                if (text[i] == '\\' && i + 1 < len) buf[n++] = text[i++];
                buf[n++] = text[i++];
            }
            if (i < len) buf[n++] = text[i++];
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            memcpy(buf + n, "\"\\u0001", 7);
            n += 7;
            while (i < len && strchr("0123456789+-.eE", text[i]) != NULL && text[i] != 0) buf[n++] = text[i++];
            buf[n++] = '"';
        } else {
            buf[n++] = text[i++];
        }
    }
    json_t *value = json_loadb(buf, n, JSON_DECODE_ANY, NULL);
    free(buf);
    return value;
}

/* An expected vector value against a value from load_exact: numbers by their exact text (an
 * expected integer or string of decimal digits), arrays and objects member by member. */
static int exact_matches(json_t *expected, json_t *actual) {
    const char *number = json_is_string(actual) && json_string_value(actual)[0] == 1 ? json_string_value(actual) + 1 : NULL;
    if (number) {
        char text[32];
        if (json_is_integer(expected)) {
            snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(expected));
            return strcmp(text, number) == 0;
        }
        if (json_is_string(expected)) return strcmp(json_string_value(expected), number) == 0;
        return json_is_real(expected) && strtod(number, NULL) == json_real_value(expected);
    }
    if (json_is_array(expected) && json_is_array(actual)) {
        if (json_array_size(expected) != json_array_size(actual)) return 0;
        for (size_t k = 0; k < json_array_size(expected); k++)
            if (!exact_matches(json_array_get(expected, k), json_array_get(actual, k))) return 0;
        return 1;
    }
    if (json_is_object(expected) && json_is_object(actual)) {
        const char *key;
        json_t *value;
        if (json_object_size(expected) != json_object_size(actual)) return 0;
        json_object_foreach(expected, key, value) {
            json_t *other = json_object_get(actual, key);
            if (!other || !exact_matches(value, other)) return 0;
        }
        return 1;
    }
    return json_equal(expected, actual);
}

/* Compares an expected value with the library's exact JSON text (NULL text: absent). */
static int text_matches(json_t *expected, struct hubspot_str s) {
    if (s.ptr == NULL) return json_is_null(expected);
    json_t *actual = load_exact(s.ptr, s.len);
    int ok = actual && (json_is_null(expected) ? json_is_null(actual) : exact_matches(expected, actual));
    json_decref(actual);
    return ok;
}

/* Compares one expected field of event i. */
static int field_matches(const hubspot_batch *batch, size_t i, const char *key, json_t *expected) {
    struct hubspot_str s;
    if (strcmp(key, "objectType") == 0 || strcmp(key, "action") == 0) {
        hubspot_status st = key[0] == 'o' ? hubspot_event_object_type(batch, i, &s) : hubspot_event_action(batch, i, &s);
        if (st != HUBSPOT_STATUS_OK) return fail("event %zu %s: %s", i, key, last_error());
        if (!json_is_string(expected) ||
            !str_eq(s, json_string_value(expected), json_string_length(expected)))
            return fail("event %zu %s: got %.*s", i, key, (int)s.len, s.ptr);
        return 1;
    }
    uint32_t field;
    if (hubspot_field_from_name((const uint8_t *)key, strlen(key), &field) != HUBSPOT_STATUS_OK) {
        /* A field the library does not type: its exact JSON text, every digit kept. */
        if (hubspot_event_json_member(batch, i, (const uint8_t *)key, strlen(key), &s) != HUBSPOT_STATUS_OK)
            return fail("%s: %s", key, last_error());
        return text_matches(expected, s) ? 1 : fail("event %zu %s (untyped): got %.*s", i, key, (int)s.len, s.ptr ? s.ptr : "(absent)");
    }
    bool present = false;
    switch (hubspot_field_kind_of(field)) {
    case HUBSPOT_FIELD_KIND_STRING: {
        if (field == HUBSPOT_FIELD_PROPERTY_VALUE) {
            bool is_string = false;
            if (hubspot_event_property_value(batch, i, &s, &is_string) != HUBSPOT_STATUS_OK)
                return fail("propertyValue: %s", last_error());
            if (json_is_null(expected)) return s.ptr == NULL ? 1 : fail("event %zu propertyValue: expected absent", i);
            if (s.ptr == NULL) return fail("event %zu propertyValue: absent", i);
            int ok = is_string ? json_is_string(expected) && str_eq(s, json_string_value(expected), json_string_length(expected))
                               : text_matches(expected, s);
            return ok ? 1 : fail("event %zu propertyValue: got %.*s", i, (int)s.len, s.ptr);
        }
        if (hubspot_event_str(batch, i, field, &s) != HUBSPOT_STATUS_OK) return fail("%s: %s", key, last_error());
        if (json_is_null(expected)) return s.ptr == NULL ? 1 : fail("event %zu %s: expected absent, got %.*s", i, key, (int)s.len, s.ptr);
        if (!json_is_string(expected)) return fail("event %zu %s: the vector expects a non-string", i, key);
        if (!str_eq(s, json_string_value(expected), json_string_length(expected)))
            return fail("event %zu %s: got %s%.*s", i, key, s.ptr ? "" : "(absent)", (int)s.len, s.ptr ? s.ptr : "");
        return 1;
    }
    case HUBSPOT_FIELD_KIND_INT: {
        int64_t v = 0;
        if (hubspot_event_i64(batch, i, field, &v, &present) != HUBSPOT_STATUS_OK) return fail("%s: %s", key, last_error());
        if (json_is_null(expected)) return !present ? 1 : fail("event %zu %s: expected absent, got %" PRId64, i, key, v);
        if (!present) return fail("event %zu %s: absent", i, key);
        return int_matches(expected, v) ? 1 : fail("event %zu %s: got %" PRId64, i, key, v);
    }
    case HUBSPOT_FIELD_KIND_BOOL: {
        bool v = false;
        if (hubspot_event_bool(batch, i, field, &v, &present) != HUBSPOT_STATUS_OK) return fail("%s: %s", key, last_error());
        if (json_is_null(expected)) return !present ? 1 : fail("event %zu %s: expected absent", i, key);
        if (!present || !json_is_boolean(expected) || json_is_true(expected) != v)
            return fail("event %zu %s: got %s", i, key, present ? (v ? "true" : "false") : "(absent)");
        return 1;
    }
    case HUBSPOT_FIELD_KIND_INT_ARRAY: {
        const int64_t *ids = NULL;
        size_t n = 0;
        if (hubspot_event_merged_object_ids(batch, i, &ids, &n, &present) != HUBSPOT_STATUS_OK)
            return fail("%s: %s", key, last_error());
        if (json_is_null(expected)) return !present ? 1 : fail("event %zu %s: expected absent", i, key);
        if (!present || !json_is_array(expected) || json_array_size(expected) != n)
            return fail("event %zu %s: got %zu ids", i, key, n);
        for (size_t k = 0; k < n; k++)
            if (!int_matches(json_array_get(expected, k), ids[k])) return fail("event %zu %s[%zu]: got %" PRId64, i, key, k, ids[k]);
        return 1;
    }
    default:
        return fail("event %zu %s: unknown field kind", i, key);
    }
}

/* Compares an expected value of a Custom Channels event with the value at JSON Pointer `path`
 * (length len, room for 1024 bytes), read through the typed accessors: null is absent, objects
 * key by key, arrays element by element with exactly that many elements. */
static int channel_matches(const hubspot_batch *batch, char *path, size_t len, json_t *expected) {
    hubspot_json_type type = HUBSPOT_JSON_TYPE_OTHER;
    if (hubspot_channel_type(batch, (const uint8_t *)path, len, &type) != HUBSPOT_STATUS_OK) return fail("%s: %s", path, last_error());
    if (json_is_null(expected)) return type == HUBSPOT_JSON_TYPE_ABSENT ? 1 : fail("%s: expected absent, got type %d", path, (int)type);
    if (json_is_object(expected)) {
        if (type != HUBSPOT_JSON_TYPE_OBJECT) return fail("%s: expected an object, got type %d", path, (int)type);
        const char *key;
        json_t *value;
        json_object_foreach(expected, key, value) {
            size_t n = len;
            path[n++] = '/';
            for (const char *k = key; *k && n < 1000; k++) { /* RFC 6901: ~ is ~0, / is ~1 */
                if (*k == '~' || *k == '/') path[n++] = '~', path[n++] = *k == '~' ? '0' : '1';
                else path[n++] = *k;
            }
            path[n] = 0;
            if (!channel_matches(batch, path, n, value)) return 0;
            path[len] = 0;
        }
        return 1;
    }
    if (json_is_array(expected)) {
        size_t n = 0;
        bool present = false;
        if (hubspot_channel_array_len(batch, (const uint8_t *)path, len, &n, &present) != HUBSPOT_STATUS_OK)
            return fail("%s: %s", path, last_error());
        if (!present || n != json_array_size(expected)) return fail("%s: got %zu elements, expected %zu", path, n, json_array_size(expected));
        for (size_t k = 0; k < n; k++) {
            int extra = snprintf(path + len, 24, "/%zu", k);
            if (!channel_matches(batch, path, len + (size_t)extra, json_array_get(expected, k))) return 0;
            path[len] = 0;
        }
        return 1;
    }
    if (json_is_string(expected)) {
        struct hubspot_str s;
        if (hubspot_channel_str(batch, (const uint8_t *)path, len, &s) != HUBSPOT_STATUS_OK) return fail("%s: %s", path, last_error());
        return str_eq(s, json_string_value(expected), json_string_length(expected))
                   ? 1
                   : fail("%s: got %.*s", path, (int)s.len, s.ptr ? s.ptr : "(absent)");
    }
    if (json_is_integer(expected)) {
        int64_t v = 0;
        bool present = false;
        if (hubspot_channel_i64(batch, (const uint8_t *)path, len, &v, &present) != HUBSPOT_STATUS_OK)
            return fail("%s: %s", path, last_error());
        return present && int_matches(expected, v) ? 1 : fail("%s: got %" PRId64 "%s", path, v, present ? "" : " (absent)");
    }
    return fail("%s: the vector expects a value no Custom Channels accessor reads", path);
}

static int check_ok(json_t *ok, const hubspot_batch *batch, const struct hubspot_verified *verified, int verified_set) {
    json_t *version = json_object_get(ok, "version");
    if (version) {
        if (!verified_set) return fail("expected version %s on a parse-only case", json_string_value(version));
        const char *got = hubspot_signature_version_str(verified->version);
        if (!json_is_string(version) || strcmp(got, json_string_value(version)) != 0)
            return fail("version: got %s", got);
    }
    json_t *secret_index = json_object_get(ok, "secret_index");
    if (secret_index && (!verified_set || (json_int_t)verified->secret_index != json_integer_value(secret_index)))
        return fail("secret_index: got %zu", verified_set ? verified->secret_index : (size_t)0);
    json_t *events = json_object_get(ok, "events");
    json_t *channel = json_object_get(ok, "channel_event");
    json_t *rejected = json_object_get(ok, "rejected");
    if (!batch) return events || channel || rejected ? fail("a verify-only case expects a delivery") : 1;
    /* events: a batch; channel_event, or only rejected: a Custom Channels delivery. */
    hubspot_delivery_kind want = events ? HUBSPOT_DELIVERY_KIND_BATCH : HUBSPOT_DELIVERY_KIND_CHANNEL;
    if (hubspot_batch_kind(batch) != want) return fail("delivery kind: got %d, expected %d", (int)hubspot_batch_kind(batch), (int)want);
    if (channel) {
        char path[1024] = "";
        if (hubspot_batch_count(batch) != 0) return fail("a Custom Channels delivery has batch events");
        if (!channel_matches(batch, path, 0, channel)) return 0;
    }
    if (events) {
        size_t count = hubspot_batch_count(batch);
        if (count != json_array_size(events)) return fail("events: got %zu, expected %zu", count, json_array_size(events));
        for (size_t i = 0; i < count; i++) {
            const char *key;
            json_t *value;
            json_object_foreach(json_array_get(events, i), key, value) {
                if (!field_matches(batch, i, key, value)) return 0;
            }
        }
    }
    size_t n_rejected = hubspot_batch_rejected_count(batch);
    if (n_rejected != (rejected ? json_array_size(rejected) : 0))
        return fail("rejected: got %zu, expected %zu", n_rejected, rejected ? json_array_size(rejected) : 0);
    for (size_t k = 0; k < n_rejected; k++) {
        struct hubspot_rejected r = {0};
        if (hubspot_batch_rejected(batch, k, &r) != HUBSPOT_STATUS_OK) return fail("rejected %zu: %s", k, last_error());
        json_t *want = json_array_get(rejected, k);
        const char *code = hubspot_status_code(r.error);
        json_t *want_code = json_object_get(want, "error");
        if ((json_int_t)r.index != json_integer_value(json_object_get(want, "index")) ||
            !json_is_string(want_code) || strcmp(code, json_string_value(want_code)) != 0)
            return fail("rejected %zu: got index %zu error %s", k, r.index, code);
    }
    return 1;
}

/* expect.diagnosis: the codes of the last error's findings, in order ([]: no findings or no
 * diagnosis). Absent: nothing to check. */
static int diagnosis_matches(json_t *codes) {
    hubspot_diagnosis *d = NULL;
    if (!codes) return 1;
    if (hubspot_last_error_diagnosis(&d) != HUBSPOT_STATUS_OK) return fail("hubspot_last_error_diagnosis failed");
    size_t n = hubspot_diagnosis_count(d);
    int ok = n == json_array_size(codes) ? 1 : fail("diagnosis: got %zu findings, expected %zu", n, json_array_size(codes));
    for (size_t k = 0; ok && k < n; k++) {
        struct hubspot_str code, message;
        bool confirmed;
        json_t *want = json_array_get(codes, k);
        if (hubspot_diagnosis_finding(d, k, &code, &message, &confirmed) != HUBSPOT_STATUS_OK)
            ok = fail("finding %zu: %s", k, last_error());
        else if (!json_is_string(want) || !str_eq(code, json_string_value(want), json_string_length(want)))
            ok = fail("finding %zu: got %.*s", k, (int)code.len, code.ptr);
    }
    hubspot_diagnosis_free(d);
    return ok;
}

static int run_case(json_t *c) {
    json_t *request = json_object_get(c, "request");
    json_t *expect = json_object_get(c, "expect");
    if (!json_is_object(request) || !json_is_object(expect)) return fail("case without request or expect");
    json_t *jm = json_object_get(request, "method"), *ju = json_object_get(request, "url");
    const char *method = json_is_string(jm) ? json_string_value(jm) : "POST";
    size_t method_len = json_is_string(jm) ? json_string_length(jm) : 4;
    const char *url = json_is_string(ju) ? json_string_value(ju) : "";
    size_t url_len = json_is_string(ju) ? json_string_length(ju) : 0;

    unsigned char *body_owned = NULL;
    const unsigned char *body = (const unsigned char *)"";
    size_t body_len = 0;
    json_t *jb = json_object_get(request, "body"), *jb64 = json_object_get(request, "body_base64");
    if (json_is_string(jb)) {
        body = (const unsigned char *)json_string_value(jb);
        body_len = json_string_length(jb);
    } else if (json_is_string(jb64)) {
        body_owned = base64_decode(json_string_value(jb64), json_string_length(jb64), &body_len);
        if (!body_owned) return fail("body_base64 is not base64");
        body = body_owned;
    }

    json_t *jh = json_object_get(request, "headers");
    size_t n_headers = json_is_object(jh) ? json_object_size(jh) : 0;
    struct hubspot_header *headers = calloc(n_headers + 1, sizeof *headers);
    size_t h = 0;
    const char *name;
    json_t *value;
    if (json_is_object(jh)) {
        size_t name_len;
        json_object_keylen_foreach(jh, name, name_len, value) {
            headers[h].name = (const uint8_t *)name;
            headers[h].name_len = name_len;
            headers[h].value = (const uint8_t *)(json_is_string(value) ? json_string_value(value) : "");
            headers[h].value_len = json_is_string(value) ? json_string_length(value) : 0;
            h++;
        }
    }

    struct hubspot_options options;
    hubspot_options_init(&options, sizeof options);
    json_t *jo = json_object_get(c, "options");
    if (json_is_object(jo)) {
        json_t *v;
        if ((v = json_object_get(jo, "tolerance_ms"))) options.tolerance_ms = (uint64_t)json_integer_value(v);
        if ((v = json_object_get(jo, "max_future_ms"))) options.max_future_ms = (uint64_t)json_integer_value(v);
        if ((v = json_object_get(jo, "require_v3"))) options.require_v3 = json_is_true(v);
        if ((v = json_object_get(jo, "max_body_bytes"))) options.max_body_bytes = (size_t)json_integer_value(v);
        if ((v = json_object_get(jo, "partial"))) options.partial = json_is_true(v);
        if ((v = json_object_get(jo, "max_events"))) options.max_events = (size_t)json_integer_value(v);
        if ((v = json_object_get(jo, "diagnose"))) options.diagnose = json_is_true(v);
    }

    json_t *js = json_object_get(c, "secrets");
    size_t n_secrets = json_is_array(js) ? json_array_size(js) : 0;
    hubspot_batch *batch = NULL;
    struct hubspot_verified verified = {0};
    hubspot_status status;
    if (n_secrets == 0) {
        status = hubspot_parse(body, body_len, &options, &batch);
    } else {
        struct hubspot_bytes *secrets = calloc(n_secrets, sizeof *secrets);
        for (size_t k = 0; k < n_secrets; k++) {
            json_t *s = json_array_get(js, k);
            secrets[k].ptr = (const uint8_t *)json_string_value(s);
            secrets[k].len = json_string_length(s);
        }
        hubspot_verifier *verifier = NULL;
        status = hubspot_verifier_new(secrets, n_secrets, &options, &verifier);
        if (status == HUBSPOT_STATUS_OK) {
            int64_t now_ms = (int64_t)json_integer_value(json_object_get(c, "now_ms"));
            if (json_is_true(json_object_get(c, "verify_only")))
                status = hubspot_verifier_verify(verifier, (const uint8_t *)method, method_len, (const uint8_t *)url, url_len,
                                                 headers, n_headers, body, body_len, now_ms, &verified);
            else
                status = hubspot_verifier_verify_and_parse(verifier, (const uint8_t *)method, method_len, (const uint8_t *)url,
                                                           url_len, headers, n_headers, body, body_len, now_ms, &verified, &batch);
        }
        hubspot_verifier_free(verifier);
        free(secrets);
    }

    int passed;
    json_t *expect_error = json_object_get(expect, "error");
    json_t *expect_ok = json_object_get(expect, "ok");
    if (expect_error) {
        /* `"error": "<code>"` (as in docs/vectors.md 4.3), or `"error": {"error": "<code>"}`. */
        json_t *code = json_is_string(expect_error) ? expect_error : json_object_get(expect_error, "error");
        const char *got = hubspot_status_code(status);
        if (status == HUBSPOT_STATUS_OK) passed = fail("expected error %s, got ok", json_string_value(code));
        else if (!json_is_string(code) || strcmp(got, json_string_value(code)) != 0)
            passed = fail("expected error %s, got %s (%s)", json_string_value(code), got, last_error());
        else passed = diagnosis_matches(json_object_get(expect, "diagnosis"));
    } else if (expect_ok) {
        if (status != HUBSPOT_STATUS_OK) passed = fail("expected ok, got %s", last_error());
        else passed = check_ok(expect_ok, batch, &verified, n_secrets > 0);
    } else {
        passed = fail("expect has neither ok nor error");
    }
    hubspot_batch_free(batch);
    free(headers);
    free(body_owned);
    return passed;
}

static void run_file(const char *path) {
    json_error_t err;
    json_t *root = json_load_file(path, JSON_ALLOW_NUL, &err);
    files_read++;
    json_t *cases = root ? json_object_get(root, "cases") : NULL;
    if (!json_is_array(cases)) {
        cases_run++;
        cases_failed++;
        printf("FAIL %s: cannot read the file (%s)\n", path, root ? "no cases array" : err.text);
        json_decref(root);
        return;
    }
    size_t k;
    json_t *c;
    json_array_foreach(cases, k, c) {
        cases_run++;
        why[0] = 0;
        if (run_case(c)) {
            cases_passed++;
        } else {
            cases_failed++;
            char *expect = dump(json_object_get(c, "expect"));
            printf("FAIL %s: %s\n  expected: %s\n  got: %s\n", path, json_string_value(json_object_get(c, "name")),
                   expect ? expect : "?", why);
            free(expect);
        }
    }
    json_decref(root);
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every *.json directly in dir, in name order. */
static void run_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        printf("conformance c: cannot open %s\n", dir);
        cases_run++;
        cases_failed++;
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *entry;
    while ((entry = readdir(d))) {
        size_t len = strlen(entry->d_name);
        if (len > 5 && strcmp(entry->d_name + len - 5, ".json") == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strdup(entry->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        run_file(path);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv) {
    run_dir(argc > 1 ? argv[1] : "tests/vectors");
    const char *extra = getenv("HUBSPOT_WEBHOOKS_VECTORS");
    if (extra && *extra) run_dir(extra);
    printf("conformance c: %d cases from %d files, %d passed, %d failed\n", cases_run, files_read, cases_passed,
           cases_failed);
    return cases_failed ? 1 : 0;
}
