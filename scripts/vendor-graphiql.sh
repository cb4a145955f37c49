#!/usr/bin/env bash
# Refresh the GraphiQL page's assets in provenance/api/static/graphiql from the npm registry,
# so the page works without internet access. Versions match strawberry's own page.
set -euo pipefail
cd "$(dirname "$0")/.."
out=provenance/api/static/graphiql
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && for pkg in graphiql@3.8.3 react@18.2.0 react-dom@18.2.0 @graphiql/plugin-explorer@1.0.2; do
  npm pack --silent "$pkg" >/dev/null
done && for tgz in *.tgz; do mkdir "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done)
cp "$work"/react-18.2.0/package/umd/react.production.min.js "$out/"
cp "$work"/react-dom-18.2.0/package/umd/react-dom.production.min.js "$out/"
cp "$work"/graphiql-3.8.3/package/graphiql.min.js "$work"/graphiql-3.8.3/package/graphiql.min.css "$out/"
cp "$work"/graphiql-plugin-explorer-1.0.2/package/dist/index.umd.js "$out/plugin-explorer.umd.js"
cp "$work"/graphiql-plugin-explorer-1.0.2/package/dist/style.css "$out/plugin-explorer.css"
# The source maps are not shipped: drop the references to them.
sed -i 's|//# sourceMappingURL=graphiql.min.js.map||; s|/\*# sourceMappingURL=graphiql.min.css.map \*/||' "$out"/graphiql.min.*
echo "GraphiQL assets refreshed in $out"
