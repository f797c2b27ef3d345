"""Read-side queries, one module per consumer (dashboard, api).

Kept empty on purpose: importing the package must not pull in any consumer's module.
"""
