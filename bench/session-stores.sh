#!/usr/bin/env bash
# Requests per second of the memory and the Redis session store on this machine, in one run:
# the demo gateway (demo IdP and echo upstream in process) with each store in turn, a signed-in
# session, wrk -t2 -c64 for 20 s after a 5 s warm-up, two interleaved rounds.
#   bench/session-stores.sh          (needs: a built jar, redis-server, wrk, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=gateway-jetty/target/oidc-gateway.jar
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
for tool in redis-server wrk curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 2; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!
gateway_pid=
cleanup() { [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null; kill "$redis_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

run_once() {
  local store=$1 port idp upstream
  port=$(free_port); idp=$(free_port); upstream=$(free_port)
  local env=(GATEWAY_SERVER_PORT="$port" GATEWAY_SERVER_PUBLIC_URL="http://localhost:$port"
    GATEWAY_OIDC_ISSUER="http://localhost:$idp" GATEWAY_UPSTREAM_URL="http://localhost:$upstream")
  if [ "$store" = redis ]; then
    env+=(GATEWAY_SESSION_STORE=redis GATEWAY_SESSION_REDIS_URL="redis://127.0.0.1:$redis_port"
      GATEWAY_SESSION_ENCRYPTION_KEY="$(openssl rand -base64 32)")
  fi
  env "${env[@]}" java -jar "$jar" >"$work/$store.log" 2>&1 &
  gateway_pid=$!
  for _ in $(seq 100); do curl -sf "http://localhost:$port/readyz" >/dev/null && break; sleep 0.2; done
  local cookie
  cookie=$(bench/login.sh "http://localhost:$port")
  wrk -t2 -c64 -d5s -H "Cookie: gateway_session=$cookie" "http://localhost:$port/data" >/dev/null
  printf '%-7s %s\n' "$store" "$(wrk -t2 -c64 -d20s -H "Cookie: gateway_session=$cookie" \
    "http://localhost:$port/data" | awk '/Requests\/sec/ {print $2 " req/s"} /Non-2xx/ {print "non-2xx: " $0}')"
  kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true; gateway_pid=
}

echo "store   steady state ($(nproc) CPUs)"
for round in 1 2; do
  run_once memory
  run_once redis
done
