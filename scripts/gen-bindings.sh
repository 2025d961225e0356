#!/usr/bin/env bash
# Regenerates ui/src/lib/ipc (TypeScript types and invoke wrappers) from the Rust types.
set -euo pipefail
cd "$(dirname "$0")/.."
TAGDESK_WRITE_BINDINGS=1 cargo test -q -p tagdesk-core --lib api::typescript::tests::committed_typescript_bindings_match_the_rust_types
