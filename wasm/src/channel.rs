//! A Custom Channels delivery's answer (status 2 of the batch protocol, [`crate::protocol`]): one
//! JSON text with the event as the core serialises it (its `Serialize`: HubSpot's names, IDs as
//! text, times as text plus Unix ms, `dedupKey`, `rawJson`), crossing once per delivery.

use hubspot_webhooks::{ChannelDelivery, ChannelEvent, Verified};
use serde::Serialize;

use crate::json::{error_answer, rejected, Rejected};

/// The numbers of a Custom Channels delivery: status 2 and the length.
pub const CHANNEL: [f64; 2] = [2.0, 2.0];

/// A Custom Channels delivery's text (status 2): `{"version","secretIndex","event","rejected"}`,
/// the event as the core serialises it (`null` when partial parsing rejected it); the answer of a
/// failure if it cannot be written (never, for the core's event): the core's error for the event
/// (`invalid_event`, as in every binding).
pub fn channel(verified: Option<Verified>, delivery: &ChannelDelivery) -> Result<String, String> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        version: Option<&'static str>,
        secret_index: Option<usize>,
        event: Option<&'a ChannelEvent>,
        rejected: Vec<Rejected<'a>>,
    }
    let out = Out {
        version: verified.map(|v| v.version.as_str()),
        secret_index: verified.map(|v| v.secret_index),
        event: delivery.event.as_ref(),
        rejected: rejected(&delivery.rejected),
    };
    // Only the event can fail to be written: the core's error for it.
    serde_json::to_string(&out).map_err(|e| error_answer(&ChannelEvent::unwritable(e)))
}
