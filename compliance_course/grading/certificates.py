"""HTML certificates for passing learners, each with a verification code.

The code is an HMAC-SHA256 over the certificate's facts (learner, exam, score,
content version, dates) with a secret kept by the instructor (``$CERTIFICATE_SECRET``,
else ``autograder/certificate.key``, created on first use and never committed).
``verify`` recomputes it from the facts embedded in the file and checks that
the facts shown on the page are those facts: change a name, a score or the
code, and verification fails.
"""
from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import secrets
from pathlib import Path

from .course import AutograderDir
from .records import Record

FIELDS = ("learner", "exam", "exam_title", "score", "max_score", "percent", "content_version",
          "submitted_at", "graded_at")
DATA_RE = re.compile(r'<script type="application/json" id="certificate-data">(.*?)</script>', re.S)


def secret(ag: AutograderDir) -> bytes:
    env = os.environ.get("CERTIFICATE_SECRET")
    if env:
        return env.encode()
    path = ag.root / "certificate.key"
    if not path.exists():
        path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip().encode()


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


def write_certificates(ag: AutograderDir, records: list[Record]) -> list[Path]:
    """One certificate per passing record: reports/certificates/<exam>/<learner>.html."""
    key = secret(ag)
    out = []
    for r in records:
        if r.result != "pass":
            continue
        facts = facts_of(r)
        path = ag.reports / "certificates" / r.exam.id / f"{r.student}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(certificate_html(facts, code_for(facts, key)), encoding="utf-8")
        out.append(path)
    return out


def verify(path: str | Path, key: bytes) -> tuple[bool, str]:
    """(ok, reason) for a certificate file."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    m = DATA_RE.search(text)
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
    if _visible(facts, code) not in text:
        return False, "the text shown on the certificate differs from its verified facts: altered"
    return True, f"valid: {facts['learner']} passed {facts['exam']} with {facts['percent']}% (code {code})"
