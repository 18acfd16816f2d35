"""Locking and unlocking: the unlock and set-up screens, idle and suspend watching, the
passphrase rules and backoff, and changing the passphrase. Kept light: the first screen
imports it before the store layer has loaded."""
