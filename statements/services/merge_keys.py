"""Serialise merging per actor: two workers storing the same words must not both miss
the other's statement.

Folding looks for an earlier statement of the same actor with the same words. Two
transactions storing copies of one quote at once would each find nothing (neither sees
the other's uncommitted row) and keep two statements. Each transaction that stores or
merges an actor's statements first takes a PostgreSQL advisory lock on that actor, held
until it commits, so the second waits and then finds the first one's statement.
"""

from django.db import connection

# The first of pg_advisory_xact_lock's two int4 keys: keeps these locks apart from any
# other advisory locks in the database ("merg").
LOCK_SPACE = 0x6D657267


def merge_keys_lock(*, actor_ids) -> None:
    """Take the merge locks of these actors until the surrounding transaction ends.

    Locks are taken in one order (by key) so that two articles naming the same actors
    in another order cannot deadlock. Called inside transaction.atomic; SQLite (the
    embedded mode, one writer at a time) needs nothing.
    """
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("merge_keys_lock() must run inside transaction.atomic().")
    # Ids are bigints; the lock key is an int4. Two actors sharing a key only wait for
    # each other, which is harmless.
    keys = sorted({actor_id & 0x7FFFFFFF for actor_id in actor_ids if actor_id is not None})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, key])
