"""FastAPI helpers: the same as :mod:`hubspot_webhooks.starlette` (FastAPI is Starlette)."""

from .starlette import HubSpotWebhook, receive, verify_request

__all__ = ["HubSpotWebhook", "receive", "verify_request"]
