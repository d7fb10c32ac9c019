#!/usr/bin/env python3
"""Hold a SQLite lock on a DB until killed: a real second process, not a mock (qualification/gather/storage tests).

    python3 hold_lock.py <db> [exclusive|immediate]

Prints `locked` on stdout once the lock is held. `BEGIN EXCLUSIVE` (default) in rollback-journal mode blocks
every reader, so a read-only probe with a zero busy timeout gets SQLITE_BUSY at once. Nothing is written:
the transaction is never committed, and the process is killed (its lock released by the OS) at the end.
"""
import sqlite3
import sys
import time

sys.dont_write_bytecode = True
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
conn.execute(f"BEGIN {(sys.argv[2] if len(sys.argv) > 2 else 'exclusive').upper()}")
# An EXCLUSIVE lock is only taken when the transaction first touches the file; a read does that.
conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
print("locked", flush=True)
while True:
    time.sleep(3600)
