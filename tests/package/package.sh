#!/usr/bin/env bash
# The .deb as a user gets it. tests/package/CMakeLists.txt runs one check per test:
#
#   package.sh build BUILD_DIR OUT      cpack the built tree into OUT/, dpkg -x the .deb into OUT/root
#   package.sh CHECK BUILD_DIR OUT      one check of OUT/root (below), which `build` made
#
# Every program runs from OUT/root, in an empty working directory, without CONVIZ_SCENARIO_DIR, so
# nothing is found through the source tree. A tool this needs that is missing is a failure (install-
# deps.sh installs them all), never a skip.
set -euo pipefail

mode=$1 build=$(realpath -m "$2") out=$(realpath -m "$3")
root=$out/root
share=$root/usr/share
presets=$share/conviz/scenarios

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
need() {
  command -v "$1" >/dev/null || fail "$1 is not installed (packaging/install-deps.sh installs ${2:-$1})"
}
is_png() { [[ -f $1 && $(head -c 8 "$1" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]]; }
deb() {
  local debs=("$out"/conviz_*.deb)
  [[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || fail "expected one conviz_*.deb in $out: ${debs[*]}"
  echo "${debs[0]}"
}

unset CONVIZ_SCENARIO_DIR
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

case $mode in
build)
  need dpkg-deb dpkg
  rm -rf "$out"
  "${CPACK:-cpack}" -G DEB -B "$out" --config "$build/CPackConfig.cmake" >"$out.log" 2>&1 || {
    cat "$out.log"
    fail "cpack"
  }
  dpkg-deb -x "$(deb)" "$root"
  echo "unpacked $(basename "$(deb)") into $root"
  ;;

cli) # the installed conviz-cli on the installed presets and tours
  cli=$root/usr/bin/conviz-cli
  [[ -x $cli ]] || fail "no $cli"
  [[ -f $presets/default.toml && -f $presets/default.md ]] || fail "no default preset in $presets"
  "$cli" validate "$presets"/*.toml "$presets"/tours/*.toml
  json=$("$cli" run "$presets/crud-postgres.toml" --json --set load.requests=300)
  for model in fibers event_loop threads; do
    grep -A1 "\"$model\": {" <<<"$json" | grep -q '"completed": 300,' ||
      fail "run --json: $model did not complete the 300 requests asked for"
  done
  # Into a file first: grep -q stops reading at the first match, and explain writes line by line.
  "$cli" explain "$presets/default.toml" >"$work/explain.txt"
  grep -qF "$(head -1 "$presets/default.md")" "$work/explain.txt" ||
    fail "explain does not print the installed teaching note"
  runners=$share/conviz/runners
  [[ -f $runners/go/runner.go && -f $runners/node/runner.js ]] || fail "the Go and Node.js runners are not in $runners"
  need node nodejs
  "$cli" live "$presets/crud-postgres.toml" --runtime node --json --set live.requests=50 |
    grep -A2 '"node": {' | grep -q '"event_loop": {' || fail "live --runtime node did not run the installed runner"
  # A chart is drawn by the GUI's code on Qt's offscreen plugin, in the package's font.
  "$cli" export "$presets/default.toml" --chart cost --out "$work/cost.png"
  is_png "$work/cost.png" || fail "export --chart wrote no PNG"
  echo "conviz-cli validates, runs, explains and draws the installed presets"
  ;;

gui) # the installed app finds its presets beside its own binary, with no display
  app=$root/usr/bin/conviz
  [[ -x $app ]] || fail "no $app"
  listing=$(QT_QPA_PLATFORM=offscreen "$app" --list-presets 2>/dev/null) || fail "conviz --list-presets failed"
  echo "$listing"
  [[ $(head -1 <<<"$listing") == "presets: $(realpath "$presets")" ]] ||
    fail "the installed app reads its presets from somewhere else than $presets"
  ! grep -q "(invalid" <<<"$listing" || fail "an installed preset does not load"
  for f in "$presets"/*.toml; do
    grep -q "^$(basename "$f" .toml)	" <<<"$listing" || fail "$(basename "$f") is not listed"
  done
  ;;

man) # the man pages are installed and render without a warning
  need groff groff-base
  for page in conviz conviz-cli; do
    file=$share/man/man1/$page.1.gz
    [[ -f $file ]] || fail "no $file"
    text=$(zcat "$file" | groff -k -man -Tutf8 -ww -P-cbou 2>"$work/warnings") || fail "groff failed on $page.1"
    [[ ! -s $work/warnings ]] || fail "groff warns on $page.1: $(cat "$work/warnings")"
    grep -q "^NAME" <<<"$text" && grep -q "^SYNOPSIS" <<<"$text" || fail "$page.1 has no NAME or SYNOPSIS"
    # Written from the program's --help: each option it prints is on the page.
    for option in $(QT_QPA_PLATFORM=offscreen "$root/usr/bin/$page" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
      grep -qF -- "$option" <<<"$text" || fail "$page.1 does not mention $option, which $page --help does"
    done
  done
  echo "conviz.1 and conviz-cli.1 render without warnings"
  ;;

desktop) # the desktop entry validates without a word, and names what the package installs
  need desktop-file-validate desktop-file-utils
  entry=$share/applications/io.conviz.conviz.desktop
  [[ -f $entry ]] || fail "no $entry"
  report=$(desktop-file-validate "$entry" 2>&1) || fail "desktop-file-validate: $report"
  [[ -z $report ]] || fail "desktop-file-validate: $report"
  exec=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")
  icon=$(sed -n 's/^Icon=//p' "$entry")
  [[ -x $root/usr/bin/$exec ]] || fail "Exec=$exec is not in the package"
  [[ -f $share/icons/hicolor/scalable/apps/$icon.svg ]] || fail "Icon=$icon is not in the package"
  # Each type the entry opens is a standard one or defined by the package (bookmarks: *.conviz).
  mime=$share/mime/packages/io.conviz.conviz.xml
  grep -q '^MimeType=.*application/x-conviz-bookmark;' "$entry" || fail "the entry does not open bookmarks"
  grep -q 'type="application/x-conviz-bookmark"' "$mime" && grep -q 'pattern="\*.conviz"' "$mime" ||
    fail "$mime does not define application/x-conviz-bookmark for *.conviz"
  echo "desktop-file-validate: no warnings"
  ;;

appstream) # the AppStream file validates (pedantic, offline) without a word; its screenshots are installed
  need appstreamcli appstream
  meta=$share/metainfo/io.conviz.conviz.metainfo.xml
  [[ -f $meta ]] || fail "no $meta"
  report=$(appstreamcli validate --pedantic --no-net --explain "$meta" 2>&1) || fail "appstreamcli: $report"
  ! grep -qE '^[EWIP]: ' <<<"$report" || fail "appstreamcli: $report"
  report=$(appstreamcli validate-tree --pedantic --no-net "$root" 2>&1) || fail "appstreamcli validate-tree: $report"
  ! grep -qE '^[EWIP]: ' <<<"$report" || fail "appstreamcli validate-tree: $report"
  images=$(grep -oE '<image>[^<]+</image>' "$meta" | sed -E 's#<image>.*/([^/]+)</image>#\1#')
  [[ -n $images ]] || fail "no screenshots in $meta"
  for image in $images; do
    png=$share/conviz/screenshots/$image
    is_png "$png" ||
      fail "screenshot $image is not installed as a PNG in $share/conviz/screenshots"
  done
  version=$(dpkg-deb -f "$(deb)" Version)
  newest=$(grep -oE '<release version="[^"]+"' "$meta" | head -1 | cut -d'"' -f2)
  [[ $newest == "$version" ]] || fail "the newest <release> is $newest, the package is $version: add a release"
  echo "appstreamcli validate --pedantic: no issues; screenshots installed:" $images
  ;;

depends) # Depends names what dpkg-shlibdeps cannot see: the xcb platform plugin's package, the font
  need dpkg-deb dpkg
  depends=$(dpkg-deb -f "$(deb)" Depends)
  echo "Depends: $depends"
  has() { grep -qE "(^|, | \| )$1( |,|$)" <<<"$depends"; }
  xcb=$(dpkg -S '*/qt6/plugins/platforms/libqxcb.so' 2>/dev/null | head -1 | cut -d: -f1) ||
    fail "no Qt 6 xcb platform plugin installed here to compare with"
  [[ -n $xcb ]] || fail "no Qt 6 xcb platform plugin installed here to compare with"
  has "$xcb" || fail "Depends does not name $xcb, which holds the xcb platform plugin"
  has fonts-dejavu-core || fail "Depends does not name fonts-dejavu-core"
  has libqt6widgets6 && has libqt6charts6 || fail "Depends lacks the Qt libraries (is shlibdeps on?)"
  ! grep -q '\${' <<<"$depends" || fail "Depends has an unexpanded variable"
  ;;

*) fail "unknown check $mode" ;;
esac
