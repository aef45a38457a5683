# Certification probe for Linux VMs (rules LNX-*), read by a fixed `sh -s` over SSH.
#
# It only reads: it changes nothing on the VM and takes no input but this text.
# Output protocol (parsed by ProbeReport):
#   @@probe-begin <version>          first marker
#   @@section <name>                 opens a section; file sections are named "file <path>"
#   @@attr <key>=<value>             one-line fact of the open section
#   |<text>                          one content line of the open section (at most 4000 chars)
#   @@truncated                      the section had more lines than were sent
#   @@end                            closes the section
#   @@probe-end                      last marker
# Every value read from the VM is printed behind "|" or after "=" on one line, so nothing on
# the VM can forge a marker. Secrets are never printed: of /etc/shadow only the user name and
# whether a password hash is set leave the VM.
#
# PROBE_ROOT is set only by tests, to run this very script against a sample VM directory.
# POSIX sh (dash, bash, busybox ash); every command besides the shell is optional.

R="${PROBE_ROOT:-}"
MAX_LINES=400

# sshd gives a login that is not root the PATH it was built with, which has no sbin directory on
# Debian (/usr/local/bin:/usr/bin:/bin:/usr/games): iptables, blkid, pvs and waagent live there.
# The VM's own sbin directories go last, so that nothing else is shadowed.
for d in /usr/local/sbin /usr/sbin /sbin; do
  case ":$PATH:" in *":$R$d:"*) ;; *) PATH="$PATH:$R$d" ;; esac
done
export PATH
NL='
'

have() { command -v "$1" >/dev/null 2>&1; }
section() { printf '@@section %s\n' "$1"; }
end() { printf '@@end\n'; }
attr() { v=$2; v=${v%%"$NL"*}; printf '@@attr %s=%.1000s\n' "$1" "$v"; }

# stdin -> content lines, at most MAX_LINES
emit() {
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    if [ "$n" -gt "$MAX_LINES" ]; then
      printf '@@truncated\n'
      while IFS= read -r line; do :; done
      return 0
    fi
    printf '|%.4000s\n' "$line"
  done
}

# best effort against commands that hang (package managers waiting for a lock or the network)
limited() {
  if have timeout; then timeout 60 "$@"; else "$@"; fi
}

SUDO=no
if [ "$(id -u 2>/dev/null)" != 0 ] && have sudo && sudo -n true >/dev/null 2>&1; then
  SUDO=yes
fi

# runs a reading command as is, then with passwordless sudo when that is available
as_root() {
  "$@" 2>/dev/null && return 0
  [ "$SUDO" = yes ] && sudo -n "$@" 2>/dev/null
}

# section "file <path>" with the file's content; links are reported with their target
show_file() {
  f="$R$1"
  [ -e "$f" ] || [ -L "$f" ] || return 0
  section "file $1"
  if [ -L "$f" ]; then
    attr type link
    attr target "$(readlink "$f" 2>/dev/null)"
  else
    attr type file
  fi
  if [ -d "$f" ]; then
    attr readable directory
  elif [ ! -e "$f" ]; then
    attr readable dangling
  elif [ -r "$f" ]; then
    emit <"$f"
  elif [ "$SUDO" = yes ] && sudo -n cat -- "$f" >/dev/null 2>&1; then
    sudo -n cat -- "$f" 2>/dev/null | emit
  else
    attr readable no
  fi
  end
}

# section <name> with a command's output and exit status; a missing command is reported
run_section() {
  name=$1
  shift
  section "$name"
  if have "$1"; then
    out=$("$@" 2>&1)
    attr exit $?
    [ -n "$out" ] && printf '%s\n' "$out" | emit
  else
    attr missing "$1"
  fi
  end
}

# the size in bytes of a file, 0 when it can't be read
size_of() {
  as_root wc -c "$1" | { read -r bytes _rest; printf '%s' "${bytes:-0}"; }
}

# how to run what locate found: a name through PATH, a path under the root
runnable() {
  case "$1" in
    /*) [ -x "$R$1" ] && printf '%s' "$R$1" ;;
    *) printf '%s' "$1" ;;
  esac
}

# the first found among the arguments: a command name on PATH, or a file under the root; a name
# is reported as the path PATH found it at (under the root), so that it can be run with runnable
locate() {
  for candidate in "$@"; do
    case "$candidate" in
      /*) [ -e "$R$candidate" ] && { printf '%s\n' "$candidate"; return 0; } ;;
      *)
        found_at=$(command -v "$candidate" 2>/dev/null) || continue
        case "$found_at" in
          /*) printf '%s\n' "${found_at#"$R"}" ;;
          *) printf '%s\n' "$candidate" ;;
        esac
        return 0
        ;;
    esac
  done
  return 1
}

printf '@@probe-begin 1\n'

section meta
attr uid "$(id -u 2>/dev/null)"
attr sudo "$SUDO"
end

# distribution
show_file /etc/os-release
[ -e "$R/etc/os-release" ] || show_file /usr/lib/os-release
show_file /etc/redhat-release
show_file /etc/centos-release
show_file /etc/debian_version
show_file /etc/SuSE-release

# architecture and kernel (LNX-ARCH-1, LNX-LIB-1, LNX-KERN-1); a Debian kernel's package version is
# only in /proc/version; the sysctl tcp_min_snd_mss came with the 2019 TCP SACK fixes
section uname
attr machine "$(uname -m 2>/dev/null)"
attr kernel "$(uname -r 2>/dev/null)"
[ -r "$R/proc/version" ] && attr proc-version "$(cat "$R/proc/version" 2>/dev/null)"
if [ -e "$R/proc/sys/net/ipv4/tcp_min_snd_mss" ]; then attr tcp_min_snd_mss present; else attr tcp_min_snd_mss absent; fi
end

# boot parameters (LNX-BOOT-1)
show_file /proc/cmdline

# Azure Linux agent (LNX-AGENT-1, LNX-AGENT-2, LNX-GEN-2)
section waagent
agent=$(locate waagent /usr/sbin/waagent /usr/bin/waagent /usr/local/sbin/waagent)
case "$agent" in
  /*) agent_path=$agent ;;
  ?*) agent_path=$(command -v waagent); agent_path=${agent_path#"$R"} ;;
  *) agent_path= ;;
esac
attr path "$agent_path"
end
if [ -n "$agent" ]; then
  run_section waagent-version limited "$(runnable "$agent")" --version
  if have dpkg-query; then
    run_section waagent-owner dpkg-query -S "$agent_path"
  elif have rpm; then
    run_section waagent-owner rpm -qf "$agent_path"
  fi
fi
show_file /etc/waagent.conf

# libraries (LNX-LIB-2 .. LNX-LIB-5)
for py in python3 python2 python /usr/libexec/platform-python; do
  found=$(locate "$py") || continue
  run=$(runnable "$found")
  [ -n "$run" ] || continue
  section "python $py"
  attr version "$(limited "$run" --version 2>&1)"
  if limited "$run" -c 'import pyasn1' >/dev/null 2>&1; then
    attr pyasn1 yes
  else
    attr pyasn1 no
  fi
  end
done
run_section openssl openssl version

section storvsc
kernel=$(uname -r 2>/dev/null)
if [ -e "$R/sys/module/hv_storvsc" ]; then attr loaded yes; else attr loaded no; fi
for list in modules.builtin modules.dep; do
  found=no
  if [ -r "$R/lib/modules/$kernel/$list" ]; then
    while IFS= read -r line; do
      case "$line" in *hv_storvsc*) found=yes; break ;; esac
    done <"$R/lib/modules/$kernel/$list"
  fi
  attr "$list" "$found"
done
end

# disks (LNX-DISK-1)
run_section lsblk lsblk -P -o NAME,PKNAME,TYPE,FSTYPE,MOUNTPOINT
section blkid
if have blkid; then
  out=$(as_root blkid)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
else
  attr missing blkid
fi
end
show_file /etc/fstab
show_file /proc/swaps
section lvm
if have pvs; then
  out=$(as_root pvs --noheadings -o pv_name,vg_name)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
else
  attr missing pvs
fi
end

# SSH (LNX-SSH-1): the main file, then the drop-ins it may include, in the order sshd reads them
show_file /etc/ssh/sshd_config
for f in "$R"/etc/ssh/sshd_config.d/*.conf; do
  [ -e "$f" ] && show_file "${f#"$R"}"
done

# services (LNX-SSH-1, LNX-NET-1)
section services
if have systemctl; then
  for unit in ssh sshd NetworkManager; do
    attr "$unit.enabled" "$(systemctl is-enabled "$unit" 2>/dev/null)"
    attr "$unit.active" "$(systemctl is-active "$unit" 2>/dev/null)"
  done
else
  attr missing systemctl
fi
end

# network (LNX-NET-2 .. LNX-NET-5, LNX-GEN-1)
section ifupdown
attr ifup "$(locate ifup /sbin/ifup /usr/sbin/ifup)"
attr ifdown "$(locate ifdown /sbin/ifdown /usr/sbin/ifdown)"
end
show_file /etc/network/interfaces
for f in "$R"/etc/network/interfaces.d/* "$R"/etc/netplan/*.yaml \
    "$R"/etc/sysconfig/network-scripts/ifcfg-* "$R"/etc/sysconfig/network/ifcfg-* \
    "$R"/etc/systemd/network/*.network; do
  [ -f "$f" ] && show_file "${f#"$R"}"
done
show_file /etc/sysconfig/network
section network-extras
if [ -e "$R/etc/cloud/cloud.cfg" ]; then attr cloud-init yes; else attr cloud-init no; fi
# NetworkManager profiles may hold Wi-Fi or VPN secrets: only their names leave the VM
for f in "$R"/etc/NetworkManager/system-connections/*; do
  [ -e "$f" ] && printf '|nm-connection %.1000s\n' "${f##*/}"
done
end
show_file /etc/resolv.conf

section dhcp-leases
for f in "$R"/var/lib/dhclient/* "$R"/var/lib/dhcp/* "$R"/var/lib/NetworkManager/*.lease \
    "$R"/var/lib/wicked/lease* "$R"/run/systemd/netif/leases/*; do
  [ -f "$f" ] && printf '|%s %.1000s\n' "$(size_of "$f")" "${f#"$R"}"
done
end

show_file /etc/hostname
show_file /etc/HOSTNAME
section hostname
have hostname && attr current "$(hostname 2>/dev/null)"
end

section ipv6
if [ -r "$R/proc/sys/net/ipv6/conf/all/disable_ipv6" ]; then
  attr all.disable_ipv6 "$(cat "$R/proc/sys/net/ipv6/conf/all/disable_ipv6")"
else
  attr all.disable_ipv6 absent
fi
addresses=0
if [ -r "$R/proc/net/if_inet6" ]; then
  while IFS= read -r line; do addresses=$((addresses + 1)); done <"$R/proc/net/if_inet6"
fi
attr addresses "$addresses"
end

# pending security updates (LNX-SEC-1), from the package manager's cached metadata
section updates
if have apt-get; then
  attr tool apt
  out=$(limited apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null)
  attr exit $?
  printf '%s\n' "$out" | while IFS= read -r line; do
    case "$line" in Inst\ *) printf '%s\n' "$line" ;; esac
  done | emit
elif have zypper; then
  attr tool zypper
  out=$(limited zypper --non-interactive --quiet list-patches --category security 2>/dev/null)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
elif have dnf || have yum; then
  yum=yum
  have dnf && yum=dnf
  attr tool "$yum"
  out=$(limited "$yum" -q -C updateinfo list security 2>/dev/null)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
else
  attr tool none
fi
end

# accounts (LNX-SEC-3): names and uids, then whether each has a password hash
section passwd
if [ -r "$R/etc/passwd" ]; then
  while IFS=: read -r name _x uid _rest; do
    printf '|%.200s %.20s\n' "$name" "$uid"
  done <"$R/etc/passwd"
fi
end
section login-defs
if [ -r "$R/etc/login.defs" ]; then
  while read -r key value _rest; do
    [ "$key" = UID_MIN ] && attr UID_MIN "$value"
  done <"$R/etc/login.defs"
fi
end
section shadow
shadow_states() {
  while IFS=: read -r name hash _rest; do
    case "$hash" in
      '') state=empty ;;
      '!'* | '*'*) state=locked ;;
      *) state=password ;;
    esac
    printf '|%.200s %s\n' "$name" "$state"
  done
  hash=
}
if [ -r "$R/etc/shadow" ]; then
  attr readable yes
  shadow_states <"$R/etc/shadow"
elif [ "$SUDO" = yes ] && sudo -n cat "$R/etc/shadow" >/dev/null 2>&1; then
  attr readable sudo
  sudo -n cat "$R/etc/shadow" 2>/dev/null | shadow_states
else
  attr readable no
fi
end

# whether a passwd shell lets the account log in
login_shell() {
  case "$1" in '' | */nologin | */false | */sync | */shutdown | */halt) return 1 ;; esac
}

# shell history (LNX-SEC-4): sizes only; root, /home/*, and the homes of other accounts with a login shell
history_sizes() {
  home=$1
  [ -d "$home" ] || return 0
  names=$(as_root ls -A "$home") || { printf '|unreadable %s\n' "${home#"$R"}"; return 0; }
  set -f
  for name in $names; do
    case "$name" in
      .*history) printf '|%s %.1000s\n' "$(size_of "$home/$name")" "${home#"$R"}/$name" ;;
    esac
  done
  set +f
}
section history
for home in "$R/root" "$R"/home/*; do
  history_sizes "$home"
done
if [ -r "$R/etc/passwd" ]; then
  while IFS=: read -r _name _x _uid _gid _gecos home shell; do
    login_shell "$shell" || continue
    case "$home" in '' | / | /root | /home/*) continue ;; esac
    history_sizes "$R$home" </dev/null
  done <"$R/etc/passwd"
fi
end

# firewall (LNX-SEC-5)
section iptables
attr path "$(locate iptables /sbin/iptables /usr/sbin/iptables)"
if have iptables; then
  out=$(as_root iptables -S)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
fi
end

# ---- Microsoft's image checks of today (LNX-DISK-2 uses /proc/swaps and /etc/fstab above)

# authorized_keys of the accounts with a login shell (LNX-SEC-6): counts only, never a key
section authorized-keys
if [ -r "$R/etc/passwd" ]; then
  while IFS=: read -r name _x _uid _gid _gecos home shell; do
    login_shell "$shell" || continue
    for f in "$home/.ssh/authorized_keys" "$home/.ssh/authorized_keys2"; do
      keys=$(as_root cat "$R$f" </dev/null) || continue
      total=0
      stock=0
      while IFS= read -r line; do
        case "$line" in '' | '#'*) continue ;; esac
        total=$((total + 1))
        case "$line" in *'Please login as the user'*) stock=$((stock + 1)) ;; esac
      done <<EOF_KEYS
$keys
EOF_KEYS
      printf '%.200s %s %s %.1000s\n' "$name" "$total" "$stock" "$f"
    done
  done <"$R/etc/passwd" | emit
fi
end

# sudoers lines that mention targetpw (LNX-SEC-7)
section sudoers
for f in "$R/etc/sudoers" "$R"/etc/sudoers.d/*; do
  [ -f "$f" ] || continue
  if content=$(as_root cat "$f" </dev/null); then
    printf '%s\n' "$content" | while IFS= read -r line; do
      case "$line" in *targetpw*) printf '%.1000s: %.1000s\n' "${f#"$R"}" "$line" ;; esac
    done
  else
    printf 'unreadable: %.1000s\n' "${f#"$R"}"
  fi
done | emit
end

# boot loader settings Azure forbids (LNX-BOOT-2)
section grub
for f in /etc/default/grub /boot/grub/grub.cfg /boot/grub2/grub.cfg /boot/grub2/grubenv /boot/grub/menu.lst; do
  [ -e "$R$f" ] || continue
  content=$(as_root cat "$R$f" </dev/null) || continue
  printf '%s\n' "$content" | while IFS= read -r line; do
    case "$line" in *libata.atapi_enabled=* | *reserve=0x* | *numa=*) printf '%.1000s: %.1000s\n' "$f" "$line" ;; esac
  done
done | emit
end

# OMI, if installed (LNX-OMI-1)
section omi
if [ -x "$R/opt/omi/bin/omiserver" ]; then
  attr omiserver "$(limited "$R/opt/omi/bin/omiserver" --version 2>&1)"
fi
if have dpkg-query; then
  attr package "$(dpkg-query -W -f '${Status} ${Version}' omi 2>/dev/null)"
elif have rpm; then
  version=$(rpm -q --qf '%{VERSION}-%{RELEASE}' omi 2>/dev/null) && attr package "install ok installed $version"
fi
end

# Hyper-V KVP daemon (LNX-KVP-1)
section hv-kvp
attr daemon "$(locate hv_kvp_daemon hypervkvpd /usr/sbin/hv_kvp_daemon /usr/sbin/hypervkvpd)"
end

# the kernel's watchdog and CIFS options (LNX-KMOD-1), from its config
kernel_options() {
  while IFS= read -r line; do
    case "$line" in CONFIG_WATCHDOG=* | CONFIG_CIFS=* | '# CONFIG_WATCHDOG '* | '# CONFIG_CIFS '*) printf '%s\n' "$line" ;; esac
  done
}
section kernel-config
kernel=$(uname -r 2>/dev/null)
if [ -r "$R/boot/config-$kernel" ]; then
  attr source "/boot/config-$kernel"
  kernel_options <"$R/boot/config-$kernel" | emit
elif [ -r "$R/proc/config.gz" ] && have gzip; then
  attr source /proc/config.gz
  gzip -dc "$R/proc/config.gz" 2>/dev/null | kernel_options | emit
else
  attr source none
fi
end

# cloud-init's verdict, where cloud-init is used (LNX-CINIT-1)
section cloud-init
if have cloud-init; then
  out=$(limited cloud-init status 2>&1)
  attr exit $?
  [ -n "$out" ] && printf '%s\n' "$out" | emit
else
  attr missing cloud-init
fi
end

# package repositories configured (LNX-REPO-1): per file, how many entries; never a URL
section repositories
for f in "$R/etc/apt/sources.list" "$R"/etc/apt/sources.list.d/*.list "$R"/etc/apt/sources.list.d/*.sources \
    "$R"/etc/yum.repos.d/*.repo "$R"/etc/zypp/repos.d/*.repo; do
  [ -f "$f" ] || continue
  n=0
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in 'deb '* | 'deb	'* | URIs:* | baseurl=* | mirrorlist=* | metalink=*) n=$((n + 1)) ;; esac
  done <"$f"
  printf '%s %.1000s\n' "$n" "${f#"$R"}"
done | emit
end

# persistent network rules that pin the MAC address (LNX-NET-6)
section persistent-net
for f in /etc/udev/rules.d/70-persistent-net.rules /lib/udev/rules.d/75-persistent-net-generator.rules \
    /usr/lib/udev/rules.d/75-persistent-net-generator.rules; do
  [ -e "$R$f" ] && printf '|%s\n' "$f"
done
end

# SUSE's DHCP client setting (LNX-NET-7): only the DHCLIENT_SET_HOSTNAME lines of the file leave the VM
section suse-dhcp
f="$R/etc/sysconfig/network/dhcp"
if [ ! -e "$f" ]; then
  attr file absent
elif [ ! -r "$f" ]; then
  attr file unreadable
else
  attr file present
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in *DHCLIENT_SET_HOSTNAME*) printf '%s\n' "$line" ;; esac
  done <"$f" | emit
fi
end

# image type (IMG-TYPE-3 .. IMG-TYPE-5; uname and /proc/cmdline above): the firmware the VM booted by
section firmware
if [ -d "$R/sys/firmware/efi" ]; then attr efi yes; else attr efi no; fi
end

printf '@@probe-end\n'
exit 0
