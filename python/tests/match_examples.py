"""Events in match statements (Python 3.10+): by class with keyword patterns, or by
(object_type, action)."""

import hubspot_webhooks as hw


def describe(event: hw.Event) -> str:
    match event:
        case hw.NewMessageEvent(message_type="MESSAGE" | "COMMENT" | "WELCOME_MESSAGE"):
            return "new message"
        case hw.ConversationPropertyChangeEvent(change="assigneeChanged"):
            return "assigned"
        case hw.PropertyChangeEvent(object_type="contact"):
            return "contact property"
        case hw.Event(object_type="deal", action="creation"):
            return "new deal"
    match (event.object_type, event.action):
        case ("company", "deletion"):
            return "company deleted"
        case (_, action):
            return action
