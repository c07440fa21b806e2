#!/usr/bin/env bash
# The gateway against the reference proxies, on this machine, in one run:
#   nginx direct           the upstream itself (nginx from Debian, a small page)
#   nginx proxy            nginx as a plain reverse proxy (no authentication)
#   bare Jetty proxy       Jetty's ProxyServlet.Transparent, same Jetty version, defaults, no auth
#   bare Jetty core        Jetty's core ProxyHandler.Reverse, same Jetty version, defaults, no auth:
#                          the engine the gateway proxies signed-in requests with
#   bare Jetty server      not a proxy: Jetty's core server answering the upstream's page itself;
#                          what is left of a Jetty proxy's cost without its HTTP client
#   bare core+headers      the core proxy adding the very headers the gateway sent upstream for its
#                          session: the gateway's job without its own work
#   mod_auth_openidc       Apache httpd + mod_auth_openidc (Debian), private_key_jwt at the demo IdP
#   oidc-gateway           the packaged gateway, private_key_jwt at the demo IdP
# Each authenticating proxy is signed in once with a scripted browser login; each target is
# warmed up, then driven by wrk at the same settings in interleaved rounds. Prints req/s, p50 and
# p99 (medians of the rounds) and the ratios of issue 15; then how fast a fresh gateway serves in
# its first 5 seconds after /readyz. Everything it starts, it stops.
#
#   bench/load.sh [--rounds 3] [--duration 15] [--warmup 20] [--threads 2] [--connections 32] [--logins 100]
#                 [--redis]   (one more target: a second gateway keeping its sessions in redis-server)
#
# Needs (installed with apt-get when run as root): nginx-light, apache2,
# libapache2-mod-auth-openidc, wrk, curl; a JDK. Builds the jars (mvn -Pbench) when missing.
# GATEWAY_JAVA_OPTS is passed to the gateway's JVM as run.sh does. BASELINE_GATEWAY_JAR=FILE adds
# that build of the gateway (e.g. an earlier commit's) as one more target, in the same rounds,
# for a before/after ratio measured in one run. GATEWAY_JAR=FILE runs that build as the gateway itself
# (its restart and first seconds included), for what the baseline target does not measure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rounds=3 duration=15 warmup=20 threads=2 connections=32 logins=100 redis=no
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --logins) logins=$2; shift 2 ;;
    --redis) redis=yes; shift ;;
    *) echo "unknown option $1 (see the head of bench/load.sh)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*" >&2; }

missing=()
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
[ -f /usr/lib/apache2/modules/mod_auth_openidc.so ] || missing+=(libapache2-mod-auth-openidc)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
[ "$redis" = no ] || command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then say "needs: apt-get install ${missing[*]}"; exit 2; fi
  say "installing ${missing[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The packages start system services on port 80; this run starts its own on free ports.
service nginx stop >/dev/null 2>&1 || true
service apache2 stop >/dev/null 2>&1 || true
service redis-server stop >/dev/null 2>&1 || true

gateway_jar=${GATEWAY_JAR:-gateway-jetty/target/oidc-gateway.jar}
bench_jar=benchmarks/target/benchmarks.jar
if [ ! -f "$gateway_jar" ] || [ ! -f "$bench_jar" ]; then
  say "building the gateway and the benchmarks (mvn -Pbench package) ..."
  if command -v mvn >/dev/null; then mvn -B -q -Pbench -DskipTests install >&2; else ./mvnw -B -q -Pbench -DskipTests install >&2; fi
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
chmod 755 "$work"   # Apache's workers (www-data) read its key and configuration here
pids=()
cleanup() {
  [ -f "$work/httpd.pid" ] && /usr/sbin/apache2 -f "$work/httpd.conf" -k stop 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && /usr/sbin/nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

up=$(free_port) nginx_proxy=$(free_port) jetty=$(free_port) idp=$(free_port) gateway=$(free_port) apache=$(free_port)
baseline=$(free_port) on_redis=$(free_port) redis_port=$(free_port) jetty_headers=$(free_port) jetty_core=$(free_port)
jetty_server=$(free_port)

await() {  # URL [status]: until it answers (any status unless given)
  for _ in $(seq 150); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)
    if [ "$code" != 000 ] && { [ -z "${2:-}" ] || [ "$code" = "$2" ]; }; then return 0; fi
    sleep 0.2
  done
  say "$1 did not answer; logs in $work"; tail -20 "$work"/*.log >&2; exit 1
}

say "starting nginx (upstream :$up, plain proxy :$nginx_proxy) ..."
cat > "$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx-body;
  proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi;
  uwsgi_temp_path $work/nginx-uwsgi;
  scgi_temp_path $work/nginx-scgi;
  keepalive_requests 100000;
  upstream app { server 127.0.0.1:$up; keepalive 64; }
  server {
    listen 127.0.0.1:$up;
    location / { default_type text/html; return 200 '<!doctype html><title>app</title><p>Hello from the protected application.</p>'; }
    # what the gateway sends upstream besides what any proxy sends: for the bare core proxy with its headers
    location = /bench-upstream-headers {
      default_type text/plain;
      return 200 "Authorization: \$http_authorization\nX-Forwarded-User: \$http_x_forwarded_user\nX-Forwarded-Email: \$http_x_forwarded_email\nX-Forwarded-Preferred-Username: \$http_x_forwarded_preferred_username\nX-Forwarded-Groups: \$http_x_forwarded_groups\nX-Request-Id: \$http_x_request_id\n";
    }
  }
  server {
    listen 127.0.0.1:$nginx_proxy;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
/usr/sbin/nginx -p "$work" -c "$work/nginx.conf"

say "creating client certificates, starting the demo IdP (:$idp) ..."
mkdir -p "$work/gw" "$work/ap"
export BENCH_P12_PASSWORD=bench
java -jar "$gateway_jar" cert new --out "$work/gw/" --subject CN=bench-gateway --password-env BENCH_P12_PASSWORD >/dev/null
java -jar "$gateway_jar" cert new --out "$work/ap/" --subject CN=bench-apache --password-env BENCH_P12_PASSWORD >/dev/null
chmod 644 "$work/ap/client.key"
java -Dbench.counters="$work/idp-counters.txt" -cp "$bench_jar" io.oidcgateway.bench.BenchIdentityProvider "$idp" \
  "bench-gateway=http://127.0.0.1:$gateway/oauth2/callback=$work/gw/client.crt" \
  "bench-apache=http://127.0.0.1:$apache/redirect_uri=$work/ap/client.crt" \
  "bench-baseline=http://127.0.0.1:$baseline/oauth2/callback=$work/gw/client.crt" \
  "bench-redis=http://127.0.0.1:$on_redis/oauth2/callback=$work/gw/client.crt" >"$work/idp.log" 2>&1 &
pids+=($!)
await "http://127.0.0.1:$idp/.well-known/openid-configuration" 200

started_pid=
start_bare() {  # WHAT CLASS PORT [ARG...]: a bench reference in front of the upstream; its pid in started_pid
  local what=$1 class=$2 port=$3
  shift 3
  say "starting the $what (:$port) ..."
  java -cp "$bench_jar" "io.oidcgateway.bench.$class" "$port" "http://127.0.0.1:$up" "$@" >"$work/$class-$port.log" 2>&1 &
  started_pid=$!
  pids+=($!)
  await "http://127.0.0.1:$port/" 200
}
start_bare "bare Jetty proxy" BareJettyProxy "$jetty"; jetty_pid=$started_pid
start_bare "bare Jetty core proxy" BareCoreProxy "$jetty_core"; jetty_core_pid=$started_pid
start_bare "bare Jetty server, answering the page itself" BareJettyServer "$jetty_server"; jetty_server_pid=$started_pid

cat > "$work/gateway.properties" <<EOF
server.host=127.0.0.1
server.port=$gateway
server.public-url=http://127.0.0.1:$gateway
# nginx and Apache write no access log in this run either
server.access-log=off
upstream.url=http://127.0.0.1:$up
oidc.issuer=http://127.0.0.1:$idp
oidc.client-id=bench-gateway
oidc.client-certificate=$work/gw/client.crt
oidc.client-key=$work/gw/client.key
EOF
gateway_pid=
start_gateway() {
  # shellcheck disable=SC2086
  java ${GATEWAY_JAVA_OPTS:-} -Xlog:gc:file="$work/gateway-gc.log" -jar "$gateway_jar" run \
    --config "$work/gateway.properties" >"$work/gateway.log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
}
say "starting oidc-gateway (:$gateway) ..."
start_gateway
await "http://127.0.0.1:$gateway/readyz" 200
# Pauses before this were the gateway's own warm-up (server.warm-up), when it served nobody.
gc_at_ready=$(grep -c 'Pause' "$work/gateway-gc.log" || true)

if [ -n "${BASELINE_GATEWAY_JAR:-}" ]; then
  say "starting the baseline gateway $BASELINE_GATEWAY_JAR (:$baseline) ..."
  sed -e "s/^server.port=.*/server.port=$baseline/" -e "s#^server.public-url=.*#server.public-url=http://127.0.0.1:$baseline#" \
    -e "s/^oidc.client-id=.*/oidc.client-id=bench-baseline/" "$work/gateway.properties" >"$work/baseline.properties"
  # shellcheck disable=SC2086
  java ${GATEWAY_JAVA_OPTS:-} -jar "$BASELINE_GATEWAY_JAR" run --config "$work/baseline.properties" >"$work/baseline.log" 2>&1 &
  baseline_pid=$!
  pids+=($!)
  await "http://127.0.0.1:$baseline/readyz" 200
fi

if [ "$redis" = yes ]; then
  say "starting redis-server (:$redis_port) and a gateway keeping its sessions there (:$on_redis) ..."
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  sed -e "s/^server.port=.*/server.port=$on_redis/" -e "s#^server.public-url=.*#server.public-url=http://127.0.0.1:$on_redis#" \
    -e "s/^oidc.client-id=.*/oidc.client-id=bench-redis/" "$work/gateway.properties" >"$work/redis.properties"
  printf 'session.store=redis\nsession.redis-url=redis://127.0.0.1:%s\nsession.encryption-key=%s\n' \
    "$redis_port" "$(openssl rand -base64 32)" >>"$work/redis.properties"
  # shellcheck disable=SC2086
  java ${GATEWAY_JAVA_OPTS:-} -jar "$gateway_jar" run --config "$work/redis.properties" >"$work/on-redis.log" 2>&1 &
  on_redis_pid=$!
  pids+=($!)
  await "http://127.0.0.1:$on_redis/readyz" 200
fi

say "starting Apache httpd + mod_auth_openidc (:$apache) ..."
cat > "$work/httpd.conf" <<EOF
ServerRoot /etc/apache2
PidFile $work/httpd.pid
Listen 127.0.0.1:$apache
ServerName 127.0.0.1
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so
LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so
LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so
LoadModule proxy_http_module /usr/lib/apache2/modules/mod_proxy_http.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule auth_openidc_module /usr/lib/apache2/modules/mod_auth_openidc.so
User www-data
Group www-data
ErrorLog $work/apache-error.log
LogLevel warn
MaxKeepAliveRequests 0
OIDCProviderMetadataURL http://127.0.0.1:$idp/.well-known/openid-configuration
OIDCClientID bench-apache
OIDCRedirectURI http://127.0.0.1:$apache/redirect_uri
OIDCCryptoPassphrase $(openssl rand -hex 16)
OIDCPrivateKeyFiles $work/ap/client.key
OIDCPublicKeyFiles $work/ap/client.crt
OIDCProviderTokenEndpointAuth private_key_jwt
OIDCPKCEMethod S256
OIDCScope "openid profile email offline_access"
<Location />
  AuthType openid-connect
  Require valid-user
</Location>
ProxyPass /redirect_uri !
ProxyPass / http://127.0.0.1:$up/ keepalive=On
# The same job as the gateway's: the access token upstream as a bearer token.
RequestHeader set Authorization "Bearer %{OIDC_access_token}e" env=OIDC_access_token
EOF
/usr/sbin/apache2 -f "$work/httpd.conf" -k start
await "http://127.0.0.1:$apache/" 302

say "signing in at the gateway and at mod_auth_openidc ..."
gw_cookie="gateway_session=$(bench/login.sh "http://127.0.0.1:$gateway" alice gateway_session)"
ap_cookie="mod_auth_openidc_session=$(bench/login.sh "http://127.0.0.1:$apache" alice mod_auth_openidc_session)"
for check in "http://127.0.0.1:$gateway/|$gw_cookie" "http://127.0.0.1:$apache/|$ap_cookie"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${check#*|}" "${check%%|*}")
  [ "$code" = 200 ] || { say "signed-in request to ${check%%|*} answered $code"; exit 1; }
done

names=("nginx direct" "nginx proxy" "bare Jetty proxy" "mod_auth_openidc" "oidc-gateway")
urls=("http://127.0.0.1:$up/" "http://127.0.0.1:$nginx_proxy/" "http://127.0.0.1:$jetty/" \
  "http://127.0.0.1:$apache/" "http://127.0.0.1:$gateway/")
cookies=("" "" "" "$ap_cookie" "$gw_cookie")
# The JVM of each Java target, whose CPU time per request is measured in the rounds: on this
# shared machine it moves far less from minute to minute than req/s does.
jvms=("" "" "$jetty_pid" "" "$gateway_pid")
redis_index=
if [ "$redis" = yes ]; then
  redis_index=${#names[@]}
  names+=("gateway on Redis")
  urls+=("http://127.0.0.1:$on_redis/")
  cookies+=("gateway_session=$(bench/login.sh "http://127.0.0.1:$on_redis" alice gateway_session)")
  jvms+=("$on_redis_pid")
fi
# The gateway's job but the authentication: the bare Jetty core proxy adding the very headers the
# gateway sent upstream for this session (its access token, the identity headers, a request id).
curl -s -H "Cookie: $gw_cookie" "http://127.0.0.1:$gateway/bench-upstream-headers" >"$work/upstream-headers.txt"
grep -q '^Authorization: Bearer ' "$work/upstream-headers.txt" || {
  say "the gateway's upstream headers could not be captured; logs in $work"; exit 1; }
start_bare "bare Jetty core proxy with the gateway's $(wc -c <"$work/upstream-headers.txt") bytes of upstream headers" \
  BareCoreProxy "$jetty_headers" "$work/upstream-headers.txt"
jetty_headers_pid=$started_pid
core_index=${#names[@]}
names+=("bare Jetty core")
jvms+=("$jetty_core_pid")
urls+=("http://127.0.0.1:$jetty_core/")
cookies+=("")
server_index=${#names[@]}
names+=("bare Jetty server")
jvms+=("$jetty_server_pid")
urls+=("http://127.0.0.1:$jetty_server/")
cookies+=("")
headers_index=${#names[@]}
names+=("bare core+headers")
jvms+=("$jetty_headers_pid")
urls+=("http://127.0.0.1:$jetty_headers/")
cookies+=("")
baseline_index=
if [ -n "${BASELINE_GATEWAY_JAR:-}" ]; then
  baseline_index=${#names[@]}
  names+=("baseline gateway")
  urls+=("http://127.0.0.1:$baseline/")
  cookies+=("gateway_session=$(bench/login.sh "http://127.0.0.1:$baseline" alice gateway_session)")
  jvms+=("$baseline_pid")
fi

to_ms() {  # wrk's 812.00us / 1.23ms / 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
drive() {  # index seconds -> "req/s p50 p99 non2xx requests"
  local i=$1 secs=$2 out args=()
  [ -n "${cookies[$i]}" ] && args=(-H "Cookie: ${cookies[$i]}")
  out=$(wrk -t"$threads" -c"$connections" -d"${secs}s" --latency "${args[@]}" "${urls[$i]}")
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$rps $p50 $p99 ${bad:-0} $(awk '/requests in/ {print $1}' <<<"$out")"
}

say "warming up each target for ${warmup}s ..."
for i in "${!names[@]}"; do drive "$i" "$warmup" >/dev/null; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A results ticks_of served_of
for r in $(seq "$rounds"); do
  say "round $r of $rounds (${duration}s each) ..."
  for i in "${!names[@]}"; do
    [ -n "${jvms[$i]:-}" ] && t0=$(cpu_ticks "${jvms[$i]}")
    results[$i,$r]=$(drive "$i" "$duration")
    if [ -n "${jvms[$i]:-}" ]; then
      ticks_of[$i]=$(( ${ticks_of[$i]:-0} + $(cpu_ticks "${jvms[$i]}") - t0 ))
      served_of[$i]=$(( ${served_of[$i]:-0} + $(awk '{print $5}' <<<"${results[$i,$r]}") ))
    fi
    read -r rps p50 p99 bad _ <<<"${results[$i,$r]}"
    [ "$bad" = 0 ] || say "  ${names[$i]}: $bad non-2xx answers"
    say "  $(printf '%-18s %10s req/s  p50 %6s ms  p99 %6s ms' "${names[$i]}" "$rps" "$p50" "$p99")"
  done
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A rps_of p50_of p99_of
for i in "${!names[@]}"; do
  rps_of[$i]=$(for r in $(seq "$rounds"); do awk '{print $1}' <<<"${results[$i,$r]}"; done | median)
  p50_of[$i]=$(for r in $(seq "$rounds"); do awk '{print $2}' <<<"${results[$i,$r]}"; done | median)
  p99_of[$i]=$(for r in $(seq "$rounds"); do awk '{print $3}' <<<"${results[$i,$r]}"; done | median)
done

# The longest stop-the-world pause of the gateway's JVM while it served (the wrk warm-up and the
# rounds), and apart from it the longest during its own warm-up (read before its restart).
gc_longest() { awk -v from="$1" -v to="$2" '/Pause/ { n++; if (n > from && n <= to) { v = $NF; sub(/ms$/, "", v); if (v + 0 > m) m = v + 0 } } END { printf "%.2f", m }' "$work/gateway-gc.log"; }
gc_total=$(grep -c 'Pause' "$work/gateway-gc.log" || true)
gc_pauses=$((gc_total - gc_at_ready))
gc_max=$(gc_longest "$gc_at_ready" "$gc_total")
gc_warm_up_max=$(gc_longest 0 "$gc_at_ready")

say "the gateway's own CPU per login: $logins scripted logins ..."
counters() { cat "$work/idp-counters.txt"; }
idp_before=$(counters)
cpu_before=$(cpu_ticks "$gateway_pid")
login_start=$(date +%s.%N)
for _ in $(seq "$logins"); do bench/login.sh "http://127.0.0.1:$gateway" bob gateway_session >/dev/null; done
login_secs=$(awk -v s="$login_start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
cpu_after=$(cpu_ticks "$gateway_pid")
sleep 0.3
idp_after=$(counters)
login_cpu_ms=$(awk -v a="$cpu_before" -v b="$cpu_after" -v hz="$(getconf CLK_TCK)" -v n="$logins" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }')

say "a fresh gateway: restarted, signed in, driven for its first 5 s after /readyz ..."
kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true
start_gateway
await "http://127.0.0.1:$gateway/readyz" 200
gw_cookie="gateway_session=$(bench/login.sh "http://127.0.0.1:$gateway" alice gateway_session)"
cookies[4]=$gw_cookie
first=$(drive 4 5)
warm_up_line=$(grep -o 'warmed up: [0-9]* requests in [0-9]* ms' "$work/gateway.log" | tail -1 || true)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo
echo "wrk -t$threads -c$connections, ${warmup}s warm-up, $rounds interleaved rounds of ${duration}s; medians"
echo "machine: $(nproc) CPUs, $(awk '/model name/ {$1=$2=$3=""; print; exit}' /proc/cpuinfo | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
echo
# Its JVM's CPU (user + system) over all its rounds, per request served; "-" for the C servers.
cpu_per_request() {
  [ -n "${served_of[$1]:-}" ] || { echo "-"; return; }
  awk -v t="${ticks_of[$1]}" -v n="${served_of[$1]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'
}
printf '| %-18s | %10s | %8s | %8s | %10s |\n' target "req/s" "p50 ms" "p99 ms" "CPU us/req"
printf '|%s|%s|%s|%s|%s|\n' "--------------------" "------------" "----------" "----------" "------------"
for i in "${!names[@]}"; do
  printf '| %-18s | %10.0f | %8s | %8s | %10s |\n' "${names[$i]}" "${rps_of[$i]}" "${p50_of[$i]}" "${p99_of[$i]}" \
    "$(cpu_per_request "$i")"
done
echo
gw=${rps_of[4]}
echo "oidc-gateway / bare Jetty proxy:   $(ratio "$gw" "${rps_of[2]}")   (target >= 0.9x)"
echo "  in CPU per request:              bare Jetty / oidc-gateway $(ratio "$(cpu_per_request 2)" "$(cpu_per_request 4)")   (the same ratio measured in CPU time, which other load on the machine moves less)"
echo "oidc-gateway / bare core+headers:  $(ratio "$gw" "${rps_of[$headers_index]}")   (the core proxy adding the gateway's upstream headers: its own work without its job's bytes)"
echo "  in CPU per request:              bare core+headers / oidc-gateway $(ratio "$(cpu_per_request "$headers_index")" "$(cpu_per_request 4)")"
echo "oidc-gateway / bare Jetty core:    $(ratio "$gw" "${rps_of[$core_index]}")   (the engine the gateway proxies signed-in requests with: its own work alone)"
echo "  in CPU per request:              bare Jetty core / oidc-gateway $(ratio "$(cpu_per_request "$core_index")" "$(cpu_per_request 4)")"
echo "oidc-gateway / mod_auth_openidc:   $(ratio "$gw" "${rps_of[3]}")   (target >= 1.5x)"
echo "oidc-gateway / nginx proxy:        $(ratio "$gw" "${rps_of[1]}")   (target >= 0.8x)"
echo "  for reference:                   bare Jetty core / nginx proxy $(ratio "${rps_of[$core_index]}" "${rps_of[1]}") (no authentication at all);"
echo "                                   bare Jetty server / nginx proxy $(ratio "${rps_of[$server_index]}" "${rps_of[1]}") (Jetty answering itself, no proxy)"
if [ -n "${BASELINE_GATEWAY_JAR:-}" ]; then
  echo "oidc-gateway / baseline gateway:   $(ratio "$gw" "${rps_of[$baseline_index]}")   (baseline: $BASELINE_GATEWAY_JAR)"
fi
if [ -n "$redis_index" ]; then
  echo "gateway on Redis / oidc-gateway:   $(ratio "${rps_of[$redis_index]}" "$gw")   (target >= 0.7x)"
fi
echo "oidc-gateway p99 - nginx proxy p99: $(awk -v a="${p99_of[4]}" -v b="${p99_of[1]}" 'BEGIN { printf "%+.2f ms", a - b }')   (target <= +1 ms)"
read -r first_rps _ <<<"$first"
echo "first 5 s after /readyz:           $(printf '%.0f' "$first_rps") req/s = $(ratio "$first_rps" "$gw") of steady state   (target >= 0.5x)"
echo "                                   (its warm-up before it listened: ${warm_up_line:-none})"
echo "gateway GC: $gc_pauses pauses while serving (wrk warm-up and rounds), the longest $gc_max ms   (target: none over 10 ms)"
echo "            $gc_at_ready pauses in its own warm-up before it listened, the longest $gc_warm_up_max ms"
echo "logins: $logins in $(printf '%.1f' "$login_secs") s (curl, one at a time); the gateway's own CPU per login: $login_cpu_ms ms"
echo "IdP requests, before -> after the logins: $idp_before -> $idp_after (discovery and JWKS must not move)"
echo "gateway JVM options: ${GATEWAY_JAVA_OPTS:-(none)}"
