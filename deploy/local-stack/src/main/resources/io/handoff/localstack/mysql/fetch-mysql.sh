#!/usr/bin/env bash
# fetch-mysql.sh ROOT — run by MySqlDistribution on first use. Downloads Oracle MySQL (Debian's
# unstable build: packages mysql-server-core and mysql-client-core) and the runtime libraries it needs
# (mysqld needs libc6 >= 2.38 and libstdc++6 >= 16, newer than the machine's) into ROOT/sysroot, through
# apt with a private configuration: the machine's apt state and dpkg database are not touched. The
# Debian mirror is the one the machine's apt sources already use. The .debs stay in ROOT/debs, so a
# broken unpack is redone without a download.
set -euo pipefail
ROOT=${1:?usage: fetch-mysql.sh ROOT}
SUITE=${HANDOFF_MYSQL_SUITE:-sid}
mirror=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 | awk '{print $2}' || true)
[ -n "$mirror" ] || mirror=$(grep -hoE '^deb +(\[[^]]*\] +)?[^ ]+/debian/? ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $NF}' || true)
[ -n "$mirror" ] || { echo "no Debian mirror found in this machine's apt sources (/etc/apt/sources.list*)" >&2; exit 3; }
command -v apt-get >/dev/null || { echo "apt-get is not installed" >&2; exit 3; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is not installed" >&2; exit 3; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "no Debian archive keyring at $keyring (package debian-archive-keyring)" >&2; exit 3; }
mkdir -p "$ROOT"/apt/{state/lists/partial,cache/archives/partial,prefs} "$ROOT"/debs
: > "$ROOT/apt/empty-status"
echo "deb [signed-by=$keyring] $mirror $SUITE main" > "$ROOT/apt/sources.list"
APTO=(-o Dir::Etc::SourceList="$ROOT/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State="$ROOT/apt/state" -o Dir::Cache="$ROOT/apt/cache"
      -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts="$ROOT/apt/prefs"
      -o Dir::State::status="$ROOT/apt/empty-status" -o Debug::NoLocking=1
      -o APT::Install-Recommends=false -o APT::Sandbox::User=root)
if ! ls "$ROOT"/debs/mysql-server-core_*.deb >/dev/null 2>&1; then
  echo "apt-get update from $mirror $SUITE"
  apt-get "${APTO[@]}" -qq update
  # The closure is computed against an EMPTY dpkg status, so the suite's libc6 and libstdc++6 come along.
  PKGS=$(apt-get "${APTO[@]}" -s install mysql-server-core mysql-client-core \
          | awk '/^Inst /{print $2}' | grep -vE '^(perl|perl-base|perl-modules-.*|libperl.*|libdb5.*|libgdbm.*)$')
  echo "downloading: $(echo $PKGS | wc -w) packages"
  rm -rf "$ROOT/debs.partial" && mkdir -p "$ROOT/debs.partial"
  (cd "$ROOT/debs.partial" && apt-get "${APTO[@]}" -qq download $PKGS)
  mv "$ROOT"/debs.partial/*.deb "$ROOT/debs/" && rmdir "$ROOT/debs.partial"
fi
rm -rf "$ROOT/sysroot.partial" && mkdir -p "$ROOT/sysroot.partial"
for d in "$ROOT"/debs/*.deb; do dpkg-deb -x "$d" "$ROOT/sysroot.partial"; done
L="$ROOT/sysroot.partial/usr/lib/x86_64-linux-gnu"
"$L/ld-linux-x86-64.so.2" --library-path "$L" "$ROOT/sysroot.partial/usr/sbin/mysqld" --version
rm -rf "$ROOT/sysroot" && mv "$ROOT/sysroot.partial" "$ROOT/sysroot"
