"""Start a central store in a child process and wait until it answers (demo, bench, tests)."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """On Linux, ask the kernel to stop the server when the program that started it dies
    (a killed demo must not leave a server running)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except OSError:
        pass


class EmbeddedServer:
    def __init__(
        self,
        database_url: str,
        log: Path,
        port: int | None = None,
        *,
        host: str = "127.0.0.1",
        tls_cert: Path | None = None,
        tls_key: Path | None = None,
        ca_bundle: Path | None = None,
        python: str = sys.executable,
        env: dict[str, str] | None = None,
        workers: int = 1,
        extra: tuple[str, ...] = (),
    ) -> None:
        self.workers = workers
        self.extra = extra  # more ``central serve`` options, such as --log-format json
        self.python = python  # another environment's interpreter (the installed-wheel test)
        self.env = env
        self.database_url = database_url
        self.port = port or free_port()
        self.host = host
        self.tls = tls_cert is not None
        self.tls_cert, self.tls_key, self.ca_bundle = tls_cert, tls_key, ca_bundle
        self.url = f"{'https' if self.tls else 'http'}://{host}:{self.port}"
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        # The same command an authority runs (``iro-desktop central serve``), so what the
        # demo and the tests start is what is deployed.
        cmd = [self.python, "-m", "iro_desktop", "central", "serve",
               "--database", self.database_url, "--host", self.host,
               "--port", str(self.port)]  # fmt: skip
        if self.tls_cert is not None and self.tls_key is not None:
            cmd += ["--tls-cert", str(self.tls_cert), "--tls-key", str(self.tls_key)]
        if self.workers > 1:
            cmd += ["--workers", str(self.workers)]
        cmd += list(self.extra)
        return cmd

    def start(self, deadline_s: float = 30.0) -> EmbeddedServer:
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
                env={**(os.environ if self.env is None else self.env), "PYTHONUNBUFFERED": "1"},
            )
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline:  # bounded readiness poll
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"the central store exited ({self.proc.returncode}); see {self.log}"
                )
            if self._ready():
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the central store did not start in time")

    def _ready(self) -> bool:
        if self.tls and self.ca_bundle is None:
            # No way to verify the certificate here: a listening socket is enough.
            try:
                with socket.create_connection((self.host, self.port), timeout=1.0):
                    return True
            except OSError:
                return False
        verify: ssl.SSLContext | bool = True
        if self.ca_bundle is not None:
            verify = ssl.create_default_context(cafile=str(self.ca_bundle))
        try:
            return httpx.get(f"{self.url}/ready", timeout=1.0, verify=verify).status_code == 200
        except httpx.HTTPError:
            return False

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
