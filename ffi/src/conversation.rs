//! The typed view of `conversation.*` events.

use hubspot_webhooks::ConversationChange;

use crate::batch::{hubspot_batch, on_event};
use crate::pointers::{hubspot_str, out, put};
use crate::status::hubspot_status;

/// What changed on a Conversations thread.
#[repr(u32)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum hubspot_conversation_change {
    /// `conversation.creation`
    Created = 1,
    /// `conversation.deletion` (archived)
    Deleted = 2,
    /// `conversation.privacyDeletion` (permanently deleted)
    PrivacyDeleted = 3,
    /// `conversation.propertyChange` on `assignedTo`: see `assignee`.
    AssigneeChanged = 4,
    /// `conversation.propertyChange` on `status`: see `status`.
    StatusChanged = 5,
    /// `conversation.propertyChange` on `isArchived`: see `archived`.
    ArchivedChanged = 6,
    /// `conversation.propertyChange` on another property: see `property_name`/`property_value`.
    PropertyChanged = 7,
    /// `conversation.newMessage`: see `message_id`/`message_type`.
    NewMessage = 8,
    /// Another `conversation.*` action: see `other_action`.
    #[default]
    Other = 9,
}

/// The typed view of a `conversation.*` event. Only the members named by `change` are set;
/// the other views have a NULL `ptr`. Views valid until the batch is freed. Frozen (ABI
/// rule: see README "ABI"): a new kind of change gets a new `hubspot_conversation_change`
/// value, and any data of its own a new function.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct hubspot_conversation {
    /// The thread id (`objectId`); see `has_thread_id`.
    pub thread_id: i64,
    /// Whether the event carries a thread id.
    pub has_thread_id: bool,
    /// What changed.
    pub change: hubspot_conversation_change,
    /// ASSIGNEE_CHANGED: the new assignee's user id; NULL `ptr` when unassigned.
    pub assignee: hubspot_str,
    /// STATUS_CHANGED: `"OPEN"`, `"CLOSED"` or another value as sent; NULL when none was sent.
    pub status: hubspot_str,
    /// ARCHIVED_CHANGED: the new value, when `has_archived`.
    pub archived: bool,
    /// ARCHIVED_CHANGED: whether the value was true or false in some spelling.
    pub has_archived: bool,
    /// PROPERTY_CHANGED: `propertyName`.
    pub property_name: hubspot_str,
    /// PROPERTY_CHANGED: `propertyValue` as a string.
    pub property_value: hubspot_str,
    /// NEW_MESSAGE: `messageId`.
    pub message_id: hubspot_str,
    /// NEW_MESSAGE: `messageType` (`"MESSAGE"`, `"COMMENT"`, `"WELCOME_MESSAGE"`, or as sent).
    pub message_type: hubspot_str,
    /// OTHER: the action as sent.
    pub other_action: hubspot_str,
}

/// The Conversations view of event `i`. `*out_is_conversation` is false for events that are
/// not `conversation.*` (then `*out` is left unwritten).
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_conversation(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_conversation,
    out_is_conversation: *mut bool,
) -> hubspot_status {
    on_event!(batch, i, |e| {
        let (out_view, out_is_conversation) = (out!(out), out!(out_is_conversation));
        let Some(conv) = e.conversation() else {
            return put(out_is_conversation, false);
        };
        // Every view absent, then the members `change` names.
        let mut view = hubspot_conversation {
            thread_id: conv.thread_id.unwrap_or(0),
            has_thread_id: conv.thread_id.is_some(),
            ..hubspot_conversation::default()
        };
        use hubspot_conversation_change as C;
        match conv.change {
            ConversationChange::Created => view.change = C::Created,
            ConversationChange::Deleted => view.change = C::Deleted,
            ConversationChange::PrivacyDeleted => view.change = C::PrivacyDeleted,
            ConversationChange::AssigneeChanged { assignee } => {
                view.change = C::AssigneeChanged;
                view.assignee = hubspot_str::of_opt(assignee);
            }
            ConversationChange::StatusChanged { status } => {
                view.change = C::StatusChanged;
                // The core's status is parsed from the property value, whose text it keeps
                // exactly; the view borrows that text from the batch.
                view.status = hubspot_str::of_opt(status.as_ref().and(e.property_value_str()));
            }
            ConversationChange::ArchivedChanged { archived } => {
                view.change = C::ArchivedChanged;
                view.archived = archived.unwrap_or(false);
                view.has_archived = archived.is_some();
            }
            ConversationChange::PropertyChanged { name, value } => {
                view.change = C::PropertyChanged;
                view.property_name = hubspot_str::of_opt(name);
                view.property_value = hubspot_str::of_opt(value);
            }
            ConversationChange::NewMessage {
                message_id,
                message_type,
            } => {
                view.change = C::NewMessage;
                view.message_id = hubspot_str::of_opt(message_id);
                view.message_type = hubspot_str::of_opt(message_type.map(|m| m.as_str()));
            }
            ConversationChange::Other(action) => view.other_action = hubspot_str::of(action),
            // A change kind a newer core adds: reported as OTHER with the action as sent.
            _ => view.other_action = hubspot_str::of(e.action.as_str()),
        }
        out_view.write(view);
        put(out_is_conversation, true)
    })
}
