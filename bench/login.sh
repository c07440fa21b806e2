#!/usr/bin/env bash
# Signs in at a gateway (or mod_auth_openidc) that uses the demo identity provider, the way a
# browser does, and prints the session cookie's value.
#   usage: bench/login.sh http://localhost:4180 [user] [cookie name, default gateway_session]
set -euo pipefail
base=${1:?usage: bench/login.sh GATEWAY_URL [user]}
user=${2:-alice}
cookie=${3:-gateway_session}
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
authorize=$(curl -fsS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$base/")
idp=$(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$authorize")
form=$(curl -fsS -c "$jar" -b "$jar" "$authorize")
fields=()
while IFS= read -r pair; do
  fields+=(--data-urlencode "$pair")
done < <(grep -o '<input type="hidden" name="[^"]*" value="[^"]*"' <<<"$form" \
  | sed -E 's/.*name="([^"]*)" value="([^"]*)"/\1=\2/; s/&amp;/\&/g')
callback=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "${fields[@]}" \
  --data-urlencode "username=$user" --data-urlencode "password=$user" "$idp/authorize")
curl -sS -c "$jar" -b "$jar" -o /dev/null "$callback"
awk -v name="$cookie" '$6 == name { print $7 }' "$jar"
