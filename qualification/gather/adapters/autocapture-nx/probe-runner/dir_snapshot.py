"""The platform's data dir as it was right after the load, put back before every probe step (stdlib only).

Every step is a fork of one loaded platform, so its memory starts pristine; its files would not: the real
platform writes its data dir while it serves calls (ledger, journal, audit DB, keyring). Restoring the dir to
the post-load snapshot before each step makes each step see exactly what a fresh load would, whatever ran
before it — so run 1 and run 2, which see other plugins' steps in another order, stay comparable.

Files are restored in place (same inode) where they still exist: the loaded platform may hold them open (the
audit DB), and a descriptor pointing at a deleted inode would see the previous step's writes.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024


class DirSnapshot:
    def __init__(self, root: Path, max_bytes: int = MAX_SNAPSHOT_BYTES):
        self.root = root
        self.files: dict[str, bytes] = {}
        self.dirs: set[str] = set()
        self.complete = True
        total = 0
        for current, dirnames, filenames in os.walk(root):
            rel_dir = os.path.relpath(current, root)
            for name in dirnames:
                self.dirs.add(os.path.normpath(os.path.join(rel_dir, name)))
            for name in filenames:
                path = os.path.join(current, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue
                with open(path, "rb") as handle:
                    data = handle.read(max_bytes - total + 1)
                total += len(data)
                if total > max_bytes:
                    self.complete, self.files, self.dirs = False, {}, set()
                    return
                self.files[os.path.normpath(os.path.join(rel_dir, name))] = data

    def restore(self) -> None:
        if not self.complete:
            return
        present_dirs: list[str] = []
        for current, dirnames, filenames in os.walk(self.root):
            rel_dir = os.path.relpath(current, self.root)
            for name in dirnames:
                present_dirs.append(os.path.normpath(os.path.join(rel_dir, name)))
            for name in filenames:
                rel = os.path.normpath(os.path.join(rel_dir, name))
                if rel not in self.files:
                    os.unlink(os.path.join(current, name))
        for rel in sorted(present_dirs, key=len, reverse=True):
            full = self.root / rel
            if rel not in self.dirs:
                if full.is_symlink():
                    full.unlink()
                else:
                    shutil.rmtree(full, ignore_errors=True)
        for rel in sorted(self.dirs):
            (self.root / rel).mkdir(parents=True, exist_ok=True)
        for rel, data in self.files.items():
            self._put(self.root / rel, data)

    @staticmethod
    def _put(path: Path, data: bytes) -> None:
        try:
            with open(path, "r+b") as handle:
                if handle.read(len(data) + 1) == data:
                    return
                handle.seek(0)
                handle.write(data)
                handle.truncate()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
