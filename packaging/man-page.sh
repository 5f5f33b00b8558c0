#!/usr/bin/env bash
# Writes a man page from a program's own --help, so the page says what --help says and cannot drift
# from it. packaging/CMakeLists.txt runs it at build time for conviz and conviz-cli.
#
#   man-page.sh PROGRAM NAME VERSION SUMMARY PRESET_DIR SEE_ALSO OUT
#
# The page: NAME (from a first line "NAME — summary" if --help starts with one, else SUMMARY),
# SYNOPSIS (the "Usage: ..." line, or the indented lines under a "usage:" line), DESCRIPTION (the
# rest, as --help lays it out; a line "Heading:" at column 0 becomes a subsection), FILES (where
# the presets are) and SEE ALSO. Text is escaped for roff (backslashes, hyphens as \-, a leading
# dot or quote); common typographic characters become groff's named glyphs, anything else stays
# UTF-8 under a coding line that man's preconv reads.
set -euo pipefail

if [[ $# -ne 7 ]]; then
  echo "usage: $0 PROGRAM NAME VERSION SUMMARY PRESET_DIR SEE_ALSO OUT" >&2
  exit 2
fi
program=$1 name=$2 version=$3 summary=$4 presets=$5 see_also=$6 out=$7

help=$("$program" --help 2>"$out.stderr") || { # Qt's chatter on stderr is shown only if --help fails
  echo "man-page.sh: '$program --help' failed:" >&2
  cat "$out.stderr" >&2
  exit 1
}
rm -f "$out.stderr"
help=${help//"$program"/"$name"} # Qt's "Usage: /full/path/conviz ..." names the program as run

roff() {
  local s=$1
  s=${s//\\/\\e}
  s=${s//-/\\-}
  s=${s//—/\\(em}
  s=${s//–/\\(en}
  s=${s//×/\\(mu}
  s=${s//→/\\(->}
  s=${s//≤/\\(<=}
  s=${s//≥/\\(>=}
  s=${s//“/\\(lq}
  s=${s//”/\\(rq}
  s=${s//‘/\\(oq}
  s=${s//’/\\(cq}
  s=${s//µ/\\(mc}
  s=${s//…/...}
  [[ $s == [.\']* ]] && s="\\&$s"
  printf '%s\n' "$s"
}

synopsis=()
description=()
state=body # body | usage (inside the lines under a bare "usage:")
first=1
while IFS= read -r line; do
  if ((first)); then
    first=0
    if [[ $line == "$name — "* ]]; then
      summary=${line#"$name — "}
      continue
    fi
  fi
  if [[ $state == usage ]]; then
    if [[ -z $line ]]; then
      state=body
    else
      synopsis+=("${line#  }")
    fi
    continue
  fi
  shopt -s nocasematch
  if [[ $line =~ ^usage:\ *(.*)$ ]]; then
    shopt -u nocasematch
    if [[ -n ${BASH_REMATCH[1]} ]]; then synopsis+=("${BASH_REMATCH[1]}"); else state=usage; fi
    continue
  fi
  shopt -u nocasematch
  description+=("$line")
done <<<"$help"

# Blank lines at the ends of the description are dropped.
while ((${#description[@]})) && [[ -z ${description[0]} ]]; do description=("${description[@]:1}"); done
while ((${#description[@]})) && [[ -z ${description[-1]} ]]; do unset 'description[-1]'; done

upper=${name^^}
{
  printf '%s\n' '.\" -*- coding: UTF-8 -*-'
  printf '%s\n' ".\\\" Written by packaging/man-page.sh from \`$name --help\`; edit the program's help, not this."
  printf '.TH %s 1 "" "conviz %s" "User Commands"\n' "$(roff "$upper")" "$version"
  printf '.SH NAME\n%s \\- %s\n' "$(roff "$name")" "$(roff "$summary")"
  if ((${#synopsis[@]})); then
    printf '.SH SYNOPSIS\n.nf\n'
    for l in "${synopsis[@]}"; do roff "$l"; done
    printf '.fi\n'
  fi
  printf '.SH DESCRIPTION\n.nf\n'
  blanks=0 # blank lines are written before the next text, not before a heading (which spaces itself)
  for l in "${description[@]}"; do
    if [[ -z $l ]]; then
      blanks=$((blanks + 1))
    elif [[ $l =~ ^([A-Z][A-Za-z\ ]*):$ ]]; then
      blanks=0
      printf '.fi\n.SS %s\n.nf\n' "$(roff "${BASH_REMATCH[1]}")"
    else
      for ((; blanks > 0; blanks--)); do printf '\n'; done
      roff "$l"
    fi
  done
  printf '.fi\n'
  printf '.SH FILES\n.TP\n.I %s\n' "$(roff "$presets")"
  roff "The presets: a scenario file (.toml) and its teaching note (.md) each. The app reads them"
  roff "from share/conviz/scenarios beside its own bin/ folder (so a copy unpacked into another"
  roff "prefix finds its own), or from \$CONVIZ_SCENARIO_DIR; conviz --list-presets prints which."
  roff "conviz-cli takes a file's path: conviz-cli run $presets/default.toml"
  printf '.SH SEE ALSO\n.BR %s (1)\n' "$(roff "$see_also")"
} >"$out.tmp"
mv "$out.tmp" "$out"
