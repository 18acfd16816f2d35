"""Find and read the machine-wide policy file (the rules are in ``domain/policy.py``).

It lives in the platform's site configuration folder: ``/etc/xdg/iro-desktop/policy.toml``
on Linux (the first folder of ``XDG_CONFIG_DIRS``), ``C:\\ProgramData\\iro-desktop\\policy.toml``
on Windows, ``/Library/Application Support/iro-desktop/policy.toml`` on macOS.
``IRO_DESKTOP_POLICY`` names another file (tests, or an unusual installation).

The file is read again only when it changes (its modification time and size), so every
setting read may consult it cheaply. A broken file is logged once per change.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from platformdirs import site_config_path

from iro_desktop.domain.policy import NO_POLICY, Policy, broken_policy, parse_policy

ENV_POLICY = "IRO_DESKTOP_POLICY"
POLICY_NAME = "policy.toml"

log = logging.getLogger(__name__)

_cache: dict[Path, tuple[tuple[int, int], Policy]] = {}


def policy_path() -> Path:
    chosen = os.environ.get(ENV_POLICY)
    if chosen:
        return Path(chosen).expanduser()
    return site_config_path("iro-desktop", appauthor=False) / POLICY_NAME


def current_policy() -> Policy:
    """The policy in force now: none when there is no file."""
    path = policy_path()
    try:
        stat = path.stat()
    except OSError:
        return NO_POLICY
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        policy = broken_policy(str(path), f"it could not be read ({exc.__class__.__name__})")
    else:
        policy = parse_policy(text, str(path))
    if policy.problem:
        log.warning("%s", policy.problem)
    _cache[path] = (stamp, policy)
    return policy
