#!/bin/sh
# Re-vendors YASGUI from tools/node (run `npm install` there first).
set -eu
here=$(dirname "$0")
build="$here/../../tools/node/node_modules/@zazuko/yasgui/build"
gzip -9nc "$build/yasgui.min.js" > "$here/yasgui.min.js.gz"
gzip -9nc "$build/yasgui.min.css" > "$here/yasgui.min.css.gz"
