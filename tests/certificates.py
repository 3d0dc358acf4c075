"""Self-signed test certificates (each its own root) with a key, as PKCS#12 and as PEM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Cert:
    p12: Path
    pem: Path


def make_cert(folder: Path, stem: str, common_name: str, password: str, organization: str | None = None) -> Cert:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attributes)
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    p12, pem = folder / f"{stem}.p12", folder / f"{stem}.pem"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            stem.encode(), key, cert, None, serialization.BestAvailableEncryption(password.encode())
        )
    )
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Cert(p12, pem)
