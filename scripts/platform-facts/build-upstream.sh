#!/bin/bash
# Build a scratch database from the Supabase platform's own migrations, to read a fact sheet from
# (write-facts.ts). Nothing of it is copied into the repository: the sheet records what exists.
#
#   build-upstream.sh <postgres bindir> <port> <datadir> <major> <mirrors dir> <extra dir>
#
# <mirrors dir> holds bare clones supabase+postgres/repo, supabase+auth/repo, supabase+storage/repo,
# supabase+realtime/repo (refs as in sources.ts); <extra dir> the supabase/postgres migration files
# newer than the postgres ref, each taken at the commit sources.ts lists, named by their version.
# Runs as the OS user postgres when started as root (initdb refuses root). Errors are logged to
# <datadir>.run.log and do not stop the build: statements for extensions the server lacks fail,
# as they would on a server without them; read the log before trusting a new sheet.
set -u
BIN=$1; PORT=$2; DATA=$3; MAJOR=$4; M=$5; EXTRA=$6
HERE=$(cd -- "$(dirname -- "$0")" && pwd)
SOCK=$(mktemp -d); chmod 777 "$SOCK"
AS=""; [ "$(id -u)" = 0 ] && AS="runuser -u postgres --"
rm -rf "$DATA"; mkdir -p "$DATA"; [ -n "$AS" ] && chown postgres "$DATA"
touch "$DATA.log"; [ -n "$AS" ] && chown postgres "$DATA.log"
$AS "$BIN/initdb" -D "$DATA" -U supabase_admin --auth=trust >/dev/null
$AS "$BIN/pg_ctl" -D "$DATA" -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1" -l "$DATA.log" start -w >/dev/null
PSQL=${PSQL:-psql}
P="$PSQL -h $SOCK -p $PORT -d postgres -X -q"
LOG=$DATA.run.log; : > "$LOG"
$P -U supabase_admin -c "create role postgres superuser login" >>"$LOG" 2>&1
$P -U supabase_admin -c "create role pgbouncer login" >>"$LOG" 2>&1

# supabase/postgres: init scripts as postgres, then migrations as supabase_admin (migrate.sh order).
G="git --git-dir=$M/supabase+postgres/repo"; PGREF=7db7e1a9e34b9ffb9b0e3372ccf08eb4fa772f4b
for f in $($G ls-tree --name-only $PGREF migrations/db/init-scripts/); do
  echo "== $f" >>"$LOG"; $G show "$PGREF:$f" | $P -U postgres >>"$LOG" 2>&1
done
if [ "$MAJOR" -ge 17 ]; then
  $P -U supabase_admin -c "create user supabase_etl_admin with login replication bypassrls; grant pg_read_all_data to supabase_etl_admin" >>"$LOG" 2>&1
fi
# The realtime schema and admin role of the newer init script (00000000000003-realtime-schema).
$P -U supabase_admin >>"$LOG" 2>&1 <<'SQL'
CREATE SCHEMA IF NOT EXISTS realtime AUTHORIZATION supabase_admin;
CREATE USER supabase_realtime_admin NOINHERIT CREATEROLE LOGIN REPLICATION;
GRANT anon, authenticated, service_role TO supabase_realtime_admin;
SQL
for f in $($G ls-tree --name-only $PGREF migrations/db/migrations/); do
  echo "== $f" >>"$LOG"; $G show "$PGREF:$f" | $P -U supabase_admin >>"$LOG" 2>&1
done

# GoTrue: migrations/*.up.sql with the Namespace option rendered as auth, as supabase_auth_admin.
A="git --git-dir=$M/supabase+auth/repo"; AREF=v2.196.0
for f in $($A ls-tree --name-only $AREF migrations/ | grep -v down | sort); do
  echo "== $f" >>"$LOG"; $A show "$AREF:$f" | sed 's/{{ *index .Options "Namespace" *}}/auth/g' | $P -U supabase_auth_admin -v ON_ERROR_STOP=1 -1 >>"$LOG" 2>&1
done

# storage-api: tenant migrations as supabase_storage_admin (some use CONCURRENTLY: no -1).
S="git --git-dir=$M/supabase+storage/repo"; SREF=v1.70.6
for f in $($S ls-tree --name-only $SREF migrations/tenant/ | sort); do
  echo "== $f" >>"$LOG"; $S show "$SREF:$f" | $P -U supabase_storage_admin >>"$LOG" 2>&1
done

# Realtime: tenant migrations as supabase_admin; the table DSL parts are realtime-dsl/<version>.sql.
R="git --git-dir=$M/supabase+realtime/repo"; RREF=v2.129.8
$P -U supabase_admin < "$HERE/realtime-dsl/00000000000000.sql" >>"$LOG" 2>&1
TMP=$(mktemp)
for f in $($R ls-tree --name-only $RREF lib/realtime/tenants/repo/migrations/ | sort); do
  $R show "$RREF:$f" > "$TMP"; v=$(basename "$f" | cut -d_ -f1)
  echo "== $f" >>"$LOG"; { cat "$HERE/realtime-dsl/$v.sql" 2>/dev/null; node "$HERE/ecto-sql.mjs" "$TMP"; } | $P -U supabase_admin >>"$LOG" 2>&1
done
rm -f "$TMP"

# supabase/postgres migrations newer than the ref (sources.ts: extra), in version order.
for f in $(ls "$EXTRA"/*.sql | sort); do
  echo "== $f" >>"$LOG"; $P -U supabase_admin < "$f" >>"$LOG" 2>&1
done
echo "built: postgresql://supabase_admin@127.0.0.1:$PORT/postgres (log: $LOG)"
