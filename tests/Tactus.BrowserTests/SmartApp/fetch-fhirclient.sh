#!/usr/bin/env bash
# Fetches the third-party SMART client the browser tests drive (fhirclient 2.6.3, SMART Health IT) from npm, checks it
# against the integrity npm publishes for that version, and keeps its browser build here as fhir-client.js.
# Called by test.sh; needs npm.
set -euo pipefail
cd "$(dirname "$0")"
version=2.6.3
integrity="sha512-CirZixcwWelbkIXxpxlNQx5+ZdJirl6F1s4y4yvA1X7hHAkr9n99aVHaMi0wX+97nATjKQ65X6NB5as/wZoJzg=="
[ -f fhir-client.js ] && [ "$(cat fhir-client.version 2>/dev/null)" = "$version" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "fhirclient@$version" --silent >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$work/fhirclient-$version.tgz" | base64 -w0)"
[ "$actual" = "$integrity" ] || { echo "fhirclient $version: integrity $actual is not npm's $integrity" >&2; exit 1; }
tar -xzf "$work/fhirclient-$version.tgz" -C "$work" package/build/fhir-client.js
mv "$work/package/build/fhir-client.js" fhir-client.js
echo "$version" > fhir-client.version
