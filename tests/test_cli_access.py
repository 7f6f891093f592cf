"""The command line for users, the recovery key and the workspace authority."""

from __future__ import annotations

import pytest

from storage import cases
from storage.demo import demo_cases
from storage.family_check import confirm_family_check
from storage.workspace import Workspace
from tests.conftest import PASSPHRASE, snapshot_files
from tests.test_cli import cli, one_line_error


@pytest.fixture
def with_case(made_workspace):
    folder, recovery = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        case = list(demo_cases(6))[3]
        cases.save_case(ws, case)
        confirm_family_check(ws, case.meetings[0].id)
    return folder, recovery, case.meetings[0].id


def test_user_add_list_remove(with_case, tmp_path):
    folder, _, meeting = with_case
    code, out, err = cli(
        "user", "-w", folder, "--user", "chair", "--passphrase-stdin",
        "add", "deputy", "--role", "chair", "--agency", "Health",
        stdin=f"{PASSPHRASE}\ndeputy passphrase\n",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = cli(
        "user", "-w", folder, "--user", "chair", "--passphrase-stdin", "list", stdin=PASSPHRASE
    )
    assert code == 0 and "deputy\tchair\tHealth" in out
    pdf = tmp_path / "m.pdf"
    code, _, err = cli(
        "minutes", "-w", folder, "--user", "deputy", "--passphrase-stdin", "--meeting", meeting,
        "--variant", "professional", "--out", pdf, "--sign",
        stdin="deputy passphrase\ndeputy passphrase\n",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = cli(
        "user", "-w", folder, "--user", "chair", "--passphrase-stdin", "remove", "deputy",
        stdin=PASSPHRASE,
    )  # fmt: skip
    assert code == 0 and "rekeyed" in out, err
    code, _, err = cli(
        "audit", "-w", folder, "--user", "deputy", "--passphrase-stdin", "verify",
        stdin="deputy passphrase",
    )  # fmt: skip
    assert code == 2 and "no user 'deputy'" in one_line_error(err)
    code, out, _ = cli("verify", pdf, "-w", folder)
    assert code == 0 and "Intact and trusted, signed by deputy (chair; Health)" in out
    code, out, _ = cli("verify", pdf, "-w", folder, "--user", "chair", "--passphrase-stdin",
                       stdin=PASSPHRASE)  # fmt: skip
    assert code == 0 and "before the certificate was revoked" in out


def test_export_authority_and_verify_with_no_workspace(with_case, tmp_path):
    folder, _, meeting = with_case
    pdf, root = tmp_path / "m.pdf", tmp_path / "partner" / "root.pem"
    root.parent.mkdir()
    code, _, err = cli(
        "minutes", "-w", folder, "--user", "chair", "--passphrase-stdin", "--meeting", meeting,
        "--variant", "family", "--out", pdf, "--sign", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = cli("export-authority", "-w", folder, "--out", root)
    assert code == 0, err
    assert root.read_bytes().count(b"BEGIN CERTIFICATE") == 1
    code, out, _ = cli("verify", pdf, "--trust", root)
    assert code == 0 and "Intact and trusted" in out and "Dana Chair" in out
    other = tmp_path / "other"
    cli("init", "-w", other, "--user", "x", "--passphrase-stdin", stdin=PASSPHRASE)
    cli("export-authority", "-w", other, "--out", tmp_path / "other.pem")
    code, out, _ = cli("verify", pdf, "--trust", tmp_path / "other.pem")
    assert code == 1 and "signer unknown" in out


def test_trust_root_lets_an_organisation_identity_sign(with_case, tmp_path):
    from models.minutes import Variant
    from storage.identities import use_organisation_identity
    from storage.minutes import export_minutes, sign_minutes
    from tests.identities import issued_identity
    from tests.storage.test_minutes import _p12

    folder, _, meeting = with_case
    org, authority = issued_identity("Dana Whitfield", agency="Northgate Council")
    (tmp_path / "org.pem").write_bytes(authority.root_pem)
    (tmp_path / "leaf.pem").write_bytes(org.cert_pem)
    for bad, message in (("leaf.pem", "not a CA certificate"), ("missing.pem", "No such file")):
        before = (folder / "authority.pem").read_bytes()
        code, _, err = cli(
            "trust-root", "-w", folder, "--user", "chair", "--passphrase-stdin", tmp_path / bad,
            stdin=PASSPHRASE,
        )  # fmt: skip
        assert code == 2 and message in one_line_error(err)
        assert (folder / "authority.pem").read_bytes() == before
    code, out, err = cli(
        "trust-root", "-w", folder, "--user", "chair", "--passphrase-stdin", tmp_path / "org.pem",
        stdin=PASSPHRASE,
    )  # fmt: skip
    assert code == 0, err
    assert (folder / "authority.pem").read_bytes().count(b"BEGIN CERTIFICATE") == 2
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        use_organisation_identity(ws, _p12(org), "p12 secret")
        sign_minutes(ws, meeting, PASSPHRASE)
        export_minutes(ws, meeting, Variant.PROFESSIONAL, tmp_path / "m.pdf")
    code, out, _ = cli("verify", tmp_path / "m.pdf", "--trust", tmp_path / "org.pem")
    assert code == 0 and "Intact and trusted, signed by Dana Whitfield" in out
    code, out, _ = cli("verify", tmp_path / "m.pdf", "-w", folder)
    assert code == 0 and "Northgate Council" in out


def test_recovery_rotate(made_workspace):
    folder, recovery = made_workspace
    code, out, err = cli(
        "recovery", "-w", folder, "--user", "chair", "--passphrase-stdin", "rotate",
        stdin=PASSPHRASE,
    )  # fmt: skip
    assert code == 0, err
    new = out.split("New recovery key: ")[1].split()[0]
    code, _, err = cli(
        "passwd", "-w", folder, "--user", "chair", "--recovery", "--passphrase-stdin",
        stdin=f"{recovery}\nthird passphrase!\n",
    )  # fmt: skip
    assert code == 2 and "Wrong recovery key" in one_line_error(err)
    code, _, err = cli(
        "passwd", "-w", folder, "--user", "chair", "--recovery", "--passphrase-stdin",
        stdin=f"{new}\nthird passphrase!\n",
    )  # fmt: skip
    assert code == 0, err


def test_passwd_rekey(made_workspace):
    folder, _ = made_workspace
    before = (folder / "caseroom.db").read_bytes()[:4096]
    code, out, err = cli(
        "passwd", "-w", folder, "--user", "chair", "--rekey", "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nnew passphrase here\n",
    )  # fmt: skip
    assert code == 0 and "rekeyed" in out, err
    assert (folder / "caseroom.db").read_bytes()[:4096] != before
    Workspace.open(folder, "chair", "new passphrase here").close()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["user", "add", "x", "--role", "chair"], f"{PASSPHRASE}\nshort\n", "at least 10"),
        (["user", "add", "x"], PASSPHRASE, "needs --role"),
        (["user", "add"], PASSPHRASE, "needs a user NAME"),
        (["user", "remove", "chair"], PASSPHRASE, "cannot remove yourself"),
        (["user", "remove", "x"], "wrong passphrase", "Wrong passphrase"),
        (["user", "list", "--role", "chair"], PASSPHRASE, "go with user add"),
        (["recovery", "rotate"], "wrong passphrase", "Wrong passphrase"),
        (["user", "add", "x", "--role", "boss"], PASSPHRASE, "invalid choice"),
    ],
)
def test_bad_input_exits_2_and_changes_nothing(made_workspace, args, stdin, message):
    folder, _ = made_workspace
    before = snapshot_files(folder)
    command, *rest = args
    code, _, err = cli(
        command, "-w", folder, "--user", "chair", "--passphrase-stdin", *rest, stdin=stdin
    )
    assert code == 2 and message in one_line_error(err)
    assert snapshot_files(folder) == before


def test_removing_nobody_exits_2_and_changes_no_key_slot(made_workspace):
    folder, _ = made_workspace
    before = (folder / "keyslots.json").read_bytes()
    code, _, err = cli(
        "user", "-w", folder, "--user", "chair", "--passphrase-stdin", "remove", "ghost",
        stdin=PASSPHRASE,
    )  # fmt: skip
    assert code == 2 and "no user 'ghost'" in one_line_error(err)
    assert (folder / "keyslots.json").read_bytes() == before


def test_verify_bad_trust_file_and_mixed_options(made_workspace, tmp_path):
    folder, _ = made_workspace
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "bad.pem").write_text("not a certificate")
    code, _, err = cli("verify", tmp_path / "x.pdf", "--trust", tmp_path / "bad.pem")
    assert code == 2 and "not a PEM certificate" in one_line_error(err)
    code, _, err = cli("verify", tmp_path / "x.pdf", "--trust", tmp_path / "bad.pem", "-w", folder)
    assert code == 2 and "leave out -w" in one_line_error(err)


def test_signing_from_the_command_line_needs_the_family_check(made_workspace, tmp_path):
    """`minutes --sign` refuses until the family copy is checked; --family-checked records it."""
    from storage import audit

    folder, _ = made_workspace
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        case = list(demo_cases(6))[3]
        cases.save_case(ws, case)
    meeting = case.meetings[0].id
    pdf = tmp_path / "family.pdf"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix != ".db-shm"}
    code, _, err = cli(
        "minutes", "-w", folder, "--user", "chair", "--passphrase-stdin", "--meeting", meeting,
        "--variant", "family", "--out", pdf, "--sign", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert code == 2 and "family copy has not been checked" in one_line_error(err)
    assert not pdf.exists()
    assert (folder / "keyslots.json").read_bytes() == before["keyslots.json"]
    code, _, err = cli(
        "minutes", "-w", folder, "--user", "chair", "--passphrase-stdin", "--meeting", meeting,
        "--variant", "family", "--out", pdf, "--sign", "--family-checked",
        stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert code == 0, err
    with Workspace.open(folder, "chair", PASSPHRASE) as ws:
        actions = [e["action"] for e in audit.events(ws.conn, 50)]
        assert "minutes.family_check" in actions
        professional = ws.conn.execute(
            "SELECT professional_pdf FROM minutes WHERE meeting_id = ?", (meeting,)
        ).fetchone()[0]
    import io

    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(professional)).pages)
    assert "Family copy checked by Dana Chair at" in " ".join(text.split())
