"""Helpers shared by tests that start real processes (workers, web servers, Redis)."""
