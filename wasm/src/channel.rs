//! A Custom Channels delivery's answer (status 2 of the batch protocol, [`crate::protocol`]): one
//! JSON text with the event as the core serialises it (its `Serialize`: HubSpot's names, IDs as
//! text, times as text plus Unix ms, `dedupKey`, `rawJson`), crossing once per delivery.

use hubspot_webhooks::{ChannelDelivery, ChannelEvent, Verified};
use serde::Serialize;

use crate::json::{json_text, rejected, Rejected};

/// The numbers of a Custom Channels delivery: status 2 and the length.
pub const CHANNEL: [f64; 2] = [2.0, 2.0];

/// A Custom Channels delivery's text (status 2): `{"version","secretIndex","event","rejected"}`,
/// the event as the core serialises it (`null` when partial parsing rejected it).
pub fn channel(verified: Option<Verified>, delivery: &ChannelDelivery) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        version: Option<&'static str>,
        secret_index: Option<usize>,
        event: Option<&'a ChannelEvent>,
        rejected: Vec<Rejected<'a>>,
    }
    json_text(&Out {
        version: verified.map(|v| v.version.as_str()),
        secret_index: verified.map(|v| v.secret_index),
        event: delivery.event.as_ref(),
        rejected: rejected(&delivery.rejected),
    })
}
