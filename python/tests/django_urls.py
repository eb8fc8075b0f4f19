from django.urls import path, re_path

from http_apps import DJANGO_ROUTED
from http_apps import django_webhook as django_cases
from webhook_apps import django_async, django_proxied, django_webhook

urlpatterns = [
    path("hubspot/webhook", django_webhook),
    path("proxied", django_proxied),
    path("async", django_async),
    re_path(r"^webhook(?:/.*)?$", django_cases),
    *(path(f"routed/{name}", view) for name, view in DJANGO_ROUTED.items()),
]
