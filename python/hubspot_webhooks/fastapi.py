"""FastAPI helpers: the same as :mod:`hubspot_webhooks.starlette` (FastAPI is Starlette)."""

from .starlette import HubSpotWebhook, verify_request

__all__ = ["HubSpotWebhook", "verify_request"]
