"""Webhooks: subscribers hear about contradictions as they are detected and reviewed.

`services` registers webhooks and records deliveries, `transport` is the one place a
delivery touches the network, `tasks` (statements.tasks) sends them with retries.
"""
