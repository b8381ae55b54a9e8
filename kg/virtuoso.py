"""Virtuoso, the server store for graphs past one process: its configuration, a server
started on free ports with its own database folder, and the bulk loader.

`kg push --bulk` writes the sorted N-Quads (graph.nq) into a folder the server may read
(DirsAllowed) and loads them with Virtuoso's bulk loader (ld_dir, rdf_loader_run, run
through isql), after clearing the graphs it replaces; on 1M quads that is seconds where
one HTTP PUT per graph is minutes. Debian packages the server as virtuoso-opensource
(`make virtuoso`); its isql client is `isql-vt`.

Two settings of the stock virtuoso.ini would give wrong answers, and write_ini changes
them: ResultSetMaxRows (10,000) cuts every larger result silently, and the default
DirsAllowed does not let the bulk loader read our folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError

SERVER = "virtuoso-t"
ISQL_NAMES = ("isql-vt", "isql-v")  # Debian's name first; `isql` alone is often unixODBC's
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")
MAX_ROWS = 10_000_000  # ResultSetMaxRows: far above any result a named query gives
LOADED_FILE = "graph.nq"


class VirtuosoError(KgError):
    """Virtuoso is missing, did not start, or refused a load."""


def isql_command() -> str:
    for name in ISQL_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise VirtuosoError("no Virtuoso isql client (isql-vt) on PATH: install virtuoso-opensource (make virtuoso)")


# --- the bulk loader -------------------------------------------------------------------------


def run_isql(address: str, script: str, user: str = "dba", password: str = "dba", timeout: float = 3600) -> str:
    """Run SQL statements (separated by ';' and newlines) through isql; its output."""
    # the statements go to isql's standard input, one a line (EXEC= takes at most 50)
    command = [isql_command(), address, user, password, "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF",
               "ERRORS=STDOUT"]
    try:
        result = subprocess.run(command, input=script, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise VirtuosoError(f"isql at {address} did not finish within {timeout:.0f} s") from None
    output = result.stdout + result.stderr
    if result.returncode != 0 or "*** Error" in output:
        raise VirtuosoError(f"isql at {address}: {' '.join(output.split())[:400]}")
    return output


def sql_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def bulk_load(address: str, dump: Path, load_dir: Path, graphs: list[str], user: str = "dba",
              password: str = "dba") -> float:
    """Replace ``graphs`` in the Virtuoso at ``address`` (isql host:port) with the quads of
    ``dump``, through the bulk loader; the seconds it took. ``load_dir`` must be a folder
    the server reads (in its DirsAllowed)."""
    started = time.perf_counter()
    load_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dump, load_dir / LOADED_FILE)
    folder = sql_string(str(load_dir.resolve()))
    statements = ["log_enable(3, 1)"]  # autocommit without a transaction log: a bulk load
    statements += [f"SPARQL CLEAR GRAPH <{graph}>" for graph in graphs]
    statements += [
        f"DELETE FROM DB.DBA.load_list WHERE ll_file = {sql_string(str((load_dir / LOADED_FILE).resolve()))}",
        f"ld_dir({folder}, {sql_string(LOADED_FILE)}, 'urn:kg:unused-default-graph')",
        "rdf_loader_run()",
        "checkpoint",
    ]
    run_isql(address, ";\n".join(statements) + ";", user, password)
    errors = run_isql(address, "SELECT ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;", user, password)
    if "NULL" not in errors and errors.strip() and "0 Rows" not in errors:
        raise VirtuosoError(f"the bulk loader refused {dump}: {' '.join(errors.split())[:400]}")
    (load_dir / LOADED_FILE).unlink(missing_ok=True)
    return time.perf_counter() - started


def push_bulk(out: Path, address: str, load_dir: Path) -> tuple[int, int, float]:
    """`kg push --bulk`: the built graph of ``out`` into the Virtuoso at ``address``;
    (graphs replaced, quads loaded, seconds). Credentials from KG_ENDPOINT_USER and
    KG_ENDPOINT_PASSWORD (Virtuoso's own dba/dba when unset)."""
    import json

    from kg.build import SHARED_GRAPHS
    from kg.publish import MANIFEST_FILE
    from kg.store import DUMP_FILE
    from kg.vocab import document_graph

    try:
        manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise KgError(f"no built graph in {out}/ (run `kg build` first)") from None
    graphs = [str(document_graph(d)) for d in sorted(manifest["documents"])] + [str(g) for g in SHARED_GRAPHS]
    user = os.environ.get("KG_ENDPOINT_USER", "dba")
    password = os.environ.get("KG_ENDPOINT_PASSWORD", "dba")
    seconds = bulk_load(address, (out / DUMP_FILE).resolve(), load_dir, graphs, user, password)
    return len(graphs), manifest["quads"], seconds


# --- a server of our own (tests, benchmarks) ----------------------------------------------------


def write_ini(folder: Path, sql_port: int, http_port: int, load_dir: Path, buffers: int = 100_000) -> Path:
    """A virtuoso.ini for a database in ``folder``, listening on the loopback only."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder.resolve()
    ini = folder / "virtuoso.ini"
    ini.write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
DirsAllowed = ., {load_dir.resolve()}
CaseMode = 2
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {VSP_ROOT}
ServerThreads = 4
MaxClientConnections = 8
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {MAX_ROWS}
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 600
""", encoding="utf-8")
    return ini


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    folder: Path
    sql_port: int
    http_port: int
    load_dir: Path

    @property
    def isql(self) -> str:
        return f"127.0.0.1:{self.sql_port}"

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(folder: Path, timeout: float = 120) -> Server:
    """Start a Virtuoso of its own in ``folder`` (created) on free loopback ports; returns
    once its SPARQL endpoint answers. Stop it with Server.stop()."""
    if shutil.which(SERVER) is None:
        raise VirtuosoError(f"{SERVER} is not installed: install virtuoso-opensource (make virtuoso)")
    load_dir = folder / "load"
    load_dir.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = write_ini(folder, sql_port, http_port, load_dir)
    process = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini.resolve())], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    server = Server(process, folder, sql_port, http_port, load_dir)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (folder / "virtuoso.log").read_text(errors="replace")[-600:] if (folder / "virtuoso.log").exists() else ""
            raise VirtuosoError(f"virtuoso-t exited ({process.returncode}): {log}")
        try:
            with urllib.request.urlopen(f"{server.sparql}?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise VirtuosoError(f"virtuoso-t did not answer on {server.sparql} within {timeout:.0f} s")
