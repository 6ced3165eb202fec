#!/usr/bin/env bash
# Builds a bootable Debian 12 image with cloud-init for the VM end-to-end test, without loop devices:
# debootstrap into a folder, then mkfs.ext4 -d. The result is cached under CACHE_DIR, keyed by the
# package list and this script, so later runs reuse it.
# Usage: build-image.sh <cache dir>   → prints the image directory (vmlinuz, initrd.img, base.raw)
set -euo pipefail
# Standard output carries only the image path; everything else goes to standard error.
exec 3>&1 1>&2
cache=$1
mirror=http://deb.debian.org/debian
packages="systemd-sysv udev dbus linux-image-cloud-amd64 initramfs-tools cloud-init openssh-server ca-certificates netbase ifupdown isc-dhcp-client iproute2 sudo curl procps gnupg locales"

key=$( (echo "$packages"; cat "$0") | sha256sum | cut -c1-16)
image="$cache/debian12-$key"
# The VM test classes run side by side: one builds, the other waits for it and takes the cache.
mkdir -p "$cache"
exec 9> "$cache/.build.lock"
flock 9
if [ -s "$image/base.raw" ] && [ -s "$image/vmlinuz" ] && [ -s "$image/initrd.img" ]; then
  echo "build-image: cached image $image"
  echo "$image" >&3
  exit 0
fi

work=$(mktemp -d "$cache/build.XXXXXX")
root="$work/root"
cleanup() {
  for mount in dev/pts dev sys proc; do umount "$root/$mount" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "build-image: debootstrap bookworm" 
debootstrap --variant=minbase bookworm "$root" "$mirror" 
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo "locales locales/locales_to_be_generated multiselect en_US.UTF-8 UTF-8" | chroot "$root" debconf-set-selections
echo "locales locales/default_environment_locale select en_US.UTF-8" | chroot "$root" debconf-set-selections
echo "build-image: installing kernel, cloud-init, sshd" 
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -qq --no-install-recommends $packages 
chroot "$root" apt-get clean
rm -f "$root/usr/sbin/policy-rc.d"
for mount in dev/pts dev sys proc; do umount "$root/$mount"; done

echo "/dev/vda / ext4 defaults 0 1" > "$root/etc/fstab"
printf 'auto lo\niface lo inet loopback\nsource /etc/network/interfaces.d/*\n' > "$root/etc/network/interfaces"
# Like a cloud provider's Debian image: NoCloud seed, and root may log in with the keys from metadata.
cat > "$root/etc/cloud/cloud.cfg.d/90-talk-hpb-e2e.cfg" <<CFG
datasource_list: [ NoCloud, None ]
disable_root: false
CFG
# Reach the mirror the way this machine does: where the host's apt is told to accept Release files past
# their Valid-Until (a stored mirror), the image's apt is told the same. User-data is not touched.
eval "$(apt-config shell check_valid_until Acquire::Check-Valid-Until check_date Acquire::Check-Date)"
if [ "${check_valid_until:-}" = "false" ] || [ "${check_date:-}" = "false" ]; then
  printf 'Acquire::Check-Valid-Until "%s";\nAcquire::Check-Date "%s";\n' "${check_valid_until:-true}" "${check_date:-true}" \
    > "$root/etc/apt/apt.conf.d/99talk-hpb-e2e-mirror"
fi
: > "$root/etc/machine-id"
rm -f "$root/etc/ssh/ssh_host_"*

mkdir -p "$work/out"
cp "$root"/boot/vmlinuz-* "$work/out/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/out/initrd.img"
mkfs.ext4 -q -F -L rootfs -d "$root" "$work/out/base.raw" 4G
rm -rf "$image"
mv "$work/out" "$image"
echo "build-image: built $image"
echo "$image" >&3
