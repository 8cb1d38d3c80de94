#!/bin/sh
# `npm start`: check the bundled clean examples (exit 0 expected), then one
# spec with a mistake, so that a first run shows what a finding looks like.
# Fails if the clean examples report an error or the mistake is not found.
set -u
node bin/rpcstate.cjs check examples/*.rpcstate || exit $?
echo
echo "And a spec with a mistake (examples/mistakes/hasty-client.rpcstate):"
node bin/rpcstate.cjs check examples/mistakes/hasty-client.rpcstate
status=$?
[ "$status" -eq 1 ] || { echo "npm start: expected the mistake to be reported (exit 1), got exit $status" >&2; exit 1; }
