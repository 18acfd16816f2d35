"""TLS, proven: the central store served over HTTPS with a throwaway certificate authority.

The laptop syncs when it is given the authority's CA bundle, and refuses (a clear error,
nothing changed on the laptop or the server) without it, with the wrong CA, with an
expired certificate, and with a certificate for another host name.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import func, select

from iro_desktop.central import admin
from iro_desktop.central.embedded import EmbeddedServer
from iro_desktop.central.store import CentralStore
from iro_desktop.store.schema import ChangeLog, SyncState
from iro_desktop.sync import state
from iro_desktop.sync.errors import CertificateError
from tests.sync.harness import Laptop

NOW = datetime.now(UTC)


@dataclass
class Authority:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    pem: Path


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


_CA_USAGE = x509.KeyUsage(
    digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
    key_encipherment=False, data_encipherment=False, key_agreement=False,
    encipher_only=False, decipher_only=False,
)  # fmt: skip


def make_ca(folder: Path, label: str) -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Test authority {label}"))
        .issuer_name(_name(f"Test authority {label}"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=1))
        .not_valid_after(NOW + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_CA_USAGE, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = folder / f"ca-{label}.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Authority(key, cert, pem)


def make_server_cert(
    ca: Authority,
    folder: Path,
    label: str,
    *,
    names: tuple[str, ...] = ("localhost",),
    ips: tuple[str, ...] = ("127.0.0.1",),
    expired: bool = False,
) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    start, end = (
        (NOW - timedelta(days=30), NOW - timedelta(days=1))
        if expired
        else (NOW - timedelta(days=1), NOW + timedelta(days=30))
    )
    sans: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    sans += [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(names[0] if names else "server"))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(sans), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"server-{label}.pem", folder / f"server-{label}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class TlsCentral:
    store: CentralStore
    ca: Authority
    other_ca: Authority
    good: EmbeddedServer
    expired: EmbeddedServer
    wrong_name: EmbeddedServer

    def token(self) -> tuple[str, str]:
        email = f"{uuid.uuid4().hex[:8]}@example.org"
        admin.add_iro(self.store, email, "TLS IRO")
        return email, admin.issue_token(self.store, email)

    def changes(self) -> int:
        with self.store.reading() as s:
            return int(s.scalar(select(func.count()).select_from(ChangeLog)) or 0)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsCentral]:
    tmp = tmp_path_factory.mktemp("tls")
    ca, other = make_ca(tmp, "ours"), make_ca(tmp, "other")
    url = f"sqlite:///{tmp / 'central.db'}"
    store = CentralStore(url)
    store.upgrade()
    servers: list[EmbeddedServer] = []
    try:
        for label, kwargs in (
            ("good", {}),
            ("expired", {"expired": True}),
            ("wrong-name", {"names": ("central.other-borough.example",), "ips": ()}),
        ):
            cert, key = make_server_cert(ca, tmp, label, **kwargs)  # type: ignore[arg-type]
            server = EmbeddedServer(
                url, tmp / f"{label}.log", tls_cert=cert, tls_key=key,
                ca_bundle=ca.pem if label == "good" else None,
            )  # fmt: skip
            servers.append(server.start())
        yield TlsCentral(store, ca, other, *servers)
    finally:
        for server in servers:
            server.stop()
        store.dispose()


def _sync_state(laptop: Laptop) -> dict[str, str]:
    with laptop.caseload.session() as s:
        return {row.key: row.value for row in s.scalars(select(SyncState))}


def test_the_server_speaks_https_only(tls: TlsCentral) -> None:
    assert tls.good.url.startswith("https://127.0.0.1:")
    import httpx

    with pytest.raises(httpx.HTTPError):
        httpx.get(tls.good.url.replace("https://", "http://") + "/health", timeout=3.0)


def test_syncs_with_the_authoritys_ca_bundle(tls: TlsCentral, tmp_path: Path) -> None:
    email, token = tls.token()
    laptop = Laptop.make(tmp_path, "laptop", email)
    try:
        laptop.caseload  # noqa: B018
        from iro_desktop.sync.connect import connect

        who = connect(laptop.caseload, tls.good.url, token, ca_bundle=str(tls.ca.pem))
        assert who.email == email
        child = laptop.add_child(f"T{uuid.uuid4().hex[:6]}")
        summary = laptop.sync()
        assert summary.applied == 2 and summary.conflicts == 0
        with tls.store.reading() as s:
            logged = s.scalar(
                select(func.count()).select_from(ChangeLog).where(ChangeLog.child_id == child)
            )
        assert logged == 2
        # localhost is on the certificate too
        connect(laptop.caseload, tls.good.url.replace("127.0.0.1", "localhost"), token,
                ca_bundle=str(tls.ca.pem))  # fmt: skip
        assert laptop.sync().pushed == 0
    finally:
        laptop.caseload.close()


@pytest.mark.parametrize(
    ("server", "ca", "reason"),
    [
        ("good", None, "unable to get local issuer certificate"),
        ("good", "other", "unable to get local issuer certificate"),
        ("expired", "ours", "certificate has expired"),
        ("wrong-name", "ours", "Hostname mismatch, certificate is not valid for 'localhost'"),
    ],
    ids=["no-ca-bundle", "wrong-ca", "expired", "hostname-mismatch"],
)
def test_refuses_a_certificate_it_cannot_trust(
    tls: TlsCentral, tmp_path: Path, server: str, ca: str | None, reason: str
) -> None:
    from iro_desktop.sync.connect import connect

    target = {"good": tls.good, "expired": tls.expired, "wrong-name": tls.wrong_name}[server]
    bundle = {None: None, "ours": str(tls.ca.pem), "other": str(tls.other_ca.pem)}[ca]
    email, token = tls.token()
    laptop = Laptop.make(tmp_path, "laptop", email)
    try:
        child = laptop.add_child(f"T{uuid.uuid4().hex[:6]}")
        before_state, before_rows, before_central = (
            _sync_state(laptop),
            laptop.payloads(),
            tls.changes(),
        )
        url = target.url.replace("127.0.0.1", "localhost") if server == "wrong-name" else target.url
        with pytest.raises(CertificateError) as refused:
            connect(laptop.caseload, url, token, ca_bundle=bundle)
        message = str(refused.value)
        assert reason in message
        assert "certificate was not trusted" in message and "nothing was sent" in message
        # Nothing changed: not connected, the work still waiting, nothing reached the server.
        assert _sync_state(laptop) == before_state
        with laptop.caseload.session() as s:
            assert state.connection(s) is None
        assert laptop.payloads() == before_rows and child in laptop.child_ids()
        assert tls.changes() == before_central
    finally:
        laptop.caseload.close()


def test_a_connected_laptop_refuses_when_the_certificate_changes(
    tls: TlsCentral, tmp_path: Path
) -> None:
    """Connected with the right bundle, then pointed at an expired certificate: the sync
    fails with the certificate's reason and pushes nothing."""
    from iro_desktop.sync.connect import connect
    from iro_desktop.sync.run import sync

    email, token = tls.token()
    laptop = Laptop.make(tmp_path, "laptop", email)
    try:
        connect(laptop.caseload, tls.good.url, token, ca_bundle=str(tls.ca.pem))
        laptop.add_child(f"T{uuid.uuid4().hex[:6]}")
        with laptop.caseload.session() as s, s.begin():
            state.put(s, state.SERVER, tls.expired.url)
        before = tls.changes()
        with pytest.raises(CertificateError, match="certificate has expired"):
            sync(laptop.caseload)
        assert tls.changes() == before
        with laptop.caseload.session() as s:
            assert "certificate" in (state.get(s, state.LAST_ERROR) or "")
    finally:
        laptop.caseload.close()


def test_connect_command_takes_a_ca_bundle(tls: TlsCentral, tmp_path: Path) -> None:
    """``iro-desktop connect --ca-bundle`` then ``iro-desktop sync``, end to end."""
    import os
    import subprocess
    import sys

    from tests.sync.harness import PASSPHRASE

    email, token = tls.token()
    Laptop.make(tmp_path, "laptop", email).caseload.close()
    env = {**os.environ, "IRO_DESKTOP_PASSPHRASE": PASSPHRASE}
    base = [sys.executable, "-m", "iro_desktop", "--data-dir", str(tmp_path / "laptop")]
    refused = subprocess.run([*base, "connect", "--server", tls.good.url, "--token-stdin"],
                             input=token + "\n", capture_output=True, text=True, env=env,
                             timeout=60)  # fmt: skip
    assert refused.returncode == 1
    assert "certificate was not trusted" in refused.stderr
    ok = subprocess.run([*base, "connect", "--server", tls.good.url,
                         "--ca-bundle", str(tls.ca.pem)],
                        capture_output=True, text=True, env={**env, "IRO_DESKTOP_TOKEN": token},
                        timeout=60)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    synced = subprocess.run([*base, "sync"], capture_output=True, text=True, env=env, timeout=60)
    assert synced.returncode == 0, synced.stderr
    assert synced.stdout.startswith("Synced in")
