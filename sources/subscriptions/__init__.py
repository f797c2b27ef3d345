"""Subscriptions: feeds and sites polled by Celery beat for new articles."""
