#!/usr/bin/env bash
# A real Debian userland for the Linux certification tests: a Debian 12 root made with
# debootstrap and prepared as a generalized Azure image (rules LNX-* in docs/rules.md), and a
# launcher that serves it over SSH with the root's own sshd on a loopback port.
#
#   debian-vm.sh build           builds the root once (cached), prepares it (every time, quick),
#                                prints its path
#   debian-vm.sh start RUNDIR    serves the root in the foreground until killed (see start below)
#
# Needs root (debootstrap, chroot, mount and pid namespaces). Environment:
#   DEBIAN_VM_ROOT     where the root is kept (default ~/.cache/marketplace-onboarding/debian-bookworm-root);
#                      CI may cache this directory between runs
#   DEBIAN_VM_MIRROR   Debian mirror (default: the one this machine's apt uses, else deb.debian.org)
#   DEBIAN_VM_SECURITY_MIRROR  security mirror (default: likewise, .../debian-security)
#
# The root is never changed by start: each start serves it through an overlay whose upper layer
# is a tmpfs that disappears with the run, so a test changes files for one run only.
set -euo pipefail

SUITE=bookworm
# What a well-prepared Azure image of Debian has (LNX-AGENT-1, LNX-LIB-3..5, LNX-SSH-1,
# LNX-NET-2, LNX-NET-4, LNX-SEC-5); systemd because an Azure VM boots with it and the probe asks
# systemctl whether ssh and NetworkManager are enabled.
PACKAGES=waagent,openssh-server,python3,python3-pyasn1,openssl,iptables,ifupdown,isc-dhcp-client,sudo,systemd-sysv
ROOT=${DEBIAN_VM_ROOT:-${HOME:-/root}/.cache/marketplace-onboarding/debian-$SUITE-root}

die() { printf 'debian-vm: %s\n' "$*" >&2; exit 1; }
log() { printf 'debian-vm: %s\n' "$*" >&2; }

require_root() {
  [ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount and pid namespaces); run as root"
}

# The first URI of this machine's apt sources that ends in the given path, else deb.debian.org.
apt_mirror() {
  local suffix=$1 uri
  uri=$( { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '$1 == "deb" {print $2}'
           cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '$1 == "URIs:" {for (i = 2; i <= NF; i++) print $i}'
         } | grep -E "^https?://.*/$suffix/?\$" | head -1 || true)
  printf '%s' "${uri:-http://deb.debian.org/$suffix}" | sed 's:/*$::'
}

ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  log "installing debootstrap with apt-get"
  command -v apt-get >/dev/null 2>&1 || die "debootstrap is missing and there is no apt-get to install it"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q debootstrap >&2 || { apt-get update -q >&2 && apt-get install -y -q debootstrap >&2; } \
    || die "could not install debootstrap"
}

# Runs a command chrooted into $1, in a private mount namespace with /proc, /dev and /sys of
# its own, so that nothing stays mounted on the host if it fails.
in_root() {
  local root=$1
  shift
  unshare --mount --propagation private -- /bin/sh -ec '
    root=$1; shift
    mount -t proc proc "$root/proc"
    mount -t sysfs -o ro sysfs "$root/sys"
    mount --rbind /dev "$root/dev"
    exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"
  ' in_root "$root" "$@"
}

# debootstrap, then the distribution's updates (LNX-SEC-1): done once, the stamp says with what
bootstrap() {
  local mirror security stamp tmp started
  mirror=${DEBIAN_VM_MIRROR:-$(apt_mirror debian)}
  security=${DEBIAN_VM_SECURITY_MIRROR:-$(apt_mirror debian-security)}
  stamp="suite=$SUITE packages=$PACKAGES mirror=$mirror security=$security"
  if [ -f "$ROOT/.debian-vm-stamp" ] && [ "$(cat "$ROOT/.debian-vm-stamp")" = "$stamp" ]; then
    return 0
  fi
  ensure_debootstrap
  tmp="$ROOT.partial"
  rm -rf --one-file-system "$tmp"
  mkdir -p "$tmp"
  started=$(date +%s)
  log "debootstrap $SUITE from $mirror into $ROOT (a few minutes, once)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$tmp" "$mirror" >&2 \
    || die "debootstrap failed (mirror $mirror); see $tmp/debootstrap/debootstrap.log"
  log "debootstrap took $(( $(date +%s) - started )) s"

  cat >"$tmp/etc/apt/sources.list" <<EOF
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
EOF
  # no service starts inside the chroot while packages are upgraded
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  in_root "$tmp" apt-get update -q >&2 || die "apt-get update in the root failed"
  in_root "$tmp" apt-get -y -q -o Dpkg::Options::=--force-confold upgrade >&2 || die "apt-get upgrade in the root failed"
  in_root "$tmp" apt-get clean
  rm -f "$tmp/usr/sbin/policy-rc.d"
  printf '%s\n' "$stamp" >"$tmp/.debian-vm-stamp"
  rm -rf --one-file-system "$ROOT"
  mv "$tmp" "$ROOT"
  log "root ready in $(( $(date +%s) - started )) s"
}

# Sets key=value in waagent.conf, replacing the line (commented or not) or appending it.
waagent_setting() {
  local file="$ROOT/etc/waagent.conf" key=$1 value=$2
  if grep -qE "^#? *${key//./\\.}=" "$file"; then
    sed -i -E "s|^#? *${key//./\\.}=.*|$key=$value|" "$file"
  else
    printf '%s=%s\n' "$key" "$value" >>"$file"
  fi
}

# What the image guide asks of a generalized image, done again on every build (idempotent).
prepare() {
  # LNX-GEN-2; no cloud-init here, so the agent provisions
  waagent_setting Provisioning.RegenerateSshHostKeyPair y
  waagent_setting Provisioning.DeleteRootPassword y
  waagent_setting Provisioning.Agent auto
  waagent_setting ResourceDisk.EnableSwap n

  # LNX-SSH-1
  if grep -qE '^#?ClientAliveInterval' "$ROOT/etc/ssh/sshd_config"; then
    sed -i -E 's/^#?ClientAliveInterval.*/ClientAliveInterval 180/' "$ROOT/etc/ssh/sshd_config"
  else
    printf 'ClientAliveInterval 180\n' >>"$ROOT/etc/ssh/sshd_config"
  fi

  # LNX-NET-2, LNX-NET-4: ifupdown brings eth0 up with DHCP; nothing else configured (LNX-NET-3)
  cat >"$ROOT/etc/network/interfaces" <<'EOF'
# interfaces(5) file used by ifup(8) and ifdown(8)
# Include files from /etc/network/interfaces.d:
source /etc/network/interfaces.d/*

auto lo
iface lo inet loopback
EOF
  cat >"$ROOT/etc/network/interfaces.d/eth0" <<'EOF'
auto eth0
iface eth0 inet dhcp
EOF
  # LNX-NET-5: IPv6 off
  printf 'net.ipv6.conf.all.disable_ipv6 = 1\nnet.ipv6.conf.default.disable_ipv6 = 1\n' \
    >"$ROOT/etc/sysctl.d/90-azure-ipv6.conf"

  # LNX-DISK-1: one root file system, no swap
  printf 'LABEL=debian-root / ext4 rw,discard,errors=remount-ro 0 1\n' >"$ROOT/etc/fstab"

  # LNX-SEC-3: no account with a password (root locked, the agent deletes its password anyway)
  sed -i -E 's/^([^:]*):[^:!*][^:]*:/\1:*:/' "$ROOT/etc/shadow"
  rm -f "$ROOT/etc/sudoers.d/waagent"

  # waagent -deprovision: host keys, name server, DHCP leases, host name, machine id, history
  # (LNX-GEN-1, LNX-NET-3, LNX-SEC-4)
  rm -f "$ROOT"/etc/ssh/ssh_host_*
  rm -f "$ROOT/etc/resolv.conf"
  rm -f "$ROOT"/var/lib/dhcp/*.leases "$ROOT"/var/lib/dhcp/dhclient*
  printf 'localhost\n' >"$ROOT/etc/hostname"
  : >"$ROOT/etc/machine-id"
  rm -f "$ROOT"/root/.*history "$ROOT"/home/*/.*history
  find "$ROOT/var/log" -type f -exec truncate -s 0 {} +
}

build() {
  require_root
  mkdir -p "$(dirname "$ROOT")"
  exec 9>"$ROOT.lock"
  flock 9
  bootstrap
  prepare
  printf '%s\n' "$ROOT"
}

# start RUNDIR: serves the prepared root with its own sshd, in the foreground, until killed.
#
# RUNDIR holds what the caller chose:
#   port            the loopback port for sshd (required)
#   user, password  the login Azure would provision (default azureuser and a password file)
#   authorized_keys optional, for key logins
#   plant/          files put over the image for this run: plant/etc/... is copied into the
#                   root; plant/proc/... and plant/sys/... are bind-mounted over what the kernel
#                   shows (a missing sysfs path: the planted directory covers its nearest existing
#                   parent)
#   remove          optional, image paths deleted for this run, one a line
# Unless planted otherwise, the kernel files show a good Azure VM: the boot parameters of
# LNX-BOOT-1, no swap, IPv6 off, the storvsc driver loaded. It writes RUNDIR/hostkey.pub, the host
# key this run generated (as Azure provisioning does).
#
# The server runs in new mount, pid and UTS namespaces: its sshd is the namespace's pid 1, so
# when it ends the kernel kills every other process of the run and drops every mount of it. To
# stop a run, send SIGTERM to that sshd (the launcher's only child); the launcher, unshare,
# blocks SIGTERM itself, but SIGKILL to it also ends the sshd (--kill-child).
start() {
  require_root
  local run
  run=$(cd "$1" && pwd)
  [ -f "$run/port" ] || die "no $run/port"
  [ -f "$ROOT/.debian-vm-stamp" ] || die "no root at $ROOT: run '$0 build' first"
  exec unshare --mount --propagation private --pid --fork --kill-child --uts -- "$BASH" "$0" __inside "$run"
}

# the nearest existing ancestor (or the path itself) of $2 under $1
existing_ancestor() {
  local base=$1 rel=$2
  while [ -n "$rel" ] && [ "$rel" != . ] && [ ! -e "$base/$rel" ]; do
    rel=$(dirname "$rel")
  done
  printf '%s' "$rel"
}

inside() {
  local run=$1 m user port
  m="$run/ns/root"
  port=$(cat "$run/port")
  user=$(cat "$run/user" 2>/dev/null || echo azureuser)

  hostname localhost
  mkdir -p "$run/ns"
  mount -t tmpfs -o mode=700 tmpfs "$run/ns"
  mkdir -p "$run/ns/upper" "$run/ns/work" "$m"
  mount -t overlay overlay -o "lowerdir=$ROOT,upperdir=$run/ns/upper,workdir=$run/ns/work" "$m"

  # what the kernel and early boot provide
  mount -t proc proc "$m/proc"
  mount -t sysfs -o ro sysfs "$m/sys"
  mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$m/run"
  mkdir -p "$m/run/sshd" "$m/run/lock"
  mount -t tmpfs -o mode=755,nosuid tmpfs "$m/dev"
  mknod -m 666 "$m/dev/null" c 1 3
  mknod -m 666 "$m/dev/zero" c 1 5
  mknod -m 666 "$m/dev/full" c 1 7
  mknod -m 666 "$m/dev/random" c 1 8
  mknod -m 666 "$m/dev/urandom" c 1 9
  mknod -m 666 "$m/dev/tty" c 5 0
  mkdir -p "$m/dev/pts" "$m/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$m/dev/pts"
  ln -s pts/ptmx "$m/dev/ptmx"
  ln -s /proc/self/fd "$m/dev/fd"
  ln -s /proc/self/fd/0 "$m/dev/stdin"
  ln -s /proc/self/fd/1 "$m/dev/stdout"
  ln -s /proc/self/fd/2 "$m/dev/stderr"

  # provisioning, as Azure does it when it creates the VM: the login user with its sudo rule,
  # fresh host keys
  chroot "$m" /usr/sbin/useradd --create-home --shell /bin/bash "$user"
  if [ -f "$run/password" ]; then
    printf '%s:%s\n' "$user" "$(cat "$run/password")" | chroot "$m" /usr/sbin/chpasswd
  fi
  if [ -f "$run/authorized_keys" ]; then
    install -d -m 700 "$m/home/$user/.ssh"
    install -m 600 "$run/authorized_keys" "$m/home/$user/.ssh/authorized_keys"
    chroot "$m" /bin/chown -R "$user:$user" "/home/$user/.ssh"
  fi
  printf '%s ALL=(ALL) NOPASSWD: ALL\n' "$user" >"$m/etc/sudoers.d/waagent"
  chmod 440 "$m/etc/sudoers.d/waagent"
  chroot "$m" /usr/bin/ssh-keygen -q -t ed25519 -N '' -C '' -f /etc/ssh/ssh_host_ed25519_key
  cp "$m/etc/ssh/ssh_host_ed25519_key.pub" "$run/hostkey.pub"

  # this run's changes to the image
  if [ -d "$run/plant" ]; then
    (cd "$run/plant" && find . -mindepth 1 -maxdepth 1 ! -name proc ! -name sys -exec cp -a {} "$m/" \;)
  fi
  if [ -f "$run/remove" ]; then
    while IFS= read -r path; do
      [ -n "$path" ] && rm -rf "${m:?}/${path#/}"
    done <"$run/remove"
  fi

  # kernel-provided files: defaults of a good Azure VM, then the caller's; kept on the run's
  # tmpfs, so that no disk of the host shows up as their source (lsblk reads the mounts)
  local kernel="$run/ns/kernel"
  mkdir -p "$kernel/proc/sys/net/ipv6/conf/all" "$kernel/sys/module/hv_storvsc/parameters"
  printf 'BOOT_IMAGE=/boot/vmlinuz-6.1.0-31-cloud-amd64 root=LABEL=debian-root ro console=tty1 console=ttyS0 earlyprintk=ttyS0 rootdelay=300\n' \
    >"$kernel/proc/cmdline"
  printf 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n' >"$kernel/proc/swaps"
  printf '1\n' >"$kernel/proc/sys/net/ipv6/conf/all/disable_ipv6"
  printf '65536\n' >"$kernel/sys/module/hv_storvsc/parameters/storvsc_ringbuffer_size"
  if [ -d "$run/plant" ]; then
    for top in proc sys; do
      if [ -d "$run/plant/$top" ]; then cp -a "$run/plant/$top" "$kernel/"; fi
    done
  fi
  local file rel target done_targets=" "
  while IFS= read -r file; do
    rel=${file#"$kernel/"}
    target=$(existing_ancestor "$m" "$rel")
    case "$done_targets" in *" $target "*) continue ;; esac
    case "$target" in proc | sys | . | "") die "can't plant $rel: nothing under /${rel%%/*} to cover" ;; esac
    mount --bind "$kernel/$target" "$m/$target"
    done_targets="$done_targets$target "
  done < <(find "$kernel" -type f | sort)

  exec chroot "$m" /usr/sbin/sshd -D -e -o "ListenAddress=127.0.0.1" -o "Port=$port"
}

case "${1:-}" in
  build) build ;;
  start) [ $# -eq 2 ] || die "usage: $0 start RUNDIR"; start "$2" ;;
  __inside) inside "$2" ;;
  *) die "usage: $0 build | start RUNDIR" ;;
esac
