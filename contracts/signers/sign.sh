#!/usr/bin/env bash
# Reference request signer for Pishkhan Ledger gateways and PSPs: bash, openssl and curl.
#
# Every signed request carries X-Pishkhan-Timestamp (unix seconds) and X-Pishkhan-Signature:
# hex HMAC-SHA256 under the signing secret of  timestamp \n METHOD \n path-with-query \n raw body.
#
#   export PISHKHAN_TOKEN=pk_... PISHKHAN_SECRET=...
#   contracts/signers/sign.sh send POST http://127.0.0.1:3000/v1/payments '{"rrn": ...}'
#   contracts/signers/sign.sh send GET  http://127.0.0.1:3000/v1/payments/<paymentId>
#   contracts/signers/sign.sh headers POST /v1/payments '{"rrn": ...}'
#
# `send` prints the HTTP status on the first line and the answer's body after it.
# The secret is passed to openssl as an argument, so it is visible to other users of the
# machine in the process list: run this on a host only you use.
set -euo pipefail

usage() {
  sed -n '2,12p' "$0" >&2
  exit 2
}
[[ $# -ge 3 && ($1 == send || $1 == headers) ]] || usage
: "${PISHKHAN_TOKEN:?set PISHKHAN_TOKEN}" "${PISHKHAN_SECRET:?set PISHKHAN_SECRET}"
command=$1 method=${2^^} target=$3
has_body=$(($# > 3))
body=${4:-}

signature() { # timestamp path
  printf '%s\n%s\n%s\n%s' "$1" "$method" "$2" "$body" |
    openssl dgst -sha256 -hmac "$PISHKHAN_SECRET" | awk '{print $NF}'
}

timestamp=$(date +%s)
if [[ $command == headers ]]; then
  printf 'X-Pishkhan-Timestamp: %s\nX-Pishkhan-Signature: %s\n' "$timestamp" "$(signature "$timestamp" "$target")"
  exit 0
fi

rest=${target#*://}
path=/${rest#*/}
[[ $rest == */* ]] || path=/
args=(-sS -X "$method" "$target"
  -H "Authorization: Bearer $PISHKHAN_TOKEN"
  -H "X-Pishkhan-Timestamp: $timestamp"
  -H "X-Pishkhan-Signature: $(signature "$timestamp" "$path")"
  -w '\n%{http_code}')
((has_body)) && args+=(-H 'Content-Type: application/json' --data-binary @-)
answer=$(printf '%s' "$body" | curl "${args[@]}")
status=${answer##*$'\n'}
printf '%s\n%s\n' "$status" "${answer%$'\n'*}"
[[ $status == 2?? ]]
