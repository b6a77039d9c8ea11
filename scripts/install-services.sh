#!/usr/bin/env bash
# Installs the services the deployment tests run as their own processes (never as system
# services): nginx, from Debian's packages, for tests/deploy/test_replicas.py.
set -euo pipefail

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-services: need root to apt-get install nginx-light" >&2
        exit 1
    fi
    apt-get update -qq
    # A policy-rc.d saying no (unless the machine has one): the package must not start a
    # system nginx; the test runs its own.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod +x /usr/sbin/policy-rc.d
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
fi
