"""The workspace: encrypted SQLite, key slots, keyring, audit log and the use cases.

Every database connection is SQLCipher's (`sqlcipher3`), made in storage/connection.py.
"""
