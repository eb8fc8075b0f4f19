//! A Custom Channels delivery's answer (status 2 of the batch protocol, [`crate::protocol`]): one
//! JSON text with the event as the core serialises it (its `Serialize`: HubSpot's names, IDs as
//! text, times as text plus Unix ms, `dedupKey`, `rawJson`), crossing once per delivery.

use hubspot_webhooks::{ChannelDelivery, Verified};

use crate::json::Json;
use crate::protocol::rejected_json;

/// The numbers of a Custom Channels delivery: status 2 and the length.
pub const CHANNEL: [f64; 2] = [2.0, 2.0];

/// A Custom Channels delivery's text (status 2): `{"version","secretIndex","event","rejected"}`,
/// the event as the core serialises it (`null` when partial parsing rejected it).
pub fn channel(verified: Option<Verified>, delivery: &ChannelDelivery) -> String {
    let mut out = Json::with_capacity(1024);
    out.raw("{\"version\":");
    match verified {
        Some(v) => {
            out.string(v.version.as_str());
            out.raw(",\"secretIndex\":");
            out.uint(v.secret_index);
        }
        None => out.raw("null,\"secretIndex\":null"),
    }
    out.raw(",\"event\":");
    match &delivery.event {
        Some(event) => out.serialize(event),
        None => out.raw("null"),
    }
    out.raw(",\"rejected\":");
    rejected_json(&mut out, delivery.rejected.as_slice());
    out.byte(b'}');
    out.finish()
}
