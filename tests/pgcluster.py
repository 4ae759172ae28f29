"""A throwaway PostgreSQL cluster for the storage tests: initdb + pg_ctl on a Unix socket.

Debian's postgresql package is installed by ``scripts/test.sh`` (and so by ``.ci/run``). The
cluster lives in a temporary folder, listens on no TCP port, and is stopped after the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class PgUnavailable(RuntimeError):
    pass


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path:
        return path
    raise PgUnavailable(f"{name} not found: install PostgreSQL with scripts/test.sh (apt-get install postgresql)")


class Cluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.dir / "data"
        self.port = 55000 + os.getpid() % 5000
        self.as_root = os.geteuid() == 0
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")

    def _run(self, *cmd: str) -> None:
        full = ["runuser", "-u", "postgres", "--", *cmd] if self.as_root else list(cmd)
        subprocess.run(full, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.dir, "postgres")
        self._run(_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8", "--locale=C.UTF-8")
        opts = f"-c listen_addresses='' -c unix_socket_directories={self.dir} -p {self.port} -c fsync=off"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", opts, "-w", "-l", str(self.dir / "log"), "start")
        return self.url("postgres")

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://{self.user}@/{db}?host={self.dir}&port={self.port}"

    def stop(self) -> None:
        try:
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
