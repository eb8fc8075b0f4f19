// hubspot-webhooks for C++17: a header-only wrapper over the C API (hubspot_webhooks.h).
//
// RAII handles (Verifier, Batch), std::string_view for text, exceptions for failures
// (hubspot_webhooks::Error, with the status and the stable snake_case code). Views into a
// Batch stay valid while the Batch lives. A Verifier may be shared by several threads.
// Link with the C library: c++ -std=c++17 app.cpp $(pkg-config --cflags --libs hubspot_webhooks)
#ifndef HUBSPOT_WEBHOOKS_HPP
#define HUBSPOT_WEBHOOKS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hubspot_webhooks.h"

namespace hubspot_webhooks {

/// One finding of a diagnosis: a stable code (`"url_scheme"`, ...), what happened and what to
/// do, and whether a digest confirmed it.
struct Finding {
    std::string code, message;
    bool confirmed;
};

/// Why a signature does not match (`diagnose`, `Error::diagnosis()`): the verdict (unchanged),
/// the findings, the most specific first, and how many digests it took.
struct Diagnosis {
    hubspot_status verdict;
    std::vector<Finding> findings;
    std::size_t digests;
};

/// A failed call: `status()` is the C status, `code()` its stable snake_case code, `family()`
/// what kind of failure it is (from the core, as in every binding), `http_status()` the answer
/// a receiver gives, `what()` the detailed message.
class Error : public std::runtime_error {
public:
    Error(hubspot_status status, const std::string &message, std::optional<Diagnosis> diagnosis = std::nullopt)
        : std::runtime_error(message), status_(status), diagnosis_(std::move(diagnosis)) {}
    hubspot_status status() const noexcept { return status_; }
    std::string_view code() const noexcept { return hubspot_status_code(status_); }
    hubspot_status_family family() const noexcept { return hubspot_status_family_of(status_); }
    /// The HTTP status to answer with: 401, 413, 400 or 500.
    std::uint16_t http_status() const noexcept { return hubspot_status_http_status(status_); }
    /// The request is not authentic or not fresh: answer 401.
    bool is_signature_error() const noexcept { return family() == HUBSPOT_STATUS_FAMILY_SIGNATURE; }
    /// The body is not a valid delivery: answer 400 (413 when too large).
    bool is_payload_error() const noexcept { return family() == HUBSPOT_STATUS_FAMILY_PAYLOAD; }
    /// The caller's own mistake (no secret, a NULL or out-of-range argument): answer 500.
    bool is_usage_error() const noexcept { return family() == HUBSPOT_STATUS_FAMILY_USAGE; }
    /// With the `diagnose` option, after a signature failure: the findings (also at the end of
    /// `what()`). For your logs; never send them to the caller.
    const std::optional<Diagnosis> &diagnosis() const noexcept { return diagnosis_; }

private:
    hubspot_status status_;
    std::optional<Diagnosis> diagnosis_;
};

namespace detail {
inline std::string last_error_message() {
    std::size_t len = 0;
    if (hubspot_last_error_message(nullptr, 0, &len) == HUBSPOT_STATUS_OK) return std::string();
    std::string message(len + 1, '\0');
    if (hubspot_last_error_message(message.data(), message.size(), &len) != HUBSPOT_STATUS_OK) return std::string();
    message.resize(len);
    return message;
}

/// Copies a diagnosis and frees it (nullopt for NULL).
inline std::optional<Diagnosis> take(hubspot_diagnosis *d) {
    if (d == nullptr) return std::nullopt;
    Diagnosis out{hubspot_diagnosis_verdict(d), {}, hubspot_diagnosis_digests(d)};
    for (std::size_t i = 0; i < hubspot_diagnosis_count(d); i++) {
        hubspot_str code{}, message{};
        bool confirmed = false;
        if (hubspot_diagnosis_finding(d, i, &code, &message, &confirmed) == HUBSPOT_STATUS_OK)
            out.findings.push_back(Finding{std::string(code.ptr, code.len), std::string(message.ptr, message.len), confirmed});
    }
    hubspot_diagnosis_free(d);
    return out;
}

inline void check(hubspot_status status) {
    if (status == HUBSPOT_STATUS_OK) return;
    std::string message = last_error_message();
    hubspot_diagnosis *d = nullptr;
    hubspot_last_error_diagnosis(&d);
    throw Error(status, message, take(d));
}

inline const std::uint8_t *bytes(std::string_view s) noexcept {
    return reinterpret_cast<const std::uint8_t *>(s.data());
}

inline std::optional<std::string_view> view(hubspot_str s) {
    if (s.ptr == nullptr) return std::nullopt;
    return std::string_view(s.ptr, s.len);
}

/// Copies text that a C function writes into a caller buffer.
template <class Call>
std::string text(Call call) {
    std::string out(128, '\0');
    std::size_t len = 0;
    hubspot_status status = call(out.data(), out.size(), &len);
    if (status == HUBSPOT_STATUS_BUFFER_TOO_SMALL) {
        out.assign(len + 1, '\0');
        status = call(out.data(), out.size(), &len);
    }
    check(status);
    out.resize(len);
    return out;
}
} // namespace detail

/// A request header.
struct Header {
    std::string_view name;
    std::string_view value;
};

/// The options, starting from the defaults (5 minutes tolerance, strict parsing).
struct Options : hubspot_options {
    // Cannot fail: the size is this header's own.
    Options() : hubspot_options() { hubspot_options_init(static_cast<hubspot_options *>(this), sizeof(hubspot_options)); }
};

/// Which signature version and secret matched.
struct Verified {
    hubspot_signature_version version;
    std::size_t secret_index;
    std::string_view version_name() const noexcept { return hubspot_signature_version_str(version); }
};

/// The typed view of a conversation.* event.
struct Conversation {
    std::optional<std::int64_t> thread_id;
    hubspot_conversation_change change;
    std::optional<std::string_view> assignee, status, property_name, property_value, message_id, message_type,
        other_action;
    std::optional<bool> archived;
};

/// An event that partial parsing could not type.
struct Rejected {
    std::size_t index;
    hubspot_status error;
    std::string_view message;
    std::optional<std::string_view> field;
    std::string_view raw_json;
    std::string_view code() const noexcept { return hubspot_status_code(error); }
};

/// One event of a Batch (a cheap view: the batch must outlive it).
class Event {
public:
    Event(const hubspot_batch *batch, std::size_t index) noexcept : batch_(batch), index_(index) {}

    std::string_view subscription_type() const { return str_of(hubspot_event_subscription_type); }
    /// "contact", "company", "deal", "ticket", "product", "line_item", "conversation", or as sent.
    std::string_view object_type() const { return str_of(hubspot_event_object_type); }
    /// "creation", "deletion", "propertyChange", "associationChange", "merge", "restore",
    /// "privacyDeletion", "newMessage", or as sent.
    std::string_view action() const { return str_of(hubspot_event_action); }
    /// The event's JSON exactly as it stood in the body, unknown fields included.
    std::string_view raw_json() const { return str_of(hubspot_event_raw_json); }
    /// The exact JSON text of a member of the event's JSON, typed or not (unknown fields keep
    /// every digit); nullopt when absent.
    std::optional<std::string_view> json_member(std::string_view name) const {
        hubspot_str s;
        detail::check(hubspot_event_json_member(batch_, index_, detail::bytes(name), name.size(), &s));
        return detail::view(s);
    }

    /// A string field (`HUBSPOT_FIELD_CHANGE_SOURCE`, ...); nullopt when absent.
    std::optional<std::string_view> str(std::uint32_t field) const {
        hubspot_str s;
        detail::check(hubspot_event_str(batch_, index_, field, &s));
        return detail::view(s);
    }
    /// An integer field (`HUBSPOT_FIELD_OBJECT_ID`, ...); nullopt when absent.
    std::optional<std::int64_t> i64(std::uint32_t field) const {
        std::int64_t value = 0;
        bool present = false;
        detail::check(hubspot_event_i64(batch_, index_, field, &value, &present));
        return present ? std::optional<std::int64_t>(value) : std::nullopt;
    }
    /// A boolean field (`HUBSPOT_FIELD_IS_SENSITIVE`, ...); nullopt when absent.
    std::optional<bool> boolean(std::uint32_t field) const {
        bool value = false, present = false;
        detail::check(hubspot_event_bool(batch_, index_, field, &value, &present));
        return present ? std::optional<bool>(value) : std::nullopt;
    }

    std::int64_t event_id() const { return i64(HUBSPOT_FIELD_EVENT_ID).value_or(0); }
    std::int64_t portal_id() const { return i64(HUBSPOT_FIELD_PORTAL_ID).value_or(0); }
    std::int64_t app_id() const { return i64(HUBSPOT_FIELD_APP_ID).value_or(0); }
    std::int64_t occurred_at() const { return i64(HUBSPOT_FIELD_OCCURRED_AT).value_or(0); }
    std::int64_t attempt_number() const { return i64(HUBSPOT_FIELD_ATTEMPT_NUMBER).value_or(0); }
    std::optional<std::int64_t> object_id() const { return i64(HUBSPOT_FIELD_OBJECT_ID); }
    std::optional<std::string_view> property_name() const { return str(HUBSPOT_FIELD_PROPERTY_NAME); }
    /// propertyValue as a string (the JSON text of a non-string value, e.g. "false").
    std::optional<std::string_view> property_value() const { return str(HUBSPOT_FIELD_PROPERTY_VALUE); }

    /// mergedObjectIds (merges); nullopt when absent.
    std::optional<std::vector<std::int64_t>> merged_object_ids() const {
        const std::int64_t *ids = nullptr;
        std::size_t len = 0;
        bool present = false;
        detail::check(hubspot_event_merged_object_ids(batch_, index_, &ids, &len, &present));
        if (!present) return std::nullopt;
        return std::vector<std::int64_t>(ids, ids + len);
    }

    /// The Conversations view; nullopt for events that are not conversation.*.
    std::optional<Conversation> conversation() const {
        hubspot_conversation c{};
        bool is_conversation = false;
        detail::check(hubspot_event_conversation(batch_, index_, &c, &is_conversation));
        if (!is_conversation) return std::nullopt;
        Conversation out;
        if (c.has_thread_id) out.thread_id = c.thread_id;
        out.change = c.change;
        out.assignee = detail::view(c.assignee);
        out.status = detail::view(c.status);
        out.property_name = detail::view(c.property_name);
        out.property_value = detail::view(c.property_value);
        out.message_id = detail::view(c.message_id);
        out.message_type = detail::view(c.message_type);
        out.other_action = detail::view(c.other_action);
        if (c.has_archived) out.archived = c.archived;
        return out;
    }

    /// A key for deduplication (a retry has the same key).
    std::string dedup_key() const {
        return detail::text([&](char *buf, std::size_t len, std::size_t *out_len) {
            return hubspot_event_dedup_key(batch_, index_, buf, len, out_len);
        });
    }

private:
    template <class F>
    std::string_view str_of(F f) const {
        hubspot_str s;
        detail::check(f(batch_, index_, &s));
        return std::string_view(s.ptr, s.len);
    }

    const hubspot_batch *batch_;
    std::size_t index_;
};

/// A node of a Custom Channels event in the core's serialised form, read by JSON Pointer
/// (`path`): the base of the typed views below. A cheap view: the Batch must outlive it.
class ChannelNode {
public:
    ChannelNode(const hubspot_batch *batch, std::string path) : batch_(batch), path_(std::move(path)) {}
    /// Text at `path_ + "/" + key` (IDs are text, exactly as sent); nullopt when absent.
    std::optional<std::string_view> str(std::string_view key) const {
        std::string p = at(key);
        hubspot_str s{};
        detail::check(hubspot_channel_str(batch_, detail::bytes(p), p.size(), &s));
        return detail::view(s);
    }
    std::optional<std::int64_t> i64(std::string_view key) const {
        std::string p = at(key);
        std::int64_t v = 0;
        bool present = false;
        detail::check(hubspot_channel_i64(batch_, detail::bytes(p), p.size(), &v, &present));
        return present ? std::optional<std::int64_t>(v) : std::nullopt;
    }
    /// The type of the member (HUBSPOT_JSON_TYPE_ABSENT when it is not there).
    hubspot_json_type json_type(std::string_view key) const {
        std::string p = at(key);
        hubspot_json_type t = HUBSPOT_JSON_TYPE_ABSENT;
        detail::check(hubspot_channel_type(batch_, detail::bytes(p), p.size(), &t));
        return t;
    }
    /// The member as a node (check `json_type(key)` first for optional members).
    ChannelNode child(std::string_view key) const { return ChannelNode(batch_, at(key)); }
    /// The elements of the array member `key` (none when absent).
    std::vector<ChannelNode> items(std::string_view key) const {
        std::string p = at(key);
        std::size_t n = 0;
        bool present = false;
        detail::check(hubspot_channel_array_len(batch_, detail::bytes(p), p.size(), &n, &present));
        std::vector<ChannelNode> out;
        for (std::size_t i = 0; i < n; i++) out.emplace_back(batch_, p + "/" + std::to_string(i));
        return out;
    }
    const std::string &path() const noexcept { return path_; }

protected:
    /// `key` appended to the path, escaped as RFC 6901 says ('~' as "~0", '/' as "~1").
    std::string at(std::string_view key) const {
        std::string p = path_;
        if (key.empty()) return p;
        p += '/';
        for (char c : key) p += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        return p;
    }
    const hubspot_batch *batch_;
    std::string path_;
};

/// `{type, value}`: an address in the channel; `type` is nullopt when HubSpot sent a bare string.
struct DeliveryIdentifier {
    std::optional<std::string_view> type;
    std::string_view value;
};

namespace detail {
inline std::optional<DeliveryIdentifier> delivery_identifier(const ChannelNode &parent, std::string_view key) {
    if (parent.json_type(key) != HUBSPOT_JSON_TYPE_OBJECT) return std::nullopt;
    ChannelNode n = parent.child(key);
    return DeliveryIdentifier{n.str("type"), n.str("value").value_or(std::string_view())};
}
} // namespace detail

/// A sender or recipient of a Custom Channels message.
struct Participant {
    std::optional<std::string_view> actor_id, name;
    std::optional<DeliveryIdentifier> delivery_identifier;
};

/// `message.status`, a string or an object in the body, always this shape here.
struct MessageStatus {
    std::string_view status_type;
    std::optional<std::string_view> failure_details_json;
};

/// One attachment: the documented FILE shape, and its JSON exactly as sent.
struct Attachment {
    std::optional<std::string_view> type, file_id, file_usage_type, name, url;
    std::string_view raw_json;
};

/// `message` of OUTGOING_CHANNEL_MESSAGE_CREATED.
class ChannelMessage : public ChannelNode {
public:
    using ChannelNode::ChannelNode;
    std::optional<std::string_view> id() const { return str("id"); }
    std::optional<std::string_view> type() const { return str("type"); }
    std::optional<std::string_view> channel_id() const { return str("channelId"); }
    std::optional<std::string_view> channel_account_id() const { return str("channelAccountId"); }
    std::optional<std::string_view> conversations_thread_id() const { return str("conversationsThreadId"); }
    std::optional<std::string_view> created_at() const { return str("createdAt"); }
    /// `createdAt` in Unix ms, when it is RFC 3339.
    std::optional<std::int64_t> created_at_ms() const { return i64("createdAtMs"); }
    std::optional<std::string_view> created_by() const { return str("createdBy"); }
    std::vector<Participant> senders() const { return participants("senders"); }
    std::vector<Participant> recipients() const { return participants("recipients"); }
    std::optional<std::string_view> text() const { return str("text"); }
    std::optional<std::string_view> rich_text() const { return str("richText"); }
    std::optional<std::string_view> direction() const { return str("direction"); }
    std::optional<std::string_view> in_reply_to_id() const { return str("inReplyToId"); }
    std::optional<std::string_view> truncation_status() const { return str("truncationStatus"); }
    std::optional<MessageStatus> status() const {
        if (json_type("status") != HUBSPOT_JSON_TYPE_OBJECT) return std::nullopt;
        ChannelNode s = child("status");
        return MessageStatus{s.str("statusType").value_or(std::string_view()), s.str("failureDetailsJson")};
    }
    std::vector<Attachment> attachments() const {
        std::vector<Attachment> out;
        for (const ChannelNode &a : items("attachments"))
            out.push_back(Attachment{a.str("type"), a.str("fileId"), a.str("fileUsageType"), a.str("name"), a.str("url"),
                                     a.str("rawJson").value_or(std::string_view())});
        return out;
    }

private:
    std::vector<Participant> participants(std::string_view key) const {
        std::vector<Participant> out;
        for (const ChannelNode &p : items(key))
            out.push_back(Participant{p.str("actorId"), p.str("name"), detail::delivery_identifier(p, "deliveryIdentifier")});
        return out;
    }
};

/// A Custom Channels event (Batch::channel_event()): typed getters over the core's serialised
/// form; `str("...")`, `i64("...")`, `items("...")` read any other member by name.
class ChannelEvent : public ChannelNode {
public:
    explicit ChannelEvent(const hubspot_batch *batch) : ChannelNode(batch, "") {}
    std::string_view type() const { return str("type").value_or(std::string_view()); }
    std::string_view portal_id() const { return str("portalId").value_or(std::string_view()); }
    std::string_view channel_id() const { return str("channelId").value_or(std::string_view()); }
    std::optional<std::string_view> event_timestamp() const { return str("eventTimestamp"); }
    /// `eventTimestamp` in Unix ms, when it is RFC 3339.
    std::optional<std::int64_t> event_timestamp_ms() const { return i64("eventTimestampMs"); }
    std::optional<std::string_view> event_id() const { return str("eventId"); }
    std::vector<std::string_view> channel_integration_thread_ids() const {
        std::vector<std::string_view> out;
        for (const ChannelNode &n : items("channelIntegrationThreadIds")) out.push_back(n.str("").value_or(std::string_view()));
        return out;
    }
    std::optional<std::string_view> channel_account_id() const { return str("channelAccountId"); }
    std::optional<DeliveryIdentifier> channel_account_delivery_identifier() const {
        return detail::delivery_identifier(*this, "channelAccountDeliveryIdentifier");
    }
    std::optional<ChannelMessage> message() const {
        if (json_type("message") != HUBSPOT_JSON_TYPE_OBJECT) return std::nullopt;
        return ChannelMessage(batch_, "/message");
    }
    /// The key for deduplication (`hscc1:...`), the same in every binding.
    std::string_view dedup_key() const { return str("dedupKey").value_or(std::string_view()); }
    /// The event's JSON exactly as sent.
    std::string_view raw_json() const {
        hubspot_str s{};
        detail::check(hubspot_channel_raw_json(batch_, &s));
        return std::string_view(s.ptr, s.len);
    }
};

/// A parsed delivery (move-only; frees itself): a batch of events, or one Custom Channels
/// event (`kind()`; for one, `size()` is 0 and `channel_event()` gives it).
class Batch {
public:
    explicit Batch(hubspot_batch *raw, Verified verified = Verified{}) noexcept : raw_(raw), verified_(verified) {}
    Batch(Batch &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)), verified_(other.verified_) {}
    Batch &operator=(Batch &&other) noexcept {
        if (this != &other) {
            hubspot_batch_free(raw_);
            raw_ = std::exchange(other.raw_, nullptr);
            verified_ = other.verified_;
        }
        return *this;
    }
    Batch(const Batch &) = delete;
    Batch &operator=(const Batch &) = delete;
    ~Batch() { hubspot_batch_free(raw_); }

    /// Which version and secret matched (for batches from verify_and_parse).
    const Verified &verified() const noexcept { return verified_; }
    /// HUBSPOT_DELIVERY_KIND_BATCH or HUBSPOT_DELIVERY_KIND_CHANNEL.
    hubspot_delivery_kind kind() const noexcept { return hubspot_batch_kind(raw_); }
    /// The Custom Channels event; nullopt for a batch, and when partial parsing rejected it.
    std::optional<ChannelEvent> channel_event() const {
        if (kind() != HUBSPOT_DELIVERY_KIND_CHANNEL || hubspot_batch_rejected_count(raw_) != 0) return std::nullopt;
        return ChannelEvent(raw_);
    }
    /// The number of events of a batch; 0 for a Custom Channels delivery.
    std::size_t size() const noexcept { return hubspot_batch_count(raw_); }
    bool empty() const noexcept { return size() == 0; }
    Event operator[](std::size_t i) const noexcept { return Event(raw_, i); }

    class iterator {
    public:
        iterator(const hubspot_batch *b, std::size_t i) noexcept : b_(b), i_(i) {}
        Event operator*() const noexcept { return Event(b_, i_); }
        iterator &operator++() noexcept {
            ++i_;
            return *this;
        }
        bool operator!=(const iterator &o) const noexcept { return i_ != o.i_; }

    private:
        const hubspot_batch *b_;
        std::size_t i_;
    };
    iterator begin() const noexcept { return iterator(raw_, 0); }
    iterator end() const noexcept { return iterator(raw_, size()); }

    /// The events partial parsing rejected (always empty when strict).
    std::vector<Rejected> rejected() const {
        std::vector<Rejected> out;
        for (std::size_t i = 0; i < hubspot_batch_rejected_count(raw_); i++) {
            hubspot_rejected r{};
            detail::check(hubspot_batch_rejected(raw_, i, &r));
            out.push_back(Rejected{r.index, r.error, std::string_view(r.message.ptr, r.message.len), detail::view(r.field),
                                   std::string_view(r.raw_json.ptr, r.raw_json.len)});
        }
        return out;
    }

    const hubspot_batch *get() const noexcept { return raw_; }

private:
    hubspot_batch *raw_;
    Verified verified_;
};

namespace detail {
inline std::vector<hubspot_bytes> c_bytes(const std::vector<std::string_view> &items) {
    std::vector<hubspot_bytes> out;
    out.reserve(items.size());
    for (std::string_view s : items) out.push_back(hubspot_bytes{bytes(s), s.size()});
    return out;
}

inline std::vector<hubspot_header> c_headers(const std::vector<Header> &headers) {
    std::vector<hubspot_header> out;
    out.reserve(headers.size());
    for (const Header &h : headers) out.push_back(hubspot_header{bytes(h.name), h.name.size(), bytes(h.value), h.value.size()});
    return out;
}
} // namespace detail

/// A verifier for one or several client secrets (move-only; thread-safe to share).
class Verifier {
public:
    explicit Verifier(std::string_view secret, const hubspot_options &options = Options())
        : Verifier(std::vector<std::string_view>{secret}, options) {}
    explicit Verifier(const std::vector<std::string_view> &secrets, const hubspot_options &options = Options()) {
        auto c = detail::c_bytes(secrets);
        detail::check(hubspot_verifier_new(c.data(), c.size(), &options, &raw_));
    }
    Verifier(Verifier &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)) {}
    Verifier &operator=(Verifier &&other) noexcept {
        if (this != &other) {
            hubspot_verifier_free(raw_);
            raw_ = std::exchange(other.raw_, nullptr);
        }
        return *this;
    }
    Verifier(const Verifier &) = delete;
    Verifier &operator=(const Verifier &) = delete;
    ~Verifier() { hubspot_verifier_free(raw_); }

    /// Verifies a request's signature; throws Error when it does not hold.
    Verified verify(std::string_view method, std::string_view url, const std::vector<Header> &headers,
                    std::string_view body, std::int64_t now_ms = hubspot_now_ms()) const {
        auto h = detail::c_headers(headers);
        hubspot_verified v{};
        detail::check(hubspot_verifier_verify(raw_, detail::bytes(method), method.size(), detail::bytes(url), url.size(),
                                              h.data(), h.size(), detail::bytes(body), body.size(), now_ms, &v));
        return Verified{v.version, v.secret_index};
    }

    /// Verifies a request and parses its events; throws Error on any failure.
    Batch verify_and_parse(std::string_view method, std::string_view url, const std::vector<Header> &headers,
                           std::string_view body, std::int64_t now_ms = hubspot_now_ms()) const {
        auto h = detail::c_headers(headers);
        hubspot_verified v{};
        hubspot_batch *b = nullptr;
        detail::check(hubspot_verifier_verify_and_parse(raw_, detail::bytes(method), method.size(), detail::bytes(url),
                                                        url.size(), h.data(), h.size(), detail::bytes(body), body.size(),
                                                        now_ms, &v, &b));
        return Batch(b, Verified{v.version, v.secret_index});
    }

    /// Parses a body with this verifier's options, without a signature check.
    Batch parse(std::string_view body) const {
        hubspot_batch *b = nullptr;
        detail::check(hubspot_verifier_parse(raw_, detail::bytes(body), body.size(), &b));
        return Batch(b);
    }

    const hubspot_verifier *get() const noexcept { return raw_; }

private:
    hubspot_verifier *raw_ = nullptr;
};

/// Parses a body without a signature check.
inline Batch parse(std::string_view body, const hubspot_options &options = Options()) {
    hubspot_batch *b = nullptr;
    detail::check(hubspot_parse(detail::bytes(body), body.size(), &options, &b));
    return Batch(b);
}

/// Diagnoses a request (the verdict, and after a signature failure what would have made it
/// pass). Advice only: the verdict is what verification says.
inline Diagnosis diagnose(const std::vector<std::string_view> &secrets, std::string_view method, std::string_view url,
                          const std::vector<Header> &headers, std::string_view body,
                          std::int64_t now_ms = hubspot_now_ms(), const hubspot_options &options = Options()) {
    auto c = detail::c_bytes(secrets);
    auto h = detail::c_headers(headers);
    hubspot_diagnosis *d = nullptr;
    detail::check(hubspot_diagnose(c.data(), c.size(), &options, detail::bytes(method), method.size(), detail::bytes(url),
                                   url.size(), h.data(), h.size(), detail::bytes(body), body.size(), now_ms, &d));
    return *detail::take(d);
}

/// A request as HubSpot would send it (`fixture`), for testing a receiver.
struct Fixture {
    std::string method, url, body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// The headers as `Verifier::verify_and_parse` takes them (views into this fixture).
    std::vector<Header> header_views() const {
        std::vector<Header> out;
        for (const auto &h : headers) out.push_back(Header{h.first, h.second});
        return out;
    }
};

/// The fixture options, starting from the defaults.
struct FixtureOptions : hubspot_fixture_options {
    // Cannot fail: the size is this header's own.
    FixtureOptions() : hubspot_fixture_options() {
        hubspot_fixture_options_init(static_cast<hubspot_fixture_options *>(this), sizeof(hubspot_fixture_options));
    }
};

/// A delivery of events of the given types (`fixture_types()`), signed with `secret` at `now_ms`.
inline Fixture fixture(const std::vector<std::string_view> &types, std::string_view secret,
                       std::int64_t now_ms = hubspot_now_ms(), const hubspot_fixture_options &options = FixtureOptions()) {
    auto c = detail::c_bytes(types);
    hubspot_fixture *f = nullptr;
    detail::check(hubspot_fixture_new(c.data(), c.size(), detail::bytes(secret), secret.size(), now_ms, &options, &f));
    hubspot_str method{}, url{}, body{};
    const hubspot_header *h = nullptr;
    std::size_t n = 0;
    hubspot_fixture_request(f, &method, &url, &body);
    hubspot_fixture_headers(f, &h, &n);
    Fixture out{std::string(method.ptr, method.len), std::string(url.ptr, url.len), std::string(body.ptr, body.len), {}};
    for (std::size_t i = 0; i < n; i++)
        out.headers.emplace_back(std::string(reinterpret_cast<const char *>(h[i].name), h[i].name_len),
                                 std::string(reinterpret_cast<const char *>(h[i].value), h[i].value_len));
    hubspot_fixture_free(f);
    return out;
}

/// The types `fixture` makes (HubSpot's subscription types, then the Custom Channels types).
inline std::vector<std::string_view> fixture_types() {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < hubspot_fixture_type_count(); i++) out.emplace_back(hubspot_fixture_type_name(i));
    return out;
}

/// The headers HubSpot would send with a delivery (for testing your own handler).
inline std::vector<std::pair<std::string, std::string>> signed_headers(std::string_view secret, std::string_view method,
                                                                        std::string_view url, std::string_view body,
                                                                        std::int64_t timestamp_ms) {
    hubspot_signed_headers *h = nullptr;
    detail::check(hubspot_signed_headers_new(detail::bytes(secret), secret.size(), detail::bytes(method), method.size(),
                                             detail::bytes(url), url.size(), detail::bytes(body), body.size(),
                                             timestamp_ms, &h));
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t i = 0; i < hubspot_signed_headers_count(h); i++) {
        hubspot_str name, value;
        if (hubspot_signed_headers_get(h, i, &name, &value) == HUBSPOT_STATUS_OK)
            out.emplace_back(std::string(name.ptr, name.len), std::string(value.ptr, value.len));
    }
    hubspot_signed_headers_free(h);
    return out;
}

/// The v1 signature of a body (64 hex chars).
inline std::string sign_v1(std::string_view secret, std::string_view body) {
    return detail::text([&](char *buf, std::size_t len, std::size_t *out_len) {
        return hubspot_sign_v1(detail::bytes(secret), secret.size(), detail::bytes(body), body.size(), buf, len, out_len);
    });
}

/// The v3 signature of a request (44 chars of base64).
inline std::string sign_v3(std::string_view secret, std::string_view method, std::string_view url,
                           std::string_view body, std::string_view timestamp) {
    return detail::text([&](char *buf, std::size_t len, std::size_t *out_len) {
        return hubspot_sign_v3(detail::bytes(secret), secret.size(), detail::bytes(method), method.size(),
                               detail::bytes(url), url.size(), detail::bytes(body), body.size(),
                               detail::bytes(timestamp), timestamp.size(), buf, len, out_len);
    });
}

} // namespace hubspot_webhooks

#endif // HUBSPOT_WEBHOOKS_HPP
