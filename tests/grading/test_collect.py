"""Collecting returned zips and exchange submissions: every bad input named, the batch goes on."""
from __future__ import annotations

import datetime as dt
import gzip
import os
import pwd
import stat
import zipfile
from pathlib import Path

import pytest

from compliance_course.grading.cli import main as cli
from compliance_course.grading.collect import Limits, read_timestamp
from compliance_course.grading.course import AutograderDir
from compliance_course.grading.exchange import collect_exchange_inbound
from compliance_course.grading.zips import collect_zip_inbox

EXAM = "hipaa_exam"
NB, RESP = f"{EXAM}.ipynb", f"{EXAM}.responses.json"


@pytest.fixture
def ag(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    return AutograderDir.at(root)


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def answers(who: str) -> bytes:
    return f'{{"format": 1, "exam": "{EXAM}", "answers": {{"q": {{"value": "{who}"}}}}}}'.encode()


def make_zip(path: Path, members: dict[str, bytes], *, links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def honest(inbox: Path, student: str, name: str | None = None, folder: str = "") -> Path:
    return make_zip(inbox / (name or f"{student}.zip"),
                    {f"{folder}{NB}": b'{"cells": []}', f"{folder}{RESP}": answers(student)})


def problems_of(report) -> dict[str, str]:
    return {f: r for f, _, r in report.problems}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


# ---------------------------------------------------------------------------------- zips

def test_honest_zips_are_collected_instructor_only(ag, inbox):
    honest(inbox, "alice")
    honest(inbox, "bob", folder=f"{EXAM}/")  # the released zip's folder, zipped back
    os.utime(inbox / "alice.zip", (1_700_000_000, 1_700_000_000))
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["alice", "bob"] and report.problems == []
    sub = ag.submitted / "alice" / EXAM
    assert (sub / RESP).read_bytes() == answers("alice")
    assert sorted(p.name for p in sub.iterdir()) == [NB, RESP, "timestamp.txt"]
    # submitted-at is when the zip was saved in the inbox, not anything inside it
    assert read_timestamp(sub) == dt.datetime.fromtimestamp(1_700_000_000, dt.timezone.utc)
    assert mode(ag.submitted) == mode(sub) == mode(sub.parent) == 0o700
    assert {mode(p) for p in sub.iterdir()} == {0o600}


def test_a_zip_cannot_fill_another_learners_folder(ag, inbox):
    """The review's mallory.zip: her files plus extracted/bob/... with all-D answers."""
    honest(inbox, "bob")
    collect_zip_inbox(ag, EXAM, inbox)
    before = (ag.submitted / "bob" / EXAM / RESP).read_bytes()
    (inbox / "bob.zip").unlink()
    make_zip(inbox / "mallory.zip", {NB: b"{}", RESP: answers("mallory"),
                                     f"extracted/bob/{NB}": b"{}", f"extracted/bob/{RESP}": answers("D")})
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["mallory"]
    assert (ag.submitted / "bob" / EXAM / RESP).read_bytes() == before
    assert (ag.submitted / "mallory" / EXAM / RESP).read_bytes() == answers("mallory")
    [(file, student, what)] = report.notes
    assert (file, student) == ("mallory.zip", "mallory") and "extracted/bob/" in what and "ignored" in what


@pytest.mark.parametrize("members, links, reason", [
    ({"/etc/" + NB: b"{}", RESP: b"{}"}, None, "absolute path"),
    ({"../" + NB: b"{}", RESP: b"{}"}, None, "outside the zip ('..')"),
    ({"a/../../" + RESP: b"{}", NB: b"{}"}, None, "outside the zip ('..')"),
    ({NB: b"{}"}, {RESP: "/etc/shadow"}, "symbolic link"),
    ({NB: b"{}", RESP: b"{}", "notes.gz": gzip.compress(b"hello")}, None, "archive inside the archive"),
    ({NB: b"{}", RESP: b"{}", "inner.ZIP": b"PK\x03\x04"}, None, "archive inside the archive"),
    ({NB: b"\x1f\x8b" + gzip.compress(b"x")[2:], RESP: b"{}"}, None, "holds an archive"),
    ({"readme.txt": b"hi"}, None, f"no {NB} or {RESP} in it"),
    ({NB: b"{}", f"{EXAM}/{NB}": b"{}", RESP: b"{}"}, None, f"2 copies of {NB}"),
])
def test_each_bad_zip_is_refused_by_name_and_the_batch_goes_on(ag, inbox, members, links, reason):
    honest(inbox, "alice")
    make_zip(inbox / "mallory.zip", members, links=links)
    honest(inbox, "zed")
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["alice", "zed"]
    assert list(problems_of(report)) == ["mallory.zip"] and reason in problems_of(report)["mallory.zip"]
    assert not (ag.submitted / "mallory").exists()
    assert sorted(p.name for p in ag.submitted.iterdir()) == ["alice", "zed"]  # nothing written elsewhere


def test_unusual_names_are_handled_or_named(ag, inbox):
    """The review's inbox: each zip ends up collected or listed with a reason."""
    for name in ["alice.zip", "Zoë.zip", "dan smith.zip", "erin.ZIP", "frank (1).zip", "=cmd.zip"]:
        honest(inbox, "x", name=name)
    make_zip(inbox / "gina.zip", {f"{EXAM} (1).ipynb": b"{}", f"{EXAM} (1).responses.json": answers("gina")})
    (inbox / "notes.7z").write_bytes(b"7z")
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["alice", "erin", "frank", "gina"]
    problems = problems_of(report)
    assert sorted(problems) == ["=cmd.zip", "Zoë.zip", "dan smith.zip", "notes.7z"]
    assert "'Zoë' is not a usable student id" in problems["Zoë.zip"] and "rename the zip" in problems["Zoë.zip"]
    assert "'dan smith' is not a usable student id" in problems["dan smith.zip"]
    assert problems["notes.7z"] == "not a .zip file: not collected"
    notes = {f: w for f, _, w in report.notes}
    assert "collected as 'frank'" in notes["frank (1).zip"]
    assert (ag.submitted / "gina" / EXAM / RESP).read_bytes() == answers("gina")


def test_a_second_submission_never_silently_replaces_the_first(ag, inbox, tmp_path):
    honest(inbox, "bob")
    collect_zip_inbox(ag, EXAM, inbox)
    first = (ag.submitted / "bob" / EXAM / RESP).read_bytes()
    # the same inbox again: unchanged, a note, not a problem
    again = collect_zip_inbox(ag, EXAM, inbox)
    assert again.collected == [] and again.problems == [] and "unchanged" in again.notes[0][2]
    # a different zip for bob: refused unless --replace
    make_zip(inbox / "bob.zip", {NB: b"{}", RESP: answers("second")})
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.collected == [] and "already has a different submission" in problems_of(report)["bob.zip"]
    assert (ag.submitted / "bob" / EXAM / RESP).read_bytes() == first
    report = collect_zip_inbox(ag, EXAM, inbox, replace=True)
    assert report.collected == ["bob"] and "replaced the earlier submission" in report.notes[0][2]
    assert (ag.submitted / "bob" / EXAM / RESP).read_bytes() == answers("second")


def test_two_zips_for_one_learner_in_one_inbox_collect_neither(ag, inbox):
    honest(inbox, "frank")
    honest(inbox, "frank", name="frank (1).zip")
    honest(inbox, "gina")
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["gina"]
    problems = problems_of(report)
    assert sorted(problems) == ["frank (1).zip", "frank.zip"]
    assert all("one of 2 zips for frank" in p for p in problems.values())


@pytest.mark.parametrize("limits, members, reason", [
    (Limits(archive_bytes=1000), {NB: os.urandom(5000), RESP: b"{}"}, "the zip is 0.0 MB; the limit is"),
    (Limits(file_bytes=10_000), {NB: b"{}", RESP: b" " * 20_000}, f"entry '{RESP}' is 0.0 MB uncompressed"),
    (Limits(total_bytes=10_000), {NB: b" " * 6000, RESP: b" " * 6000}, "MB uncompressed; the limit is"),
    (Limits(files=3), {NB: b"{}", RESP: b"{}", "a": b"", "b": b""}, "4 entries; the limit is 3"),
])
def test_size_caps_refuse_with_a_clear_message(ag, inbox, limits, members, reason):
    make_zip(inbox / "big.zip", members)
    honest(inbox, "small")
    report = collect_zip_inbox(ag, EXAM, inbox, limits=limits)
    assert report.students == ["small"] and reason in problems_of(report)["big.zip"]


def test_the_reviews_bomb_is_refused_without_unpacking_it(ag, inbox):
    """A few hundred KB of zip holding 400 MB of repeated text (finding 16), at the default caps."""
    path = inbox / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open(RESP, "w", force_zip64=True) as fh:
        chunk = b'{"answers": {}}' * 70_000
        for _ in range(400 * 1024 * 1024 // len(chunk)):
            fh.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert "MB uncompressed; the limit is 20 MB" in problems_of(report)["bomb.zip"]
    assert not ag.submitted.exists()


def test_a_damaged_zip_and_a_lying_header_are_named(ag, inbox):
    (inbox / "empty.zip").write_bytes(b"")
    (inbox / "junk.zip").write_bytes(b"PK\x03\x04 not really")
    with zipfile.ZipFile(inbox / "crc.zip", "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(NB, b"{}")
        zf.writestr(RESP, answers("crc"))
    data = bytearray((inbox / "crc.zip").read_bytes())
    data[data.find(b'"crc"') + 1] ^= 0x20  # change one stored byte: the CRC check must catch it
    (inbox / "crc.zip").write_bytes(bytes(data))
    honest(inbox, "ok")
    report = collect_zip_inbox(ag, EXAM, inbox)
    assert report.students == ["ok"]
    problems = problems_of(report)
    assert sorted(problems) == ["crc.zip", "empty.zip", "junk.zip"]
    assert all("cannot be read as a zip" in p for p in problems.values())


def test_cli_collect_lists_every_outcome_and_writes_the_problems_csv(ag, inbox, capsys):
    (ag.root / "nbgrader_config.py").write_text("")
    honest(inbox, "alice")
    honest(inbox, "x", name="=HYPERLINK(1).zip")
    assert cli(["--root", str(ag.root), "collect", "--exam", EXAM, "--zips", str(inbox)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "collected 1 submission(s): alice"
    assert out[1].startswith("PROBLEM =HYPERLINK(1).zip (=HYPERLINK): ")
    csv_text = (ag.reports / "collect-problems.csv").read_text()
    assert "'=HYPERLINK(1).zip" in csv_text and mode(ag.reports / "collect-problems.csv") == 0o600


# ---------------------------------------------------------------------------------- exchange

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="chown to other users needs root")


def _user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        pytest.skip(f"no local account {name!r}")


def submission(inbound: Path, owner: pwd.struct_passwd, name: str, files: dict[str, bytes]) -> Path:
    folder = inbound / name
    folder.mkdir()
    for fname, data in files.items():
        (folder / fname).write_bytes(data)
        os.chown(folder / fname, owner.pw_uid, owner.pw_gid)
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    return folder


@pytest.fixture
def inbound(tmp_path):
    folder = tmp_path / "exchange" / "compliance-course" / "inbound"
    folder.mkdir(parents=True)
    return folder


@needs_root
def test_exchange_refuses_a_submission_in_another_name_and_collects_the_real_one(ag, inbound):
    victim, attacker = _user("nobody"), _user("daemon")
    submission(inbound, victim, f"nobody+{EXAM}+2020-01-01 00:00:00.000000 UTC+a1",
               {NB: b"{}", RESP: answers("victim"), "timestamp.txt": b"2020-01-01 00:00:00.000000 UTC"})
    forged = f"nobody+{EXAM}+2099-01-01 00:00:00.000000 UTC+x1"
    submission(inbound, attacker, forged, {NB: b"{}", RESP: b'{"answers": {}}',
                                           "timestamp.txt": b"2099-01-01 00:00:00.000000 UTC"})
    report = collect_exchange_inbound(ag, [EXAM], inbound)
    assert report.collected == ["nobody"]
    assert problems_of(report) == {
        forged: "claims to be submitted by nobody but is owned by daemon: refused (another login's folder)"}
    sub = ag.submitted / "nobody" / EXAM
    assert (sub / RESP).read_bytes() == answers("victim")
    # the time is the server's (when the folder was written), not 2020 from the learner's file or folder name
    received = read_timestamp(sub)
    assert abs((received - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 600
    assert {mode(p) for p in sub.iterdir()} == {0o600} and mode(sub) == 0o700


@needs_root
def test_exchange_never_follows_links_and_names_them(ag, inbound, tmp_path):
    student = _user("nobody")
    secret = tmp_path / "certificate.key"
    secret.write_text("top secret")
    folder = submission(inbound, student, f"nobody+{EXAM}+2026-11-30 09:00:00.000000 UTC+a1",
                        {NB: b"{}", RESP: answers("nobody")})
    (folder / "key.txt").symlink_to(secret)
    os.lchown(folder / "key.txt", student.pw_uid, student.pw_gid)
    (folder / "sub").mkdir()
    (folder / "sub" / "shadow.txt").symlink_to("/etc/shadow")
    os.chown(folder / "sub", student.pw_uid, student.pw_gid)
    os.lchown(folder / "sub" / "shadow.txt", student.pw_uid, student.pw_gid)
    os.mkfifo(folder / "pipe")
    os.chown(folder / "pipe", student.pw_uid, student.pw_gid)
    (inbound / f"nobody+{EXAM}+2027-01-01 00:00:00.000000 UTC+zz").symlink_to(tmp_path)
    report = collect_exchange_inbound(ag, [EXAM], inbound)
    assert report.collected == ["nobody"]
    problems = problems_of(report)
    label = folder.name
    assert problems[f"{label}/key.txt"] == "a symbolic link: refused, not followed"
    assert problems[f"{label}/sub/shadow.txt"] == "a symbolic link: refused, not followed"
    assert problems[f"{label}/pipe"] == "not a regular file: refused"
    assert problems[f"nobody+{EXAM}+2027-01-01 00:00:00.000000 UTC+zz"] == "a symbolic link: refused, not followed"
    sub = ag.submitted / "nobody" / EXAM
    assert sorted(p.name for p in sub.iterdir()) == [NB, RESP, "timestamp.txt"]


@needs_root
def test_exchange_refuses_foreign_files_and_odd_ids_and_keeps_the_newest(ag, inbound):
    student, other = _user("nobody"), _user("daemon")
    folder = submission(inbound, student, f"nobody+{EXAM}+2026-11-30 09:00:00.000000 UTC+a1",
                        {NB: b"{}", RESP: answers("first")})
    (folder / "planted.json").write_bytes(b"{}")
    os.chown(folder / "planted.json", other.pw_uid, other.pw_gid)
    report = collect_exchange_inbound(ag, [EXAM], inbound)
    assert problems_of(report) == {f"{folder.name}/planted.json": "owned by daemon, not by nobody: refused"}
    # a newer submission by the same login replaces it; collecting again changes nothing
    newer = submission(inbound, student, f"nobody+{EXAM}+2000-01-01 00:00:00.000000 UTC+b2",
                       {NB: b"{}", RESP: answers("second")})
    report = collect_exchange_inbound(ag, [EXAM], inbound)  # newer by the server's clock, though named 2000
    assert report.collected == ["nobody"] and "newer submission: replaced" in report.notes[0][2]
    assert newer.name in report.notes[0][0]
    assert (ag.submitted / "nobody" / EXAM / RESP).read_bytes() == answers("second")
    assert collect_exchange_inbound(ag, [EXAM], inbound).collected == []
    # a formula id owned by nobody else is still refused
    odd = submission(inbound, student, f"=cmd+{EXAM}+2026-11-30 09:00:00.000000 UTC+c3", {RESP: b"{}"})
    assert "claims to be submitted by =cmd but is owned by nobody" in problems_of(
        collect_exchange_inbound(ag, [EXAM], inbound))[odd.name]
