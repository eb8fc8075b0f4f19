//! One delivery, two shapes (docs/decisions.md, items 13 and 15): the body decides, never a
//! header. A JSON array is a Webhooks API batch; a JSON object whose `type` is a string is one
//! Custom Channels event; anything else is `invalid_batch`.

use crate::batch::{body_text, not_an_array, scan_batch, skip_ws, Batch, RejectedEvent};
use crate::channel::{channel_members, parse_channel_members, ChannelEvent};
use crate::error::Result;
use crate::schema::Event;
use crate::text::Text;
use crate::Options;

/// Which family a delivery belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliveryKind {
    /// A Webhooks API batch (CRM and Conversations events).
    Batch,
    /// One Conversations Custom Channels event.
    Channel,
}

impl DeliveryKind {
    /// `"batch"` or `"channel"`, the same in every binding.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeliveryKind::Batch => "batch",
            DeliveryKind::Channel => "channel",
        }
    }
}

/// A Custom Channels delivery: the event, or with partial parsing, why it could not be typed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChannelDelivery {
    /// The typed event; `None` only when partial parsing rejected it.
    pub event: Option<ChannelEvent>,
    /// With partial parsing: the event that could not be typed (index 0), with its raw JSON.
    pub rejected: Option<RejectedEvent>,
}

/// What a request body holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivery {
    /// A Webhooks API batch.
    Batch(Batch),
    /// A Custom Channels event (boxed: a batch is a few words, an event is larger).
    Channel(Box<ChannelDelivery>),
}

impl Delivery {
    /// Which family arrived.
    pub fn kind(&self) -> DeliveryKind {
        match self {
            Delivery::Batch(_) => DeliveryKind::Batch,
            Delivery::Channel(_) => DeliveryKind::Channel,
        }
    }

    /// The batch's events; empty for a Custom Channels delivery (so code written for batches
    /// keeps working on a shared endpoint).
    pub fn events(&self) -> &[Event] {
        match self {
            Delivery::Batch(batch) => &batch.events,
            Delivery::Channel(_) => &[],
        }
    }

    /// The events partial parsing rejected (for a Custom Channels delivery, the one event).
    pub fn rejected(&self) -> &[RejectedEvent] {
        match self {
            Delivery::Batch(batch) => &batch.rejected,
            Delivery::Channel(channel) => channel.rejected.as_slice(),
        }
    }

    /// The batch, for a Webhooks API delivery.
    pub fn batch(&self) -> Option<&Batch> {
        match self {
            Delivery::Batch(batch) => Some(batch),
            Delivery::Channel(_) => None,
        }
    }

    /// The Custom Channels event, for a Custom Channels delivery.
    pub fn channel_event(&self) -> Option<&ChannelEvent> {
        match self {
            Delivery::Batch(_) => None,
            Delivery::Channel(channel) => channel.event.as_ref(),
        }
    }
}

/// Parses a request body, batch or Custom Channels event (no signature check: use
/// [`crate::verify_and_parse`] for requests). Honours `max_body_bytes`, `max_events` and
/// `partial` of `options`.
pub fn parse_delivery(body: &[u8], options: &Options) -> Result<Delivery> {
    let text = body_text(body, options)?;
    let start = skip_ws(text.as_bytes(), 0);
    let object = text.as_bytes().get(start) == Some(&b'{');
    if let Some(members) = object.then(|| channel_members(text)).flatten() {
        let raw = Text::from(text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')));
        return match parse_channel_members(raw.clone(), members) {
            Ok(event) => Ok(Delivery::Channel(Box::new(ChannelDelivery {
                event: Some(event),
                rejected: None,
            }))),
            Err(error) if options.partial => Ok(Delivery::Channel(Box::new(ChannelDelivery {
                event: None,
                rejected: Some(RejectedEvent {
                    index: 0,
                    error: error.with_index(0),
                    raw: raw.to_string(),
                }),
            }))),
            Err(error) => Err(error),
        };
    }
    if text.as_bytes().get(start) == Some(&b'[') {
        return scan_batch(text, options).map(Delivery::Batch);
    }
    Err(not_an_array(text, start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn the_body_decides() {
        let strict = Options::default();
        let partial = Options {
            partial: true,
            ..Options::default()
        };
        assert_eq!(parse_delivery(b"[]", &strict).unwrap().kind(), DeliveryKind::Batch);
        let cc = br#" {"type":"CHANNEL_ACCOUNT_PURGED","portalId":"1","channelId":"2","channelAccountId":"3"} "#;
        let d = parse_delivery(cc, &strict).unwrap();
        assert_eq!(d.kind(), DeliveryKind::Channel);
        assert!(d.events().is_empty());
        assert_eq!(d.channel_event().unwrap().channel_account_id.as_deref(), Some("3"));
        for (body, code) in [
            (&br#"{"type":5}"#[..], ErrorCode::InvalidBatch),
            (br#"{"events":[]}"#, ErrorCode::InvalidBatch),
            (br#"{"type":"X""#, ErrorCode::InvalidJson),
            (b"42", ErrorCode::InvalidBatch),
            (b"", ErrorCode::InvalidJson),
            (br#"{"type":"X","portalId":"1"}"#, ErrorCode::InvalidEvent),
        ] {
            assert_eq!(
                parse_delivery(body, &strict).unwrap_err().code(),
                code,
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let d = parse_delivery(br#"{"type":"X","portalId":"1"}"#, &partial).unwrap();
        assert_eq!(d.rejected().len(), 1);
        assert_eq!(d.rejected()[0].error.field(), Some("channelId"));
        assert!(d.channel_event().is_none());
    }
}
