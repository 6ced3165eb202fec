#!/usr/bin/env bash
# Installs what the tests need on a Debian 12 machine: the JDK and Maven, the HPB daemons
# (janus, nats-server, coturn, nginx from Debian 12; nextcloud-spreed-signaling 2.0.x from sid,
# pinned so nothing else comes from sid), the tools the test suites call, and QEMU and debootstrap
# for the VM end-to-end test, python3-aiortc and python3-websockets for the call client (real WebRTC
# media through Janus and coturn), nftables for the participants behind a strict firewall, certbot and
# pebble (an ACME test server) for the certificate's issuance and renewal, and npm for the workflow
# schema validator.
# Safe to rerun. Daemons are installed with auto-start blocked: tests start their own copies.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: run as root (apt-get needs it)" >&2
  exit 1
fi

signaling_packages=(nextcloud-spreed-signaling nextcloud-spreed-signaling-common nextcloud-spreed-signaling-proxy nextcloud-spreed-signaling-client)

echo "install-test-deps: adding Debian sid for the signaling packages only (pinned)"
echo "deb http://deb.debian.org/debian sid main" > /etc/apt/sources.list.d/talk-hpb-sid.list
cat > /etc/apt/preferences.d/talk-hpb-sid <<PIN
Package: *
Pin: release n=sid
Pin-Priority: 100

Package: ${signaling_packages[*]}
Pin: release n=sid
Pin-Priority: 990
PIN

echo "install-test-deps: apt-get update"
# Unreachable third-party sources on some machines make update exit non-zero; Debian's must work.
apt-get update -qq || echo "install-test-deps: apt-get update reported errors (continuing)"

# Block auto-start of the daemons the packages ship: the tests run their own instances.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  created_policy=true
fi
trap 'if $created_policy; then rm -f "$policy"; fi' EXIT

echo "install-test-deps: installing packages"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  openjdk-17-jdk-headless maven \
  janus nats-server coturn nginx libnginx-mod-stream openssl curl procps iproute2 \
  "${signaling_packages[@]}" \
  shellcheck jq python3 python3-aiortc python3-websockets nftables certbot pebble \
  prometheus prometheus-node-exporter prometheus-nginx-exporter prometheus-process-exporter \
  qemu-system-x86 qemu-utils debootstrap genisoimage openssh-client >/dev/null

# npm fetches the workflow schema validator (scripts/lint-workflows.sh); machines of this kind have
# Node.js already, a bare Debian 12 gets Debian's.
if ! command -v npm >/dev/null 2>&1; then
  echo "install-test-deps: installing Node.js and npm from Debian"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

# Stop whatever started anyway (units enabled by postinst on a machine with systemd running).
for unit in janus nats-server coturn nginx nextcloud-spreed-signaling nextcloud-spreed-signaling-proxy \
  prometheus prometheus-node-exporter prometheus-nginx-exporter prometheus-process-exporter; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$unit" 2>/dev/null; then
    systemctl stop "$unit" || true
  fi
done

version=$(dpkg-query -W -f='${Version}' nextcloud-spreed-signaling)
echo "install-test-deps: nextcloud-spreed-signaling ${version}, janus $(dpkg-query -W -f='${Version}' janus), coturn $(dpkg-query -W -f='${Version}' coturn), nats-server $(dpkg-query -W -f='${Version}' nats-server), nginx $(dpkg-query -W -f='${Version}' nginx)"
case "$version" in
  0.*|1.*) echo "install-test-deps: signaling ${version} is older than 2.0: Talk refuses it" >&2; exit 1 ;;
esac
