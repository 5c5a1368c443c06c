"""The registry of issued certificates, kept by the instructor beside the key.

``<course root>/certificate-registry.json`` (0600, replaced atomically) holds one entry
per certificate ever issued, keyed by its certificate id (the verification code)::

    {"format": 1, "certificates": {"65C51-14D06-3F557-B88B4": {
        "learner": "bob", "exam": "hipaa_exam", "exam_title": "...", "score": "12",
        "max_score": "14", "percent": "85.7", "content_version": "...", "submitted_at": "...",
        "graded_at": "...", "issued_at": "...", "status": "valid" | "revoked",
        "revoked_at": "...", "reason": "..."}}}

``verify`` trusts this file, not the certificate presented: a code that is not here,
or is revoked, or whose facts differ, fails.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CertificateError
from .private import write_atomic

REGISTRY_NAME = "certificate-registry.json"
FORMAT = 1
VALID, REVOKED = "valid", "revoked"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Registry:
    """Issued certificates by code. ``load`` then change, then ``save``."""

    path: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path, *, must_exist: bool = False) -> "Registry":
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if must_exist:
                raise CertificateError(f"{path}: no certificate registry here: verify where the "
                                       "certificates were issued (the course root that holds it)") from None
            return cls(path)
        except OSError as exc:
            raise CertificateError(f"{path}: cannot read the certificate registry: {exc.strerror}") from None
        try:
            data = json.loads(raw)
            entries = data["certificates"]
            if data.get("format") != FORMAT or not isinstance(entries, dict) or not all(
                    isinstance(v, dict) for v in entries.values()):
                raise ValueError
        except (ValueError, KeyError, TypeError):
            raise CertificateError(f"{path}: the certificate registry is damaged (not format {FORMAT} JSON); "
                                   "restore it from a backup") from None
        return cls(path, {str(k): {str(a): str(b) for a, b in v.items()} for k, v in entries.items()})

    def save(self) -> None:
        text = json.dumps({"format": FORMAT, "certificates": self.entries}, indent=1, sort_keys=True)
        write_atomic(self.path, (text + "\n").encode())

    def get(self, code: str) -> dict[str, str] | None:
        return self.entries.get(code)

    def valid_for(self, learner: str, exam: str) -> list[str]:
        """Codes of the valid certificates of one learner for one exam."""
        return [c for c, e in self.entries.items()
                if e.get("learner") == learner and e.get("exam") == exam and e.get("status") == VALID]

    def issue(self, code: str, facts: dict[str, str]) -> None:
        self.entries[code] = {**facts, "issued_at": now_iso(), "status": VALID}

    def revoke(self, code: str, reason: str) -> bool:
        """Mark ``code`` revoked; False if it is unknown or already revoked."""
        entry = self.entries.get(code)
        if entry is None or entry.get("status") == REVOKED:
            return False
        entry.update(status=REVOKED, revoked_at=now_iso(), reason=reason)
        return True
