#!/usr/bin/env bash
# build.sh IMAGE: a minimal Debian 12 base image made with debootstrap and `docker import`, for machines that reach
# the Debian mirror but no image registry. Needs root and debootstrap. Takes a few minutes, once.
set -eu
image=${1:?usage: build.sh IMAGE}
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
root=$(mktemp -d -t optiinfra-base-XXXX)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
# the host's mirror (and its CA certificates, when the mirror sits behind a TLS proxy)
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
echo "building $image with debootstrap (${mirror:-default mirror})"
debootstrap --variant=minbase bookworm "$root" ${mirror:+"$mirror"} >"$root.debootstrap.log" 2>&1 \
  || { echo "debootstrap failed, see $root.debootstrap.log"; exit 2; }
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
mount -t proc proc "$root/proc"
chroot "$root" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates >/dev/null && update-ca-certificates --fresh >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*'
umount "$root/proc"
tar -C "$root" -c . | docker import - "$image" >/dev/null
rm -f "$root.debootstrap.log"
echo "built $image"
