"""The small pieces of cryptography the key slots and signing identities are built from.

- `derive`: Argon2id over a passphrase (or recovery key) gives 32 bytes of key material;
  HKDF-SHA256 turns that into a key for one purpose only (`subkey`), so one derivation
  never serves two uses.
- `wrap`/`unwrap`: AES-256-GCM under such a key, with associated data that binds the
  ciphertext to its workspace, slot and purpose.
- `seal`/`unseal`: encryption to an X25519 public key (an ephemeral key agreement, HKDF,
  AES-256-GCM). Anyone holding the public key can seal; only the holder of the private key,
  which is itself wrapped under the owner's passphrase, can unseal. This is what lets an
  admin give a user a new database key, or a new signing key, without knowing their
  passphrase, and never lets the admin read what was sealed to someone else.
"""

from __future__ import annotations

import base64
import secrets
import unicodedata
from typing import Annotated

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, ConfigDict, Field

B64 = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]*={0,2}$", max_length=4096)]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class Wrapped(BaseModel):
    """Bytes encrypted with AES-256-GCM under a symmetric key."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    nonce: B64
    ciphertext: B64


class Sealed(BaseModel):
    """Bytes sealed to an X25519 public key."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    ephemeral: B64
    nonce: B64
    ciphertext: B64


def derive(secret: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    return hash_secret_raw(
        secret=unicodedata.normalize("NFC", secret).encode("utf-8"),
        salt=salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=parallelism,
        hash_len=32,
        type=Type.ID,
    )


def subkey(material: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"caseroom/{purpose}".encode()
    ).derive(material)


def wrap(key: bytes, plaintext: bytes, aad: bytes) -> Wrapped:
    nonce = secrets.token_bytes(12)
    return Wrapped(nonce=b64(nonce), ciphertext=b64(AESGCM(key).encrypt(nonce, plaintext, aad)))


def unwrap(key: bytes, wrapped: Wrapped, aad: bytes) -> bytes:
    """The plaintext; raises cryptography's InvalidTag for a wrong key or changed bytes."""
    return AESGCM(key).decrypt(unb64(wrapped.nonce), unb64(wrapped.ciphertext), aad)


def new_keypair() -> tuple[bytes, bytes]:
    """A new X25519 key pair as raw (private, public) bytes."""
    from cryptography.hazmat.primitives import serialization  # (its SSH part is slow to load)

    private = X25519PrivateKey.generate()
    return (
        private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        ),
        public_of(private),
    )


def public_of(private: X25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def _seal_key(shared: bytes, ephemeral: bytes, recipient: bytes, purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral + recipient,
        info=f"caseroom/seal/{purpose}".encode(),
    ).derive(shared)


def seal(recipient: bytes, plaintext: bytes, purpose: str, aad: bytes) -> Sealed:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_of(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    key = _seal_key(shared, ephemeral_public, recipient, purpose)
    nonce = secrets.token_bytes(12)
    return Sealed(
        ephemeral=b64(ephemeral_public),
        nonce=b64(nonce),
        ciphertext=b64(AESGCM(key).encrypt(nonce, plaintext, aad)),
    )


def unseal(private: bytes, sealed: Sealed, purpose: str, aad: bytes) -> bytes:
    """The plaintext; raises InvalidTag when it was not sealed to this key (or was changed)."""
    own = X25519PrivateKey.from_private_bytes(private)
    ephemeral = unb64(sealed.ephemeral)
    shared = own.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    key = _seal_key(shared, ephemeral, public_of(own), purpose)
    return AESGCM(key).decrypt(unb64(sealed.nonce), unb64(sealed.ciphertext), aad)
