from django.urls import path

from webhook_apps import django_async, django_proxied, django_webhook

urlpatterns = [
    path("hubspot/webhook", django_webhook),
    path("proxied", django_proxied),
    path("async", django_async),
]
