"""A throwaway PostgreSQL database for commands that must not touch the real data."""

import os

from django.db import connections


class ScratchDatabase:
    """A fresh, migrated database for the default connection, dropped on exit."""

    def __init__(self, purpose: str = "scratch"):
        self.purpose = purpose

    def __enter__(self) -> str:
        self.connection = connections["default"]
        self.old_name = self.connection.settings_dict["NAME"]
        self.old_test = dict(self.connection.settings_dict.get("TEST") or {})
        name = f"gainsay_{self.purpose}_{os.getpid()}"
        self.connection.settings_dict["TEST"] = {**self.old_test, "NAME": name}
        self.connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return name

    def __exit__(self, *exc) -> None:
        self.connection.creation.destroy_test_db(self.old_name, verbosity=0)
        self.connection.settings_dict["TEST"] = self.old_test
