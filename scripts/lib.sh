# Shared provisioning for ./run and ./test. Everything started here is recorded so that it can be stopped by PID.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN_DIR=""

log() { printf '\033[1m[orleansrides]\033[0m %s\n' "$*" >&2; }

as_root_apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: $*; install them with: sudo apt-get install -y $*"
    return 1
  fi
  log "installing Debian packages: $*"
  if [ ! -f /var/lib/apt/lists/lock ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

ensure_node_modules() {
  # A worktree's node_modules may be a link to another checkout's: npm ci would empty that checkout's packages.
  if [ -L "$REPO_ROOT/node_modules" ]; then return 0; fi
  if [ ! -d "$REPO_ROOT/node_modules/@microsoft/signalr" ] || [ "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]; then
    log "restoring npm packages (npm ci)"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

ensure_chromium() {
  command -v /usr/bin/chromium >/dev/null 2>&1 || as_root_apt_install chromium
}

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/pg_ctl" ]; then PG_BIN_DIR="$dir"; fi
  done
  [ -n "$PG_BIN_DIR" ]
}

# ensure_postgres DATA_DIR PORT DATABASE: starts a private PostgreSQL on 127.0.0.1:PORT (trust auth, loopback only) unless
# one already runs from DATA_DIR, creates DATABASE, and sets PG_STARTED_BY_US=1 when this call started it.
ensure_postgres() {
  local data_dir="$1" port="$2" database="$3"
  PG_STARTED_BY_US=0
  find_pg_bin || { as_root_apt_install postgresql && find_pg_bin; } || { log "PostgreSQL is not available"; return 1; }
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
  mkdir -p "$(dirname "$data_dir")"
  chmod 755 "$(dirname "$data_dir")"
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    log "creating a private PostgreSQL cluster in $data_dir"
    mkdir -p "$data_dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data_dir"
    "${run_as[@]}" "$PG_BIN_DIR/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
  fi
  local socket_dir="/tmp/orleansrides-pg-$port"
  mkdir -p "$socket_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$socket_dir"
  if ! "${run_as[@]}" "$PG_BIN_DIR/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    log "starting PostgreSQL on 127.0.0.1:$port"
    "${run_as[@]}" "$PG_BIN_DIR/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 \
      -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${PG_FSYNC:-on}" start >/dev/null
    PG_STARTED_BY_US=1
  fi
  if ! "$PG_BIN_DIR/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    "$PG_BIN_DIR/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$database\"" >/dev/null
  fi
}

# stop_postgres DATA_DIR: stops the server whose PID is in DATA_DIR/postmaster.pid.
stop_postgres() {
  local data_dir="$1" run_as=()
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
  find_pg_bin && "${run_as[@]}" "$PG_BIN_DIR/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null 2>&1 || true
}

build_solution() {
  log "building (Release)"
  (cd "$REPO_ROOT" && dotnet build OrleansRides.sln -c Release --nologo -v quiet -clp:ErrorsOnly) >&2
}

FRONTEND_DLL="$REPO_ROOT/src/FrontendHost/bin/Release/net10.0/OrleansRides.FrontendHost.dll"

# wait_for_health URL SECONDS
wait_for_health() {
  local url="$1" seconds="$2" i
  for ((i = 0; i < seconds * 4; i++)); do
    if curl -fsS "$url/api/v1/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  return 1
}

# ensure_rabbitmq DATA_DIR PORT: starts a private RabbitMQ (and an epmd it owns) on 127.0.0.1:PORT unless one already
# answers there; installs Debian's rabbitmq-server when missing. Sets RABBIT_STARTED_BY_US=1 when this call started it.
ensure_rabbitmq() {
  local data_dir="$1" port="$2"
  RABBIT_STARTED_BY_US=0
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || as_root_apt_install rabbitmq-server || { log "RabbitMQ is not available"; return 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
  mkdir -p "$data_dir/mnesia" "$data_dir/log"
  echo "[]." > "$data_dir/enabled_plugins"
  # Only the broker's own commands see these (HOME included: the Erlang cookie lives there).
  local rabbit_env=(RABBITMQ_NODENAME="orleansrides-$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port"
    RABBITMQ_DIST_PORT="$((port + 20000))" RABBITMQ_MNESIA_BASE="$data_dir/mnesia" RABBITMQ_LOG_BASE="$data_dir/log"
    RABBITMQ_ENABLED_PLUGINS_FILE="$data_dir/enabled_plugins" RABBITMQ_PID_FILE="$data_dir/rabbitmq.pid"
    RABBITMQ_CONFIG_FILE="$data_dir/rabbitmq" HOME="$data_dir")
  # Erlang would spawn epmd as an orphan daemon; start it ourselves so it can be stopped by PID.
  if ! (exec 3<>/dev/tcp/127.0.0.1/4369) 2>/dev/null; then
    epmd -port 4369 >"$data_dir/log/epmd.log" 2>&1 &
    echo $! >"$data_dir/epmd.pid"
  fi
  log "starting RabbitMQ on 127.0.0.1:$port"
  env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server >"$data_dir/log/server.out" 2>&1 &
  local i
  for ((i = 0; i < 120; i++)); do
    if env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q check_port_connectivity >/dev/null 2>&1; then
      RABBIT_STARTED_BY_US=1
      return 0
    fi
    sleep 0.5
  done
  log "RabbitMQ did not start; see $data_dir/log"
  return 1
}

# stop_rabbitmq DATA_DIR: stops the broker whose PID is in its pid file, then the epmd this script started.
stop_rabbitmq() {
  local data_dir="$1" pid i
  if [ -f "$data_dir/rabbitmq.pid" ]; then
    pid=$(cat "$data_dir/rabbitmq.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    rm -f "$data_dir/rabbitmq.pid"
  fi
  if [ -f "$data_dir/epmd.pid" ]; then
    kill "$(cat "$data_dir/epmd.pid")" 2>/dev/null || true
    rm -f "$data_dir/epmd.pid"
  fi
}

SILO_DLL="$REPO_ROOT/src/Silo/bin/Release/net10.0/OrleansRides.Silo.dll"

# start_silo LOG: starts a silo process (configuration from the environment); prints its PID.
start_silo() {
  dotnet "$SILO_DLL" >"$1" 2>&1 &
  echo $!
}

# start_frontend PORT LOG [VAR=VALUE...]: starts a FrontendHost on 127.0.0.1:PORT; prints its PID.
start_frontend() {
  local port="$1" logfile="$2"
  shift 2
  env ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" dotnet "$FRONTEND_DLL" --contentRoot "$REPO_ROOT/src/FrontendHost" >"$logfile" 2>&1 &
  echo $!
}

# stop_pids PID...: SIGTERM (graceful), then SIGKILL for any still running after 20 s.
# Safe under `set -e`: a PID that is already gone (say, a silo killed by hand) must not abort the clean-up.
stop_pids() {
  local pid i
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for ((i = 0; i < 80; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  return 0
}
