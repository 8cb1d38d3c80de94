#!/bin/sh
# `npm start`: check the bundled clean examples (exit 0 expected), then the
# specs with mistakes (one machine alone; a client and a server together),
# so that a first run shows what findings look like.
# Fails if the clean examples report an error or the mistakes are not found.
set -u
node bin/rpcstate.cjs check examples/*.rpcstate || exit $?
echo
echo "And specs with mistakes (examples/mistakes/):"
node bin/rpcstate.cjs check examples/mistakes
status=$?
[ "$status" -eq 1 ] || { echo "npm start: expected the mistakes to be reported (exit 1), got exit $status" >&2; exit 1; }
