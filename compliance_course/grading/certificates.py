"""HTML certificates for passing learners, each with a verification code, and their registry.

The code is an HMAC-SHA256 over the certificate's facts (learner, exam, score,
content version, dates) with a secret kept by the instructor (``$CERTIFICATE_SECRET``,
else ``<course root>/certificate.key``: at least 32 bytes, created 0600 in one step by
``certificates``, never by ``verify``, never committed). Every certificate issued is
recorded in the registry (:mod:`.registry`). ``verify`` checks the code, looks it up in the
registry (unknown or revoked: fails; facts differ: fails) and compares the whole file,
byte for byte, with the certificate regenerated from the registered facts: any name
pasted in, any content added, fails. ``certificates`` keeps the registry in step with
the grades: a learner who no longer passes has the certificate revoked and its file removed.
"""
from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CertificateError
from .course import AutograderDir
from .private import create_exclusive, private_dir, write_atomic
from .records import Record
from .registry import REGISTRY_NAME, REVOKED, Registry

FIELDS = ("learner", "exam", "exam_title", "score", "max_score", "percent", "content_version",
          "submitted_at", "graded_at")
DATA_RE = re.compile(r'<script type="application/json" id="certificate-data">(.*?)</script>', re.S)
KEY_NAME = "certificate.key"
MIN_SECRET_BYTES = 32
HOW_TO_MAKE = "python -c 'import secrets; print(secrets.token_hex(32))'"


def key_path(ag: AutograderDir) -> Path:
    return ag.root / KEY_NAME


def registry_path(ag: AutograderDir) -> Path:
    return ag.root / REGISTRY_NAME


def _checked(key: bytes, where: str) -> bytes:
    if len(key) < MIN_SECRET_BYTES:
        raise CertificateError(f"{where}: the certificate secret is {len(key)} bytes; at least "
                               f"{MIN_SECRET_BYTES} are required (make one with {HOW_TO_MAKE})")
    return key


def secret(ag: AutograderDir, *, create: bool = False) -> bytes:
    """The certificate secret: ``$CERTIFICATE_SECRET`` if set, else the key file.

    With ``create`` (the ``certificates`` command only) a missing key file is made: 32 random
    bytes, hex, in a file opened O_CREAT|O_EXCL with mode 0600, so it is never readable by
    others, not even for an instant. Otherwise a missing key is a CertificateError.
    """
    env = os.environ.get("CERTIFICATE_SECRET")
    if env is not None:
        return _checked(env.strip().encode(), "$CERTIFICATE_SECRET")
    path = key_path(ag)
    if create:
        try:
            create_exclusive(path, (secrets.token_hex(32) + "\n").encode())
        except FileExistsError:
            pass
    try:
        key = path.read_bytes().strip()
    except FileNotFoundError:
        raise CertificateError(f"{path}: no certificate key here (and $CERTIFICATE_SECRET is not set): "
                               "verify with the key the certificates were issued with") from None
    except OSError as exc:
        raise CertificateError(f"{path}: cannot read the certificate key: {exc.strerror}") from None
    return _checked(key, str(path))


def code_for(facts: dict[str, str], key: bytes) -> str:
    payload = json.dumps({k: facts[k] for k in FIELDS}, sort_keys=True, separators=(",", ":")).encode()
    digest = hmac.new(key, payload, hashlib.sha256).hexdigest()[:20].upper()
    return "-".join(digest[i:i + 5] for i in range(0, 20, 5))


def facts_of(r: Record) -> dict[str, str]:
    return {"learner": r.student, "exam": r.exam.id, "exam_title": r.exam.title, "score": f"{r.score:g}",
            "max_score": f"{r.max_score:g}", "percent": f"{r.percent:.1f}",
            "content_version": r.exam.content_version, "submitted_at": r.submitted_at,
            "graded_at": r.graded_at}


def _visible(facts: dict[str, str], code: str) -> str:
    e = html.escape
    return (f"<h1>Certificate of completion</h1><p class='who'>{e(facts['learner'])}</p>"
            f"<p>passed <b class='exam'>{e(facts['exam_title'])}</b> with "
            f"<b class='score'>{e(facts['score'])} of {e(facts['max_score'])} points "
            f"({e(facts['percent'])}%)</b>.</p>"
            f"<p class='small'>Graded {e(facts['graded_at'])} · submitted {e(facts['submitted_at'] or 'n/a')} · "
            f"exam <code>{e(facts['exam'])}</code> · content version <code>{e(facts['content_version'])}</code></p>"
            f"<p class='small'>Verification code <code class='code'>{e(code)}</code></p>")


def certificate_html(facts: dict[str, str], code: str) -> str:
    data = json.dumps({**facts, "code": code}, sort_keys=True).replace("</", "<\\/")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Certificate: {html.escape(facts['learner'])}</title><style>"
            "body{font-family:Georgia,serif;text-align:center;max-width:46rem;margin:3rem auto;"
            "border:6px double #345;padding:2rem}.who{font-size:2rem}.small{font-size:.85rem;color:#444}"
            "</style></head><body>" + _visible(facts, code) +
            f'<script type="application/json" id="certificate-data">{data}</script></body></html>\n')



def certificate_path(ag: AutograderDir, exam: str, learner: str) -> Path:
    return ag.reports / "certificates" / exam / f"{learner}.html"


def _write_file(ag: AutograderDir, facts: dict[str, str], code: str) -> Path:
    path = certificate_path(ag, facts["exam"], facts["learner"])
    private_dir(path.parent)
    write_atomic(path, certificate_html(facts, code).encode("utf-8"))
    return path


def _remove_file(ag: AutograderDir, entry: dict[str, str], code: str) -> None:
    """Delete the issued file of a revoked certificate, if the file there is that certificate."""
    path = certificate_path(ag, entry["exam"], entry["learner"])
    try:
        if f'"code": "{code}"' in path.read_text(encoding="utf-8", errors="replace"):
            path.unlink()
    except OSError:
        pass


@dataclass
class CertificateRun:
    """What one ``certificates`` run did."""

    written: list[Path] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)   # one line each: code, learner, exam, why
    withheld: list[str] = field(default_factory=list)  # passes whose certificate was revoked by hand


def _same_result(entry: dict[str, str], facts: dict[str, str]) -> bool:
    """The same learner, exam, score and content: a regrade that only moved ``graded_at``."""
    return all(entry.get(k) == facts[k] for k in FIELDS if k != "graded_at")


def sync_certificates(ag: AutograderDir, records: list[Record], exam_ids: list[str] | None = None
                      ) -> CertificateRun:
    """Issue, keep or revoke certificates so that the registry matches the grades.

    Each pass: its valid certificate is kept (and its file rewritten) if score and content are
    unchanged, else a new one is issued and the old one revoked as superseded. A certificate
    revoked by hand is not issued again for the same facts. Each learner with a valid
    certificate for one of ``exam_ids`` (default: the records' exams) who no longer passes
    (failed, pending after a regrade, or no graded submission) has it revoked and its file deleted.
    """
    key = secret(ag, create=True)
    registry = Registry.load(registry_path(ag))
    run = CertificateRun()
    exams = set(exam_ids) if exam_ids is not None else {r.exam.id for r in records}
    seen: set[tuple[str, str]] = set()
    for r in records:
        seen.add((r.student, r.exam.id))
        current = registry.valid_for(r.student, r.exam.id)
        if r.result != "pass":
            why = (f"result now {r.result}: {r.score:g} of {r.max_score:g} points ({r.percent:.1f}%), "
                   f"pass mark {r.exam.pass_percent}%")
            for code in current:
                registry.revoke(code, why)
                _remove_file(ag, registry.entries[code], code)
                run.revoked.append(f"{code} {r.student} {r.exam.id}: {why}")
            continue
        facts = facts_of(r)
        keep = next((c for c in current if _same_result(registry.entries[c], facts)), None)
        if keep is not None:
            facts = {k: registry.entries[keep][k] for k in FIELDS}
            code = keep
        else:
            code = code_for(facts, key)
            entry = registry.get(code)
            if entry is not None and entry.get("status") == REVOKED:
                run.withheld.append(f"{code} {r.student} {r.exam.id}: revoked {entry.get('revoked_at', '')} "
                                    f"({entry.get('reason', '')}); not issued again")
                continue
            if entry is None:
                registry.issue(code, facts)
        for old in current:
            if old != code:
                registry.revoke(old, f"superseded by {code} after regrading")
                run.revoked.append(f"{old} {r.student} {r.exam.id}: superseded by {code}")
        run.written.append(_write_file(ag, facts, code))
    for code, entry in list(registry.entries.items()):
        if entry.get("status") != REVOKED and entry.get("exam") in exams \
                and (entry.get("learner"), entry.get("exam")) not in seen:
            why = "no graded submission any more"
            registry.revoke(code, why)
            _remove_file(ag, entry, code)
            run.revoked.append(f"{code} {entry.get('learner')} {entry.get('exam')}: {why}")
    registry.save()
    return run


def write_certificates(ag: AutograderDir, records: list[Record]) -> list[Path]:
    """One certificate per passing record: reports/certificates/<exam>/<learner>.html (see sync_certificates)."""
    return sync_certificates(ag, records).written


def code_in(path: str | Path) -> str | None:
    """The verification code embedded in a certificate file, or None."""
    try:
        m = DATA_RE.search(Path(path).read_text(encoding="utf-8", errors="replace"))
        return str(json.loads(m.group(1).replace("<\\/", "</"))["code"]) if m else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def revoke(ag: AutograderDir, targets: list[str], reason: str) -> list[tuple[bool, str]]:
    """Revoke certificates given by code or by file; (done, message) per target."""
    if not reason.strip():
        raise CertificateError("revoke: give a --reason; it is kept in the registry and shown by verify")
    registry = Registry.load(registry_path(ag), must_exist=True)
    out = []
    for target in targets:
        code = target if registry.get(target) is not None else code_in(target)
        entry = registry.get(code) if code else None
        if entry is None:
            out.append((False, f"{target}: not a certificate in the registry"))
        elif not registry.revoke(code, reason.strip()):
            out.append((False, f"{target}: {code} was already revoked on {entry.get('revoked_at', '?')}"))
        else:
            _remove_file(ag, entry, code)
            out.append((True, f"{target}: revoked {code} ({entry['learner']}, {entry['exam']})"))
    registry.save()
    return out


def verify(path: str | Path, key: bytes, registry: Registry | None = None) -> tuple[bool, str]:
    """(ok, reason) for a certificate file.

    Checks the code against the facts embedded in the file, then (with a registry) that the
    code was issued here, is not revoked and has exactly those facts, then that the file is,
    byte for byte, the certificate those facts make.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return False, f"cannot read the file: {exc.strerror}"
    m = DATA_RE.search(raw.decode("utf-8", errors="replace"))
    if not m:
        return False, "no certificate data found: not a course certificate, or altered"
    try:
        data = json.loads(m.group(1).replace("<\\/", "</"))
        facts = {k: str(data[k]) for k in FIELDS}
        code = str(data["code"])
    except (json.JSONDecodeError, KeyError, TypeError):
        return False, "the certificate data is damaged"
    if not hmac.compare_digest(code, code_for(facts, key)):
        return False, "verification code does not match the certificate's facts: altered or not issued here"
    if registry is not None:
        entry = registry.get(code)
        if entry is None:
            return False, f"code {code} is not in the registry of issued certificates: not issued here"
        if entry.get("status") == REVOKED:
            return False, f"code {code} was revoked on {entry.get('revoked_at', '?')}: {entry.get('reason', '')}"
        if any(entry.get(k) != facts[k] for k in FIELDS):
            return False, f"the facts on the certificate differ from the registry entry for {code}: altered"
    if raw != certificate_html(facts, code).encode("utf-8"):
        return False, "the file differs from the certificate issued (content changed or added): altered"
    return True, f"valid: {facts['learner']} passed {facts['exam']} with {facts['percent']}% (code {code})"
