#!/usr/bin/env bash
# Builds oidc-gateway when its sources changed since the last build, then runs the CLI.
#   ./run.sh [COMMAND] [OPTIONS]    (./run.sh --help lists the commands)
#   ./run.sh test                   runs the whole test suite (mvn -B verify)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
jar="gateway-jetty/target/oidc-gateway.jar"

# Maven as installed, else the Maven Wrapper (./mvnw fetches the pinned Maven once; only a JDK is needed).
maven() {
  if command -v mvn >/dev/null 2>&1; then mvn "$@"; else "$here/mvnw" "$@"; fi
}

if [ "${1:-}" = "test" ]; then
  shift
  maven -B verify "$@"
  exit $?
fi

if ! command -v java >/dev/null 2>&1; then
  echo "run.sh: java is not installed; install a Java 17 JDK (e.g. apt-get install openjdk-17-jdk)" >&2
  exit 2
fi

needs_build=0
if [ ! -f "$jar" ]; then
  needs_build=1
elif [ -n "$(find pom.xml gateway-core gateway-jetty -newer "$jar" \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -not -path '*/target/*' -print -quit)" ]; then
  needs_build=1
fi
if [ "$needs_build" = 1 ]; then
  if ! command -v javac >/dev/null 2>&1; then
    echo "run.sh: building the gateway needs a JDK (javac); install one (e.g. apt-get install openjdk-17-jdk-headless)" >&2
    exit 2
  fi
  echo "run.sh: building oidc-gateway (sources changed)..." >&2
  maven -B -q -DskipTests package >&2
fi
exec java ${GATEWAY_JAVA_OPTS:-} -jar "$jar" "$@"
