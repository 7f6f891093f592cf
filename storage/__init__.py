"""The workspace: encrypted SQLite, key slots, keyring, audit log and the use cases.

This is the one place where SQLCipher stands in for the `pysqlite3` module that
sqlite-utils knows how to use. sqlite-utils catches the error classes of the module it
imported; without this alias it would catch `sqlite3`'s classes and miss SQLCipher's, and
its fallbacks (``insert(..., alter=True)`` among them) would break on an encrypted
connection. It must run before anything imports sqlite_utils, so it lives here, in the
package's first lines.
"""

import sys

import sqlcipher3
import sqlcipher3.dbapi2

sys.modules["pysqlite3"] = sqlcipher3
sys.modules["pysqlite3.dbapi2"] = sqlcipher3.dbapi2

if "sqlite_utils" in sys.modules:  # pragma: no cover - a wiring mistake, caught in tests
    _utils = sys.modules.get("sqlite_utils.utils")
    if _utils is not None and getattr(_utils, "sqlite3", None) is not sqlcipher3:
        raise ImportError("sqlite_utils was imported before storage; import storage first")
