"""`benchmark_api`: fill PostgreSQL, then time the API's list endpoints against raw SQL."""
