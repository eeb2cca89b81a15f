"""Sessions are signed with a key no one else knows, kept across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from web import _secret_key


def test_without_a_configured_key_each_installation_makes_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEGOTIATION_SECRET_KEY", raising=False)
    first = _secret_key(tmp_path / "one")
    assert len(first) == 64
    assert _secret_key(tmp_path / "one") == first  # a restart keeps users signed in
    assert _secret_key(tmp_path / "two") != first
    assert (tmp_path / "one" / "secret_key").stat().st_mode & 0o077 == 0


def test_a_configured_key_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEGOTIATION_SECRET_KEY", "from-the-operator")
    assert _secret_key(tmp_path) == "from-the-operator"
    assert not (tmp_path / "secret_key").exists()
