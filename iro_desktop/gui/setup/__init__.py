"""Setting up: the IRO's profile, their children (import, or one by hand) and settings.

First run goes passphrase (``gui.lock.screens.SetupScreen``), then the profile
(``profile_dialog``), then the children: the empty Home offers the import
(``import_dialog``), a child by hand (``child_dialog``) and connecting to the central
store. The same dialogs are in the File menu afterwards, with ``settings_dialog``.
"""
