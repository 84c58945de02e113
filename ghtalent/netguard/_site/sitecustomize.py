"""Installs ghtalent's network guard at interpreter start when GHTALENT_NETWORK_GUARD=1.

This folder is put on PYTHONPATH only by the tests and `make demo-offline`
(see ghtalent/netguard/__init__.py).
"""

import os

if os.environ.get("GHTALENT_NETWORK_GUARD") == "1":
    from ghtalent.netguard import install_from_env

    install_from_env()
