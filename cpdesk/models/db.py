"""The one place a store is opened: URLs, SQLite pragmas, migrations, backups.

A store is a SQLite file (the single-user default) or a PostgreSQL database (the team
database), through the same code. Opening a store applies any pending Alembic migration, after
copying a SQLite file aside with SQLite's backup API; a store made by a newer cpdesk is refused.
Encryption at rest, when it comes, is added here and nowhere else.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cpdesk.domain.errors import CpdeskError
from cpdesk.lazy import lazy_module

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def quick_head_revision() -> str | None:
    """The newest migration read straight from the migration files, without Alembic (None if
    they are not a simple line, which sends the caller to Alembic). A store already at head
    opens without importing Alembic and the template engine it brings: start-up (issue 10)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None
ENV_DATABASE_URL = "CPDESK_DATABASE_URL"
# loaded only to find the user's own file: a database named (--db, the last one used) never
# needs it (~2 ms of start-up: issue 10)
platformdirs = lazy_module("platformdirs")


class StoreError(CpdeskError):
    """The store cannot be opened as asked (with a message a user can act on)."""


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("cpdesk", appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "cpdesk.sqlite"


def to_url(url_or_path: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from a URL, a file path, CPDESK_DATABASE_URL, or the default file."""
    if url_or_path is None:
        url_or_path = os.environ.get(ENV_DATABASE_URL) or default_database_path()
    text = os.fspath(url_or_path)
    if "://" in text:
        if text.startswith("postgresql://"):
            # psycopg 3 is the driver cpdesk ships with.
            text = "postgresql+psycopg://" + text[len("postgresql://"):]
        if not (text.startswith(("sqlite", "postgresql"))):
            raise StoreError(f"{text.split('://')[0]}: only SQLite files and PostgreSQL are supported")
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


# SQLite's locking and WAL need a local disk: on a network file system or a folder a sync client
# rewrites behind its back, a database can be corrupted (sqlite.org/useovernet.html).
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "ncpfs", "fuse.sshfs", "davfs",
    "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "glusterfs", "ceph", "lustre", "gpfs",
})
SYNCED_FOLDER_NAMES = ("dropbox", "onedrive", "google drive", "googledrive", "my drive",
                       "icloud drive", "icloud~", "mobile documents", "box sync", "nextcloud",
                       "owncloud", "pcloud", "mega")


def _mount_type(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """The file system type of the mount holding `path` (Linux), or None if unknown."""
    try:
        lines = mounts_file.read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype


def check_local_disk(path: Path, mounts_file: Path = Path("/proc/mounts")) -> None:
    """Refuse a SQLite file on a network share or in a cloud-synced folder, saying why."""
    resolved = path.expanduser().resolve()
    text = str(resolved)
    advice = ("SQLite's locking does not work there and the records could be corrupted. Keep "
              "your own database on this computer's disk, and use the team database "
              "(File > Open > Team database, a postgresql:// address) to share records.")
    if text.startswith(("\\\\", "//")):
        raise StoreError(f"{path} is on a network share. {advice}")
    lowered = [part.lower() for part in resolved.parts]
    for name in SYNCED_FOLDER_NAMES:
        if any(part == name or part.startswith((name + " ", name + "-"))
               for part in lowered):
            raise StoreError(f"{path} is in a cloud-synced folder ({name}). {advice}")
    fstype = _mount_type(resolved.parent if not resolved.exists() else resolved, mounts_file)
    if fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.sshfs")):
        raise StoreError(f"{path} is on a network file system ({fstype}). {advice}")


def without_password(url: str) -> str:
    """A URL safe to remember or show: never with a password in it (a path is kept as it is)."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - not a URL: a file path
        return url
    return parsed._replace(password=None).render_as_string(hide_password=False)


def database_error_message(exc: BaseException) -> str | None:
    """The driver's first line for a database error, or None if `exc` is not one."""
    if not isinstance(exc, SQLAlchemyError):
        return None
    return str(getattr(exc, "orig", None) or exc).splitlines()[0]


def is_lost_race(exc: BaseException) -> bool:
    """Whether `exc` is a save that found the record at a newer revision than it read (someone
    else saved it meanwhile), where a service did not name who (StaleRecord)."""
    from sqlalchemy.orm.exc import StaleDataError

    return isinstance(exc, StaleDataError)


SQLITE_MMAP_SIZE = 1 << 32  # bytes; SQLite lowers it to its compile-time maximum


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a finalised record survives a power cut (records are evidence).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Read the file through memory mapping (up to SQLite's own limit, 2 GB by default) instead
    # of a read() call for each page not in the small page cache: a whole authority's alerts
    # touch pages all over a 2 GB file (issue 10: about a quarter of their SQL time).
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_SIZE}")
    cursor.close()


def _alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest migration, as Alembic reads the migrations folder."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config("sqlite://")).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    """The schema revision the store is at (None: a new, empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) > 1:  # several heads: only Alembic can say what to do
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return versions[0] if versions else None


def backup_sqlite(path: Path, stamp: str) -> Path:
    """Copy a live SQLite file aside with the backup API (safe with WAL, unlike a file copy)."""
    target = path.with_name(f"{path.stem}.before-{stamp}{path.suffix}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


@dataclass
class Store:
    """An open store: the engine and a session factory. Services open one session per action."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_name(self) -> str:
        url = make_url(self.url)
        if self.is_sqlite:
            return url.database or "memory"
        return f"{url.database} on {url.host or 'localhost'}"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back everything on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work on a bare connection, for an action written wholly in Core
        statements: commits on success, rolls back everything on any error. It skips the ORM
        session's own book-keeping, about a tenth of the work of finalising a visit (issue 10)."""
        with self.engine.connect() as connection:  # begins at its first statement
            try:
                yield connection
                connection.commit()
            except BaseException:
                connection.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def open_store(url_or_path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if need be) and migrate a store. Raises StoreError with a clear message."""
    url = to_url(url_or_path)
    sqlite_path: Path | None = None
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:":
            sqlite_path = Path(database)
            check_local_disk(sqlite_path)
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    except Exception as exc:  # the driver's own words, on one line
        engine.dispose()
        raise StoreError(f"cannot open {url_or_path or url}: {str(exc).splitlines()[0]}") from exc
    backup_path = None
    if current is None or current != quick_head_revision():
        backup_path = _check_and_migrate(engine, url, current, sqlite_path, migrate)
    if sqlite_path is not None:
        # Case records are personal data: only the owner may read the file.
        os.chmod(sqlite_path, 0o600)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Store(url=url, engine=engine, sessions=sessions, backup_path=backup_path)


def _check_and_migrate(
    engine: Engine, url: str, current: str | None, sqlite_path: Path | None, migrate: bool
) -> Path | None:
    """Refuse a store from a newer cpdesk; else back a SQLite file up and upgrade to head."""
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(url))
    head = script.get_current_head()
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        engine.dispose()
        raise StoreError(
            "this database was made by a newer version of cpdesk "
            f"(schema {current}); install the newer cpdesk to open it"
        )
    backup_path = None
    if migrate and current != head:
        if sqlite_path is not None and current is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            backup_path = backup_sqlite(sqlite_path, f"{current}-{stamp}")
        with engine.begin() as conn:
            cfg = _alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    return backup_path
