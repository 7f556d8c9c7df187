#!/usr/bin/env bash
# CI: Citus 13.2 in Debian's PostgreSQL 15, for the Citus tests (a coordinator and two workers, test/citus-cluster.ts).
# Built once from the release source in ../shared/citus (install.sh: about a minute here, up to five on a loaded
# machine) and its installed files kept in the machine's cache; a later run on the same machine, or after the
# PostgreSQL package was reinstalled, unpacks them instead of building. Keyed by Citus's and PostgreSQL's versions.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)/shared/citus
pgconfig=/usr/lib/postgresql/15/bin/pg_config
libdir=$("$pgconfig" --pkglibdir)
extdir=$("$pgconfig" --sharedir)/extension
if [ -f "$libdir/citus.so" ] && grep -q "default_version = '13\.2-" "$extdir/citus.control" 2>/dev/null; then
  echo "Citus 13.2 is installed in $libdir"
  exit 0
fi
[ -f "$src/install.sh" ] || { echo "Citus source not found at $src (install.sh and the release tarball)" >&2; exit 1; }
cache=${XDG_CACHE_HOME:-$HOME/.cache}/docusnap-ci
key="citus-13.2.2-pg$("$pgconfig" --version | awk '{print $2}')"
if [ -f "$cache/$key.tar" ]; then
  tar -xf "$cache/$key.tar" -C /
  echo "Citus unpacked from $cache/$key.tar"
  exit 0
fi
bash "$src/install.sh"
mkdir -p "$cache"
tmp=$(mktemp "$cache/.$key.XXXXXX")
# Everything make install put there: the libraries (citus*.so, the decoders) and the extensions' control and SQL files.
(cd / && tar -cf "$tmp" "${libdir#/}"/citus* "${extdir#/}"/citus* "${extdir#/}"/columnar*) && mv "$tmp" "$cache/$key.tar"
echo "Citus built; kept in $cache/$key.tar"
