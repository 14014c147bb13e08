#!/usr/bin/env bash
# The steps of brandlint's GitHub Action (action.yml).
#
#   run.sh prepare   checks the inputs, so a typo fails before the build; names the Rust
#                    toolchain the build uses and the build cache
#   run.sh check     runs brandlint on the pull request's changed files or on `paths`,
#                    annotates, writes the step summary and the outputs, and exits as
#                    `fail-on` says
#
# The workspace holds what a pull request wrote, on a pull request from a fork written by a
# stranger: its files, their names (any byte but NUL and `/`, newlines included), symbolic
# links, its rules files and whatever they extend. So:
#
# - Nothing runs from the workspace and no configuration is read from it: every step works
#   in the action's own folder ($ACTION_PATH), reaches the workspace by absolute path or
#   `git -C`, runs Python isolated (`-I`: no script folder, no current folder, no PYTHON*
#   variables on its path) and rustc and cargo with the toolchain pinned (RUSTUP_TOOLCHAIN),
#   so a rust-toolchain.toml or .cargo/config.toml of the pull request is never read.
# - Only brandlint's `--format github` standard output, escaped by brandlint, is printed as
#   it is, so that its annotations work. Every other text that may hold something from the
#   workspace or the event (brandlint's standard error, which quotes rules files; paths;
#   git's messages) is printed between `::stop-commands::TOKEN` and `::TOKEN::`, with a
#   random token, so none of it is read as a workflow command.
# - The outputs are always written, checked: counts are integers or empty, the SARIF file is
#   named only when brandlint wrote it, inside the workspace.
# - The step summary holds only text composed here, with every path escaped for Markdown,
#   and brandlint's own table, which brandlint escapes.
#
# Inputs arrive as environment variables (INPUT_*) and are only ever expanded as quoted
# data, never as code. GitHub's own variables (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
# GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP) say what happened and
# where to write; BRANDLINT is the binary to run.
set -euo pipefail

# The action's own folder: every step works here, never in the workspace.
ACTION_PATH=${ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
cd "$ACTION_PATH"

# How many annotations of each level GitHub shows for a step (brandlint's own limit).
ANNOTATIONS_PER_LEVEL=10

# Text in a workflow command's message, escaped as the Actions toolkit does.
escape_data() {
  local text=$1
  text=${text//'%'/'%25'}
  text=${text//$'\r'/'%0D'}
  text=${text//$'\n'/'%0A'}
  printf '%s' "$text"
}

# Fails the step with an error annotation. The message is one workflow command: whatever
# it quotes is escaped, so it cannot start another.
fail() {
  printf '::error title=brandlint::%s\n' "$(escape_data "$1")"
  exit 1
}

# A random token for ::stop-commands::, hex, from /dev/urandom.
STOP_TOKEN=
new_stop_token() {
  STOP_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  if [[ ! $STOP_TOKEN =~ ^[0-9a-f]{32}$ ]]; then
    fail "cannot read a random token from /dev/urandom"
  fi
}

# Prints its standard input with workflow commands stopped, so no line of it (a rules
# file's, a file name, git's message) is taken for a command. Every line ends with a line
# feed, so the command that resumes them is a line of its own.
quoted() {
  [[ -n $STOP_TOKEN ]] || new_stop_token
  printf '::stop-commands::%s\n' "$STOP_TOKEN"
  awk '{ print }'
  printf '::%s::\n' "$STOP_TOKEN"
}

# Prints a log line that names something from the workspace, the event or an input.
say() {
  printf '%s\n' "$*" | quoted
}

# Prints a value in a Markdown code span that nothing in it can end: control characters
# become `?`, and the span's fence is longer than any run of backticks inside (with a
# space inside each end when the value starts or ends with one).
md_code() {
  local text=$1 fence='`'
  text=$(printf '%s' "$text" | LC_ALL=C tr '\000-\037\177' '?')
  while [[ $text == *"$fence"* ]]; do
    fence+='`'
  done
  case $text in
    '`'* | *'`') text=" $text " ;;
  esac
  printf '%s%s%s' "$fence" "$text" "$fence"
}

# Prints the value of an input with the white space around it removed.
trimmed() {
  local value=$1
  value=${value#"${value%%[![:space:]]*}"}
  value=${value%"${value##*[![:space:]]}"}
  printf '%s' "$value"
}

# Sets FAIL_ON from the fail-on input: error, warning or never.
read_fail_on() {
  FAIL_ON=$(trimmed "${INPUT_FAIL_ON:-error}")
  case $FAIL_ON in
    error | warning | never) ;;
    *) fail "fail-on must be error, warning or never, not \"$FAIL_ON\"" ;;
  esac
}

# Sets ONLY_CHANGED (true or false) from the only-changed input and the event.
read_only_changed() {
  local value
  value=$(trimmed "${INPUT_ONLY_CHANGED:-auto}")
  case $value in
    auto)
      case ${GITHUB_EVENT_NAME:-} in
        pull_request | pull_request_target) ONLY_CHANGED=true ;;
        *) ONLY_CHANGED=false ;;
      esac
      ;;
    true | false) ONLY_CHANGED=$value ;;
    *) fail "only-changed must be auto, true or false, not \"$value\"" ;;
  esac
}

# Sets SCOPE from the scope input: changed-lines, changed-files or all.
read_scope() {
  SCOPE=$(trimmed "${INPUT_SCOPE:-changed-lines}")
  case $SCOPE in
    changed-lines | changed-files | all) ;;
    *) fail "scope must be changed-lines, changed-files or all, not \"$SCOPE\"" ;;
  esac
}

# Sets SHARD_ARGS from the shard input: I/N, or empty for every file (brandlint checks it).
read_shard() {
  SHARD_ARGS=()
  local value
  value=$(trimmed "${INPUT_SHARD:-}")
  if [[ -n $value ]]; then
    SHARD_ARGS=("--shard=$value")
  fi
}

# Sets SELECT_ARGS from the select and ignore inputs: each a list of rule ids, kinds or
# prefixes ending in `*`, separated by commas or lines (brandlint checks each one).
read_selection() {
  SELECT_ARGS=()
  local input value
  for input in select ignore; do
    if [[ $input == select ]]; then value=${INPUT_SELECT:-}; else value=${INPUT_IGNORE:-}; fi
    value=$(trimmed "${value//$'\n'/,}")
    if [[ -n $value ]]; then
      SELECT_ARGS+=("--$input=$value")
    fi
  done
}

# Sets RULES_FROM from the rules-from input: auto, head or base (auto is settled once the
# event is read).
read_rules_from() {
  RULES_FROM=$(trimmed "${INPUT_RULES_FROM:-auto}")
  case $RULES_FROM in
    auto | head | base) ;;
    *) fail "rules-from must be auto, head or base, not \"$RULES_FROM\"" ;;
  esac
}

# Fails unless the input $1's value $2 is a whole number.
check_count() {
  if [[ ! $2 =~ ^[0-9]{1,12}$ ]]; then
    fail "$1 must be a whole number (0: no limit), not \"$2\""
  fi
}

# Fails unless the input $1's value $2 is a size: a number and an optional unit (B, KB,
# KiB, MB, MiB, GB, GiB, ...).
check_size() {
  if [[ ! $2 =~ ^[0-9]{1,15}([.][0-9]{1,6})?\ ?([KkMmGgTt][Ii]?)?[Bb]?$ ]]; then
    fail "$1 must be a size such as 50MB or 64MiB (0: no limit), not \"$2\""
  fi
}

# Sets the budgets from their inputs, checked: TIMEOUT_SECONDS and the brandlint flags
# BUDGET_ARGS, always passed so that a rules file's [limits] cannot raise them.
read_budgets() {
  local minutes
  minutes=$(trimmed "${INPUT_TIMEOUT_MINUTES:-10}")
  if [[ ! $minutes =~ ^[0-9]{1,6}([.][0-9]{1,6})?$ ]]; then
    fail "timeout-minutes must be a number of minutes, not \"$minutes\""
  fi
  local whole=${minutes%%.*} fraction=000
  if [[ $minutes == *.* ]]; then
    fraction=${minutes#*.}000
    fraction=${fraction:0:3}
  fi
  TIMEOUT_SECONDS=$((10#$whole * 60 + (10#$fraction * 60 + 999) / 1000))
  if ((TIMEOUT_SECONDS == 0)); then
    fail "timeout-minutes must be more than 0"
  fi

  local max_findings max_per_file max_output max_rules max_regex
  max_findings=$(trimmed "${INPUT_MAX_FINDINGS:-10000}")
  max_per_file=$(trimmed "${INPUT_MAX_FINDINGS_PER_FILE:-1000}")
  max_output=$(trimmed "${INPUT_MAX_OUTPUT_SIZE:-50MB}")
  max_rules=$(trimmed "${INPUT_MAX_RULES:-20000}")
  max_regex=$(trimmed "${INPUT_MAX_REGEX_SIZE:-256MB}")
  check_count max-findings "$max_findings"
  check_count max-findings-per-file "$max_per_file"
  check_size max-output-size "$max_output"
  check_count max-rules "$max_rules"
  check_size max-regex-size "$max_regex"
  BUDGET_ARGS=(
    "--max-findings=$max_findings"
    "--max-findings-per-file=$max_per_file"
    "--max-output-size=$max_output"
    "--max-rules=$max_rules"
    "--max-regex-size=$max_regex"
  )
}

# Fails unless the input $1's value $2 is a path relative to the workspace that stays in it
# as written: not absolute, no `..` component, on one line.
check_relative() {
  local name=$1 value=$2
  case $value in
    *$'\n'* | *$'\r'*) fail "$name takes one path per line" ;;
    /* | \\* | [A-Za-z]:*)
      fail "$name must be relative to the workspace, not \"$value\""
      ;;
  esac
  local rest=${value//\\//}/ part
  while [[ -n $rest ]]; do
    part=${rest%%/*}
    rest=${rest#*/}
    if [[ $part == .. ]]; then
      fail "$name must stay inside the workspace: no \"..\" in \"$value\""
    fi
  done
}

# Sets PATHS (an array) from the paths input: one path per line, so a path may hold
# spaces; blank lines are left out; "." when there is none. Each is relative to the
# workspace and stays in it.
read_paths() {
  PATHS=()
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line=$(trimmed "$line")
    if [[ -n $line ]]; then
      check_relative paths "$line"
      PATHS+=("$line")
    fi
  done <<<"${INPUT_PATHS:-.}"
  if ((${#PATHS[@]} == 0)); then
    PATHS=(.)
  fi
}

# Sets RULES and SARIF from their inputs: empty, or one relative path inside the workspace.
read_files() {
  RULES=$(trimmed "${INPUT_RULES:-}")
  SARIF=$(trimmed "${INPUT_SARIF_FILE:-}")
  if [[ $SARIF == *$'\n'* || $RULES == *$'\n'* ]]; then
    fail "sarif-file and rules each take one path, on one line"
  fi
  if [[ -n $RULES ]]; then
    check_relative rules "$RULES"
  fi
  if [[ -n $SARIF ]]; then
    check_relative sarif-file "$SARIF"
    case /${SARIF//\\//}/ in
      */[.][Gg][Ii][Tt]/*) fail "sarif-file may not be written under .git" ;;
    esac
    case $SARIF in
      */ | . | */.) fail "sarif-file must name a file, not \"$SARIF\"" ;;
    esac
  fi
}

# Every input, checked.
read_inputs() {
  read_fail_on
  read_only_changed
  read_scope
  read_selection
  read_shard
  read_rules_from
  read_budgets
  read_paths
  read_files
}

# Prints the Rust toolchain the build uses: the workflow's RUSTUP_TOOLCHAIN, else rustup's
# default, else stable. Pinning it means rustup never reads a rust-toolchain.toml, and
# cargo and rustc run in the action's folder, where no .cargo/config.toml of the workspace
# is read.
toolchain() {
  local name=${RUSTUP_TOOLCHAIN:-}
  if [[ -z $name ]] && command -v rustup >/dev/null 2>&1; then
    name=$(rustup default 2>/dev/null | awk 'NR == 1 { print $1 }') || name=
  fi
  case $name in
    '' | *$'\n'* | *$'\r'* | *' '*) name=stable ;;
  esac
  printf '%s' "$name"
}

prepare() {
  read_inputs
  local toolchain key
  toolchain=$(toolchain)
  # The build cache is good for exactly this source and toolchain; an older cache is
  # restored by prefix and rebuilt incrementally.
  key=$(
    RUSTUP_TOOLCHAIN=$toolchain python3 -I - "$ACTION_PATH" \
      "$(RUSTUP_TOOLCHAIN=$toolchain rustc -vV 2>/dev/null || echo no-rustc)" <<'PY'
import hashlib, os, sys

root, toolchain = sys.argv[1], sys.argv[2]
digest = hashlib.sha256(toolchain.encode())
names = ["Cargo.toml", "Cargo.lock"]
for folder in ["src", "rules"]:
    for parent, _, files in os.walk(os.path.join(root, folder)):
        names += [os.path.relpath(os.path.join(parent, f), root) for f in files]
for name in sorted(names):
    digest.update(name.encode() + b"\0")
    with open(os.path.join(root, name), "rb") as f:
        digest.update(hashlib.sha256(f.read()).digest())
print(digest.hexdigest()[:20])
PY
  )
  [[ $key =~ ^[0-9a-f]+$ ]] || fail "cannot compute the build cache key"
  {
    echo "cache-key=$key"
    echo "toolchain=$toolchain"
  } >>"${GITHUB_OUTPUT:-/dev/null}"
}

# Sets BASE (the commit the pull request or push started from, "" when the event names
# none) and FORK (true for a pull request from another repository) from the event.
read_event() {
  BASE=
  FORK=false
  [[ -n ${GITHUB_EVENT_PATH:-} && -f $GITHUB_EVENT_PATH ]] || return 0
  local facts
  facts=$(
    python3 -I - "$GITHUB_EVENT_PATH" <<'PY'
import json, re, sys

with open(sys.argv[1], encoding="utf-8") as f:
    event = json.load(f)
pull_request = event.get("pull_request") or {}
sha = (pull_request.get("base") or {}).get("sha") or event.get("before") or ""
# A push that created a branch has no commit before it.
if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", sha) and sha.strip("0")):
    sha = "-"
fork = False
if pull_request:
    head_repo = (pull_request.get("head") or {}).get("repo") or {}
    repository = event.get("repository") or {}
    # A head repository that is gone, or named differently, is a fork's.
    fork = head_repo.get("fork") is True or (
        head_repo.get("full_name") is None
        or head_repo.get("full_name") != repository.get("full_name")
    )
print(sha, "true" if fork else "false")
PY
  )
  read -r BASE FORK <<<"$facts"
  [[ $BASE == - ]] && BASE=
  [[ $FORK == true ]] || FORK=false
}

# Makes sure the commit $1 is in the workspace's repository, fetching it from origin.
have_commit() {
  local commit=$1
  if ! git -C "$WS" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    fail "brandlint needs the repository checked out: add actions/checkout before brandlint"
  fi
  if ! git -C "$WS" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "brandlint: fetching the base commit $commit"
    if ! git -C "$WS" fetch --no-tags --quiet --depth=1 origin "$commit" 2>"$TMP/git-stderr"; then
      quoted <"$TMP/git-stderr"
      fail "cannot fetch the base commit $commit from origin; check out with fetch-depth: 0"
    fi
  fi
}

# Fails unless each path (relative to the workspace) resolves inside it: what exists of it,
# symbolic links followed. With --sarif, also none of what exists of it is a symbolic link,
# so that neither `mkdir -p` nor brandlint's write goes through one.
resolve_inside() {
  local name=$1 why
  shift
  if ! why=$(
    python3 -I - "$WS" "$@" <<'PY'
import os, sys

workspace = os.path.realpath(sys.argv[1])
kind, paths = sys.argv[2], sys.argv[3:]
for path in paths:
    full = os.path.join(workspace, path)
    real = os.path.realpath(full)
    if os.path.commonpath([workspace, real]) != workspace:
        print(f"{path} leads out of the workspace through a symbolic link")
        sys.exit(1)
    if kind == "--sarif":
        at = workspace
        for part in path.replace("\\", "/").split("/"):
            at = os.path.join(at, part)
            if os.path.islink(at):
                print(f"{path} goes through a symbolic link; brandlint writes no file through one")
                sys.exit(1)
        if os.path.isdir(full):
            print(f"{path} is a folder")
            sys.exit(1)
PY
  ); then
    fail "$name: ${why:-cannot resolve the path}"
  fi
}

# Whether the NUL-separated list in the file $1 holds the entry $2.
listed() {
  local entry
  while IFS= read -r -d '' entry; do
    [[ $entry == "$2" ]] && return 0
  done <"$1"
  return 1
}

# Prints the count of NUL-separated entries in the file $1.
count_entries() {
  tr -cd '\0' <"$1" | wc -c | tr -d ' '
}

# Whether a tree path is safe to write under a folder: relative, no `.`, `..` or empty
# component, nothing under .git.
safe_tree_path() {
  local rest=$1/ part
  [[ $1 != /* ]] || return 1
  while [[ -n $rest ]]; do
    part=${rest%%/*}
    rest=${rest#*/}
    case $part in
      '' | . | .. | [.][Gg][Ii][Tt]) return 1 ;;
    esac
  done
}

# Writes every `.toml` file of the commit $1 (regular files only: no symbolic link) into
# the folder $2, at its place in the tree; blobs are read as stored, through no filter.
extract_tomls() {
  local commit=$1 dir=$2 entry meta path mode type object
  mkdir -p "$dir"
  while IFS= read -r -d '' entry; do
    path=${entry#*$'\t'}
    case $path in
      *.[Tt][Oo][Mm][Ll]) ;;
      *) continue ;;
    esac
    meta=${entry%%$'\t'*}
    read -r mode type object <<<"$meta"
    [[ $type == blob && ($mode == 100644 || $mode == 100755) ]] || continue
    safe_tree_path "$path" || continue
    if [[ $path == */* ]]; then
      mkdir -p "$dir/${path%/*}" 2>/dev/null || continue
    fi
    git -C "$WS" cat-file blob "$object" 2>/dev/null >"$dir/$path" || continue
  done < <(git -C "$WS" ls-tree -r -z --full-tree "$commit")
}

# Appends to the file $3 every file the rules file $2 is read from (its extends chain and
# itself), relative to the folder $1, NUL-separated. Rules brandlint cannot read count as
# changed: returns 1.
rules_sources() {
  local root=$1 rules=$2 out=$3 entry
  shift 3
  if ! (cd "$root" && "$BRANDLINT" rules --sources -z "$@" "--rules=./$rules") \
    >"$TMP/sources" 2>/dev/null; then
    return 1
  fi
  local real
  real=$(cd "$root" && pwd -P)
  while IFS= read -r -d '' entry; do
    entry=${entry#"$real"/}
    entry=${entry#"$root"/}
    entry=${entry#./}
    printf '%s\0' "$entry" >>"$out"
  done <"$TMP/sources"
}

# Lists the rules files of a tree (in the folder $1, NUL-separated in the file $2): every
# brandlint.toml and .brandlint.toml, and the rules input.
rules_files_in() {
  local dir=$1 out=$2
  if [[ $dir == "$WS" ]]; then
    git -C "$WS" ls-files -z -- brandlint.toml '*/brandlint.toml' .brandlint.toml \
      '*/.brandlint.toml' >"$out"
  else
    (cd "$dir" && find . \( -name brandlint.toml -o -name .brandlint.toml \) -type f -print0) |
      while IFS= read -r -d '' entry; do printf '%s\0' "${entry#./}"; done >"$out"
  fi
  if [[ -n $RULES && -f $dir/$RULES ]]; then
    printf '%s\0' "$RULES" >>"$out"
  fi
}

# Sets RULES_CHANGED to a rules file among the changed paths (the NUL-separated file $1),
# "" when none: a brandlint.toml or .brandlint.toml, the rules input, or any file that the
# rules files of the head or the base commit extend. Additions, deletions, renames and type
# changes all count.
find_rules_change() {
  local changed=$1 file
  RULES_CHANGED=
  local any_toml=''
  while IFS= read -r -d '' file; do
    case $file in
      brandlint.toml | */brandlint.toml | .brandlint.toml | */.brandlint.toml)
        RULES_CHANGED=$file
        return 0
        ;;
    esac
    if [[ -n $RULES && $file == "${RULES#./}" ]]; then
      RULES_CHANGED=$file
      return 0
    fi
    case $file in
      *.[Tt][Oo][Mm][Ll]) any_toml=${any_toml:-$file} ;;
    esac
  done <"$changed"
  # Rules extend only `.toml` files.
  [[ -n $any_toml ]] || return 0

  local sources=$TMP/rules-sources
  : >"$sources"
  rules_files_in "$WS" "$TMP/head-rules"
  while IFS= read -r -d '' file; do
    if ! rules_sources "$WS" "$file" "$sources"; then
      # What it reads is unknown: any changed `.toml` may be among it.
      RULES_CHANGED=$any_toml
      return 0
    fi
  done <"$TMP/head-rules"
  local tree=$TMP/from-tree
  extract_tomls "$CHANGED_FROM" "$tree"
  rules_files_in "$tree" "$TMP/base-rules"
  while IFS= read -r -d '' file; do
    # The base's rules read only in the base's tree.
    rules_sources "$tree" "$file" "$sources" "--rules-tree=$tree" || true
  done <"$TMP/base-rules"
  while IFS= read -r -d '' file; do
    if listed "$sources" "$file"; then
      RULES_CHANGED=$file
      return 0
    fi
  done <"$changed"
}

# Writes the files changed since BASE under PATHS, NUL-separated, to the file $1, and sets
# CHANGED_FROM and RULES_CHANGED.
changed_files() {
  local list=$1 from
  have_commit "$BASE"
  # Compare with where the branch left the base (what `base...HEAD` means), so changes made
  # on the base branch since are not taken for the pull request's. A shallow checkout has
  # no history to find that in; GitHub's default checkout of a pull request is a merge
  # onto the base, which the base itself is the right side to compare with.
  from=$(git -C "$WS" merge-base "$BASE" HEAD 2>/dev/null) || from=$BASE
  CHANGED_FROM=$from
  # What to check: added, changed, renamed, and files whose type changed (a file that
  # became a symbolic link is reported by brandlint, not skipped).
  git -C "$WS" --literal-pathspecs diff --name-only -z --no-ext-diff --no-renames \
    --diff-filter=ACMRT --relative "$from" HEAD -- "${PATHS[@]}" >"$list"
  RULES_CHANGED=
  if [[ $RULES_FROM == head ]]; then
    # Whether the rules changed: any change, deletions and type changes too.
    git -C "$WS" diff --name-only -z --no-ext-diff --no-renames --diff-filter=ACDMRT \
      --relative "$from" HEAD >"$TMP/all-changes"
    find_rules_change "$TMP/all-changes"
  fi
}

# Runs brandlint in the workspace with the arguments given, its standard output and error
# to files, stopped past TIMEOUT_SECONDS. Sets STATUS and TIMED_OUT.
run_brandlint() {
  (cd "$WS" && exec "$BRANDLINT" "$@") >"$TMP/stdout" 2>"$TMP/stderr" </dev/null &
  local pid=$! deadline=$((SECONDS + TIMEOUT_SECONDS))
  # `timeout` is not on every runner (macOS has none): a watchdog that stops it.
  (
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        : >"$TMP/timed-out"
        kill -TERM "$pid" 2>/dev/null || exit 0
        sleep 5
        kill -KILL "$pid" 2>/dev/null || exit 0
        exit 0
      fi
      sleep 1
    done
  ) </dev/null >/dev/null 2>&1 &
  local watchdog=$!
  STATUS=0
  wait "$pid" || STATUS=$?
  kill "$watchdog" 2>/dev/null || true
  wait "$watchdog" 2>/dev/null || true
  TIMED_OUT=false
  if [[ -e $TMP/timed-out ]]; then
    TIMED_OUT=true
  fi
}

# The outputs, written whatever happens (also when brandlint fails or is stopped), checked.
OUT_ERRORS=
OUT_WARNINGS=
OUT_INFOS=
OUT_SARIF=
write_outputs() {
  local name value
  for name in OUT_ERRORS OUT_WARNINGS OUT_INFOS; do
    value=${!name}
    [[ $value =~ ^[0-9]{1,18}$ ]] || printf -v "$name" '%s' ''
  done
  case $OUT_SARIF in
    *$'\n'* | *$'\r'*) OUT_SARIF= ;;
  esac
  printf 'errors=%s\nwarnings=%s\ninfos=%s\nsarif-file=%s\n' \
    "$OUT_ERRORS" "$OUT_WARNINGS" "$OUT_INFOS" "$OUT_SARIF" >>"${GITHUB_OUTPUT:-/dev/null}"
}

TMP=
on_exit() {
  local status=$?
  write_outputs || status=1
  if [[ -n $TMP ]]; then
    rm -rf "$TMP"
  fi
  exit "$status"
}

# `3 errors, 1 warning and 2 notices`, leaving out the zero counts.
counts_text() {
  local parts=() n word n_word
  for n_word in "$1 error" "$2 warning" "$3 notice"; do
    n=${n_word%% *}
    word=${n_word#* }
    if ((n > 0)); then
      ((n == 1)) || word+=s
      parts+=("$n $word")
    fi
  done
  case ${#parts[@]} in
    1) printf '%s' "${parts[0]}" ;;
    2) printf '%s and %s' "${parts[0]}" "${parts[1]}" ;;
    3) printf '%s, %s and %s' "${parts[0]}" "${parts[1]}" "${parts[2]}" ;;
  esac
}

check() {
  new_stop_token
  trap on_exit EXIT
  read_inputs
  WS=${GITHUB_WORKSPACE:-}
  [[ -n $WS && -d $WS ]] || fail "GITHUB_WORKSPACE is not a folder"
  WS=$(cd "$WS" && pwd -P)
  BRANDLINT=${BRANDLINT:-brandlint}
  if [[ $BRANDLINT != /* ]]; then
    BRANDLINT=$(command -v "$BRANDLINT") || fail "cannot find brandlint"
  fi
  local summary_file=${GITHUB_STEP_SUMMARY:-/dev/null}
  TMP=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/brandlint.XXXXXX")

  # Every path the inputs name stays inside the workspace once links are followed.
  resolve_inside paths --path "${PATHS[@]}"
  if [[ -n $RULES ]]; then
    resolve_inside rules --path "$RULES"
  fi
  if [[ -n $SARIF ]]; then
    resolve_inside sarif-file --sarif "$SARIF"
  fi

  read_event
  if [[ $RULES_FROM == auto ]]; then
    RULES_FROM="head"
    if [[ $FORK == true ]]; then
      RULES_FROM="base"
    fi
  fi

  local args=(check --format github
    --report "markdown=$TMP/summary.md" --report "json=$TMP/report.json"
    "${BUDGET_ARGS[@]}" "${SELECT_ARGS[@]}" "${SHARD_ARGS[@]}")
  if [[ -n $SARIF ]]; then
    if [[ $SARIF == */* ]]; then
      mkdir -p "$WS/${SARIF%/*}"
    fi
    args+=(--report "sarif=$SARIF")
  fi
  if [[ $FAIL_ON == warning ]]; then
    args+=(--max-warnings 0)
  fi

  local rules_used
  if [[ $RULES_FROM == base ]]; then
    [[ -n $BASE ]] || fail "rules-from: base needs an event that names a base commit"
    have_commit "$BASE"
    local tree=$TMP/base-rules-tree
    extract_tomls "$BASE" "$tree"
    args+=("--rules-tree=$tree")
    if [[ -n $RULES ]]; then
      args+=("--rules=$tree/$RULES")
    fi
    echo "brandlint: the rules are the base commit's, ${BASE:0:7} (rules-from: base)"
    rules_used="Rules: the base commit's, \`${BASE:0:7}\` (\`rules-from: base\`); the pull request's rules files were not read."
  else
    if [[ -n $RULES ]]; then
      args+=("--rules=$RULES")
    fi
    rules_used="Rules: the checked-out commit's (\`rules-from: head\`)."
  fi
  if [[ -n $RULES ]]; then
    rules_used+=" Rules file: $(md_code "$RULES")."
  fi

  # What was checked, for the step summary.
  local scope='' compare=false
  if [[ $ONLY_CHANGED == true && $SCOPE != all ]]; then
    if [[ -z $BASE ]]; then
      say "brandlint: the ${GITHUB_EVENT_NAME:-current} event names no base commit: checking all of ${PATHS[*]}"
    else
      compare=true
    fi
  fi
  if [[ $compare == true ]]; then
    changed_files "$TMP/changed"
    local changed short=${CHANGED_FROM:0:7}
    changed=$(count_entries "$TMP/changed")
    if [[ -n $RULES_CHANGED ]]; then
      say "brandlint: the rules file $RULES_CHANGED changed: checking all of ${PATHS[*]}"
      scope="The rules file $(md_code "$RULES_CHANGED") changed, so all of the checked paths were checked, not only the changed files."
      args+=(-- "${PATHS[@]}")
    elif [[ $SCOPE == changed-lines ]]; then
      say "brandlint: checking the lines changed since $short in the files under ${PATHS[*]}: $changed"
      scope="Checked the lines changed since \`$short\` (and, for findings about a whole document, the files changed)."
      args+=(--changed-since "$CHANGED_FROM" --files-from "$TMP/changed")
    else
      say "brandlint: checking the files changed since $short under ${PATHS[*]}: $changed"
      scope="Checked the files changed since \`$short\`."
      args+=(--files-from "$TMP/changed")
    fi
  else
    args+=(-- "${PATHS[@]}")
  fi

  run_brandlint "${args[@]}"
  # Annotations as brandlint wrote them (it escapes what it quotes); the rest with
  # workflow commands stopped.
  cat "$TMP/stdout"
  if [[ -s $TMP/stderr ]]; then
    quoted <"$TMP/stderr"
  fi

  if [[ $TIMED_OUT == true ]]; then
    printf '### brandlint\n\nbrandlint was stopped: it ran past timeout-minutes (%s s).\n' \
      "$TIMEOUT_SECONDS" >>"$summary_file"
    fail "brandlint was stopped: it ran past timeout-minutes ($TIMEOUT_SECONDS s)"
  fi
  # The counts, from brandlint's report whenever it wrote a whole one: also when a findings
  # budget cut the run, which still writes every report.
  local counts files errors warnings infos have_report=false
  if [[ -s $TMP/report.json ]] && counts=$(
    python3 -I - "$TMP/report.json" 2>/dev/null <<'PY'
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    summary = json.load(f)["summary"]
values = [summary[k] for k in ("files", "errors", "warnings", "infos")]
if not all(type(v) is int and v >= 0 for v in values):
    sys.exit("the report's counts are not counts")
print(*values)
PY
  ); then
    read -r files errors warnings infos <<<"$counts"
    OUT_ERRORS=$errors
    OUT_WARNINGS=$warnings
    OUT_INFOS=$infos
    have_report=true
    if [[ -n $SARIF && -f $WS/$SARIF && ! -L $WS/$SARIF ]]; then
      OUT_SARIF=$SARIF
    fi
  fi

  if [[ $STATUS != 0 && $STATUS != 1 ]]; then
    # A usage error, a rules file brandlint cannot use or a budget exceeded: its message is
    # above, and no fail-on setting hides it. A run a budget cut still shows what it found.
    {
      if [[ $have_report == true && -s $TMP/summary.md ]]; then
        cat "$TMP/summary.md"
        printf '
'
      else
        printf '### brandlint\n\n'
      fi
      printf 'brandlint failed (exit status %s): the step'"'"'s log says why.\n' \
        "$STATUS"
    } >>"$summary_file"
    printf '::error title=brandlint::%s\n' \
      "$(escape_data "brandlint failed (exit status $STATUS); see the message above")"
    exit 2
  fi
  [[ $have_report == true ]] || fail "cannot read brandlint's report"

  local nothing_changed=false
  if [[ $compare == true && -z $RULES_CHANGED && $files == 0 ]]; then
    nothing_changed=true
  fi

  local over=() n
  for n in "$errors" "$warnings" "$infos"; do
    if ((n > ANNOTATIONS_PER_LEVEL)); then
      over+=("$((n - ANNOTATIONS_PER_LEVEL))")
    else
      over+=(0)
    fi
  done
  {
    cat "$TMP/summary.md"
    if ((over[0] + over[1] + over[2] > 0)); then
      printf '\n**%s not shown as annotations (GitHub shows %s of each level per step); all are listed in the step'"'"'s log**\n' \
        "$(counts_text "${over[@]}")" "$ANNOTATIONS_PER_LEVEL"
    fi
    if [[ $nothing_changed == true ]]; then
      printf '\nNo changed file to check: nothing brandlint reads changed since %s.\n' \
        "\`${CHANGED_FROM:0:7}\`"
    elif [[ -n $scope ]]; then
      printf '\n%s\n' "$scope"
    fi
    printf '\n%s\n' "$rules_used"
  } >>"$summary_file"
  if [[ $nothing_changed == true ]]; then
    echo "brandlint: no changed file to check: nothing brandlint reads changed since ${CHANGED_FROM:0:7}"
  fi

  if [[ $STATUS == 1 ]]; then
    if [[ $FAIL_ON == never ]]; then
      echo "brandlint: $errors errors and $warnings warnings; not failing (fail-on: never)"
      exit 0
    fi
    echo "brandlint: failing: $errors errors and $warnings warnings (fail-on: $FAIL_ON)"
    exit 1
  fi
}

case ${1:-} in
  prepare) prepare ;;
  check) check ;;
  *)
    echo "usage: run.sh prepare|check" >&2
    exit 2
    ;;
esac
