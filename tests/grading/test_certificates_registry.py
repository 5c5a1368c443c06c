"""Certificate key handling, the registry of issued certificates, tampering, revocation (no nbgrader run)."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from compliance_course.data import load_course
from compliance_course.errors import CertificateError
from compliance_course.grading.certificates import (certificate_path, key_path, registry_path, revoke,
                                                     secret, sync_certificates, verify)
from compliance_course.grading.cli import main as cli
from compliance_course.grading.course import AutograderDir
from compliance_course.grading.models import resolve_exams
from compliance_course.grading.records import Item, Record
from compliance_course.grading.registry import Registry

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "exam_course"


@pytest.fixture
def exam():
    load_course.cache_clear()
    exams = resolve_exams(load_course(FIXTURE))
    load_course.cache_clear()
    return exams[0]


@pytest.fixture
def ag(tmp_path, monkeypatch):
    monkeypatch.delenv("CERTIFICATE_SECRET", raising=False)
    monkeypatch.setenv("COURSE_DATA", str(FIXTURE))
    root = tmp_path / "course root"
    root.mkdir()
    return AutograderDir.at(root)


def record(exam, student: str, share: float, graded_at: str = "2026-11-30T10:00:00+00:00") -> Record:
    """A record scoring ``share`` of every item (the written answer scored, so never pending)."""
    items = [Item(q.id, q.id, share * q.points, float(q.points)) for q in [*exam.questions, exam.written]]
    return Record(exam, student, items, "2026-11-30T09:00:00+00:00", graded_at)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------------------------- the key

def test_key_is_created_0600_even_with_a_permissive_umask(ag):
    old = os.umask(0o000)
    try:
        key = secret(ag, create=True)
    finally:
        os.umask(old)
    assert mode(key_path(ag)) == 0o600
    assert len(key) >= 32 and secret(ag) == key  # made once, then read back


@pytest.mark.parametrize("short", ["x", "", "a" * 31])
def test_a_short_secret_in_the_environment_is_refused(ag, monkeypatch, short):
    monkeypatch.setenv("CERTIFICATE_SECRET", short)
    with pytest.raises(CertificateError, match=rf"\$CERTIFICATE_SECRET: the certificate secret is {len(short)} bytes"):
        secret(ag, create=True)


@pytest.mark.parametrize("content", [b"", b"\n", b"short-key\n"])
def test_a_short_key_file_is_refused(ag, content):
    key_path(ag).write_bytes(content)
    with pytest.raises(CertificateError, match="at least 32 are required"):
        secret(ag)


def test_verify_never_creates_a_key_and_says_so_in_one_line(ag, tmp_path, capsys):
    cert = tmp_path / "c.html"
    cert.write_text("<html></html>")
    assert cli(["--root", str(ag.root), "verify", str(cert)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "no certificate key here" in err
    assert not key_path(ag).exists()


# ---------------------------------------------------------------------------------- the registry

def test_issue_records_every_certificate_instructor_only(ag, exam):
    run = sync_certificates(ag, [record(exam, "ada", 1.0), record(exam, "bob", 0.0)])
    assert [p.stem for p in run.written] == ["ada"]
    reg = Registry.load(registry_path(ag))
    [(code, entry)] = reg.entries.items()
    assert (entry["learner"], entry["exam"], entry["status"]) == ("ada", exam.id, "valid")
    assert entry["percent"] == "100.0" and entry["content_version"] == exam.content_version
    assert entry["issued_at"] and code.count("-") == 3
    assert mode(registry_path(ag)) == 0o600 and mode(run.written[0]) == 0o600
    assert mode(run.written[0].parent) == 0o700
    assert verify(run.written[0], secret(ag), reg) == (
        True, f"valid: ada passed {exam.id} with 100.0% (code {code})")


def _issued(ag, exam):
    sync_certificates(ag, [record(exam, "ada", 1.0)])
    return certificate_path(ag, exam.id, "ada"), secret(ag), Registry.load(registry_path(ag))


@pytest.mark.parametrize("alter, reason", [
    # the review's forgery: a hidden copy of the page with another name, the genuine facts left in place
    (lambda t: t.replace("<body>", "<body><style>body>*:not(#f){display:none}</style>"
                                   "<div id='f'><p class='who'>Mallory Smith</p></div>"), "file differs"),
    (lambda t: t.replace("<title>Certificate: ada", "<title>Certificate: Mallory"), "file differs"),
    (lambda t: t + "<p>and also passed everything else</p>", "file differs"),
    (lambda t: t.replace("<p class='who'>ada<", "<p class='who'>eve<"), "file differs"),
    (lambda t: t.replace('"learner": "ada"', '"learner": "eve"'), "does not match"),
])
def test_any_visible_change_fails(ag, exam, alter, reason):
    path, key, reg = _issued(ag, exam)
    path.write_text(alter(path.read_text()))
    ok, why = verify(path, key, reg)
    assert not ok and reason in why


def test_a_genuine_looking_certificate_missing_from_the_registry_fails(ag, exam):
    path, key, reg = _issued(ag, exam)
    reg.entries.clear()
    ok, why = verify(path, key, reg)
    assert not ok and "not in the registry" in why


def test_a_registry_entry_with_other_facts_fails(ag, exam):
    path, key, reg = _issued(ag, exam)
    [entry] = reg.entries.values()
    entry["percent"] = "50.0"
    ok, why = verify(path, key, reg)
    assert not ok and "differ from the registry entry" in why


def test_revoke_command_fails_verify_and_removes_the_file(ag, exam, tmp_path, capsys):
    path, key, _ = _issued(ag, exam)
    copy = tmp_path / "learner-copy.html"
    copy.write_bytes(path.read_bytes())
    assert cli(["--root", str(ag.root), "revoke", str(copy), "--reason", "copied answers"]) == 0
    assert "REVOKED" in capsys.readouterr().out and not path.exists()
    assert cli(["--root", str(ag.root), "verify", str(copy)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"FAIL {copy}: code ") and "revoked on " in out and "copied answers" in out
    # a second revoke, or an unknown code, is reported and exits 1
    assert cli(["--root", str(ag.root), "revoke", str(copy), "NO-SUCH", "--reason", "again"]) == 1
    out = capsys.readouterr().out
    assert "already revoked" in out and "NO-SUCH: not a certificate in the registry" in out
    # running certificates again does not re-issue a certificate revoked by hand
    run = sync_certificates(ag, [record(exam, "ada", 1.0)])
    assert run.written == [] and "not issued again" in run.withheld[0]


def test_a_regrade_below_the_pass_mark_revokes(ag, exam):
    path, key, _ = _issued(ag, exam)
    kept = path.read_bytes()
    run = sync_certificates(ag, [record(exam, "ada", 0.5)])
    assert len(run.revoked) == 1 and "result now fail" in run.revoked[0]
    assert not path.exists()
    path.write_bytes(kept)  # the copy the learner kept
    ok, why = verify(path, key, Registry.load(registry_path(ag)))
    assert not ok and "revoked" in why and "result now fail" in why


def test_a_regrade_that_changes_the_score_supersedes_and_one_that_does_not_keeps(ag, exam):
    path, key, _ = _issued(ag, exam)
    first = path.read_bytes()
    sync_certificates(ag, [record(exam, "ada", 1.0, graded_at="2026-12-01T08:00:00+00:00")])
    assert path.read_bytes() == first  # only graded_at moved: the same certificate
    lower = record(exam, "ada", 1.0)
    lower.items[-1].points -= 1  # one point less on the written answer, still a pass
    assert lower.result == "pass" and lower.score < lower.max_score
    run = sync_certificates(ag, [lower])
    assert "superseded by" in run.revoked[0]
    reg = Registry.load(registry_path(ag))
    assert verify(path, key, reg)[0]
    old = path.parent / "old.html"
    old.write_bytes(first)
    assert not verify(old, key, reg)[0]


def test_a_learner_no_longer_graded_is_revoked(ag, exam):
    path, _, _ = _issued(ag, exam)
    run = sync_certificates(ag, [], [exam.id])
    assert "no graded submission any more" in run.revoked[0] and not path.exists()


def test_verify_a_missing_file_is_a_fail_line_not_a_traceback(ag, exam, tmp_path, capsys):
    path, _, _ = _issued(ag, exam)
    missing = tmp_path / "missing.html"
    assert cli(["--root", str(ag.root), "verify", str(path), str(missing)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"OK   {path}: valid: ada")
    assert lines[1] == f"FAIL {missing}: cannot read the file: No such file or directory"


def test_a_damaged_registry_is_one_line(ag, exam, capsys):
    path, _, _ = _issued(ag, exam)
    registry_path(ag).write_text("{not json")
    assert cli(["--root", str(ag.root), "verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the certificate registry is damaged" in err


def test_registry_writes_are_atomic_and_private(ag, exam):
    sync_certificates(ag, [record(exam, "ada", 1.0)])
    sync_certificates(ag, [record(exam, "ada", 1.0), record(exam, "cy", 1.0)])
    data = json.loads(registry_path(ag).read_text())
    assert sorted(e["learner"] for e in data["certificates"].values()) == ["ada", "cy"]
    assert [p.name for p in ag.root.iterdir() if p.name.endswith(".tmp")] == []
    assert mode(registry_path(ag)) == 0o600
