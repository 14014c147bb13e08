#!/usr/bin/env bash
# The steps of brandlint's GitHub Action (action.yml).
#
#   run.sh prepare   checks the inputs, so a typo fails before the build, and names the
#                    build cache after the action's source and the Rust toolchain
#   run.sh check     runs brandlint on the pull request's changed files or on `paths`,
#                    annotates, writes the step summary and the outputs, and exits as
#                    `fail-on` says
#
# Inputs arrive as environment variables (INPUT_PATHS, INPUT_RULES, INPUT_ONLY_CHANGED,
# INPUT_FAIL_ON, INPUT_SARIF_FILE) and are only ever expanded as quoted data, never as code.
# GitHub's own variables (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY) say what happened and where to write; BRANDLINT is the binary to run.
set -euo pipefail

# Text in a workflow command's message, escaped as the Actions toolkit does.
escape_data() {
  local text=$1
  text=${text//'%'/'%25'}
  text=${text//$'\r'/'%0D'}
  text=${text//$'\n'/'%0A'}
  printf '%s' "$text"
}

# Fails the step with an error annotation.
fail() {
  printf '::error title=brandlint::%s\n' "$(escape_data "$1")"
  exit 1
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

# Sets PATHS (an array) from the paths input: one path per line, so a path may hold
# spaces; blank lines are left out; "." when there is none.
read_paths() {
  PATHS=()
  local line
  while IFS= read -r line || [[ -n $line ]]; do
    line=$(trimmed "$line")
    [[ -n $line ]] && PATHS+=("$line")
  done <<<"${INPUT_PATHS:-.}"
  if ((${#PATHS[@]} == 0)); then
    PATHS=(.)
  fi
}

prepare() {
  read_fail_on
  read_only_changed
  local action_path=${ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
  # The build cache is good for exactly this source and toolchain; an older cache is
  # restored by prefix and rebuilt incrementally.
  local key
  key=$(
    python3 - "$action_path" "$(rustc -vV 2>/dev/null || echo no-rustc)" <<'PY'
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
  echo "cache-key=$key" >>"${GITHUB_OUTPUT:-/dev/null}"
}

# Prints the commit the pull request (or push) started from, from the event payload;
# nothing when the event has none.
base_commit() {
  [[ -n ${GITHUB_EVENT_PATH:-} && -f $GITHUB_EVENT_PATH ]] || return 0
  python3 - "$GITHUB_EVENT_PATH" <<'PY'
import json, re, sys

with open(sys.argv[1], encoding="utf-8") as f:
    event = json.load(f)
pull_request = event.get("pull_request") or {}
sha = (pull_request.get("base") or {}).get("sha") or event.get("before") or ""
# A push that created a branch has no commit before it.
if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", sha) and sha.strip("0"):
    print(sha)
PY
}

# Writes the files changed since BASE under PATHS, NUL-separated, to the file $1, and sets
# RULES_CHANGED to the first rules file among all the changed files ("" when none).
changed_files() {
  local list=$1 base=$2 from
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    fail "only-changed needs the repository checked out: add actions/checkout before brandlint"
  fi
  if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    echo "brandlint: fetching the base commit $base"
    if ! git fetch --no-tags --quiet --depth=1 origin "$base"; then
      fail "cannot fetch the base commit $base from origin; check out with fetch-depth: 0"
    fi
  fi
  # Compare with where the branch left the base (what `base...HEAD` means), so changes made
  # on the base branch since are not taken for the pull request's. A shallow checkout has
  # no history to find that in; GitHub's default checkout of a pull request is a merge
  # onto the base, which the base itself is the right side to compare with.
  from=$(git merge-base "$base" HEAD 2>/dev/null) || from=$base
  local all=$list.all
  git diff --name-only -z --no-ext-diff --diff-filter=ACMR --relative "$from" HEAD >"$all"
  git --literal-pathspecs diff --name-only -z --no-ext-diff --diff-filter=ACMR --relative \
    "$from" HEAD -- "${PATHS[@]}" >"$list"
  CHANGED_FROM=$from
  RULES_CHANGED=
  local file rules
  rules=$(trimmed "${INPUT_RULES:-}")
  rules=${rules#./}
  while IFS= read -r -d '' file; do
    case $file in
      brandlint.toml | */brandlint.toml | .brandlint.toml | */.brandlint.toml)
        RULES_CHANGED=$file
        break
        ;;
    esac
    if [[ -n $rules && $file == "$rules" ]]; then
      RULES_CHANGED=$file
      break
    fi
  done <"$all"
}

# Prints the count of NUL-separated entries in the file $1.
count_entries() {
  tr -cd '\0' <"$1" | wc -c | tr -d ' '
}

check() {
  read_fail_on
  read_only_changed
  read_paths
  local brandlint=${BRANDLINT:-brandlint}
  local summary_file=${GITHUB_STEP_SUMMARY:-/dev/null}
  local output_file=${GITHUB_OUTPUT:-/dev/null}
  local sarif rules
  sarif=$(trimmed "${INPUT_SARIF_FILE:-}")
  rules=$(trimmed "${INPUT_RULES:-}")
  if [[ $sarif == *$'\n'* || $rules == *$'\n'* ]]; then
    fail "sarif-file and rules each take one path, on one line"
  fi
  local tmp
  tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/brandlint.XXXXXX")
  # shellcheck disable=SC2064 # expand now: tmp is local
  trap "rm -rf '$tmp'" EXIT

  local args=(check --format github
    --report "markdown=$tmp/summary.md" --report "json=$tmp/report.json")
  if [[ -n $sarif ]]; then
    mkdir -p "$(dirname "$sarif")"
    args+=(--report "sarif=$sarif")
  fi
  if [[ -n $rules ]]; then
    args+=("--rules=$rules")
  fi
  if [[ $FAIL_ON == warning ]]; then
    args+=(--max-warnings 0)
  fi

  # What was checked, for the step summary.
  local scope=
  local base=
  if [[ $ONLY_CHANGED == true ]]; then
    base=$(base_commit)
    if [[ -z $base ]]; then
      echo "brandlint: the ${GITHUB_EVENT_NAME:-current} event names no base commit: checking all of ${PATHS[*]}"
    fi
  fi
  if [[ -n $base ]]; then
    changed_files "$tmp/changed" "$base"
    local changed short=${CHANGED_FROM:0:7}
    changed=$(count_entries "$tmp/changed")
    if [[ -n $RULES_CHANGED ]]; then
      echo "brandlint: the rules file $RULES_CHANGED changed: checking all of ${PATHS[*]}"
      scope="The rules file \`$RULES_CHANGED\` changed, so all of the checked paths were checked, not only the changed files."
      args+=(-- "${PATHS[@]}")
    else
      echo "brandlint: checking the files changed since $short under ${PATHS[*]}: $changed"
      scope="Checked the files changed since \`$short\`."
      args+=(--files-from "$tmp/changed")
    fi
  else
    args+=(-- "${PATHS[@]}")
  fi

  local status=0
  "$brandlint" "${args[@]}" | tee "$tmp/log" || status=${PIPESTATUS[0]}

  if [[ $status != 0 && $status != 1 ]]; then
    # A usage error or a rules file brandlint cannot use: its message is above, and no
    # fail-on setting hides it.
    printf '### brandlint\n\nbrandlint could not run (exit status %s): the step'"'"'s log says why.\n' \
      "$status" >>"$summary_file"
    printf '::error title=brandlint::%s\n' \
      "$(escape_data "brandlint could not run (exit status $status); see the message above")"
    exit "$status"
  fi

  local counts
  counts=$(
    python3 - "$tmp/report.json" <<'PY'
import json, sys

with open(sys.argv[1], encoding="utf-8") as f:
    summary = json.load(f)["summary"]
print(summary["files"], summary["errors"], summary["warnings"], summary["infos"])
PY
  )
  local files errors warnings infos
  read -r files errors warnings infos <<<"$counts"
  local nothing_changed=false
  if [[ -n $base && -z $RULES_CHANGED && $files == 0 ]]; then
    nothing_changed=true
  fi
  {
    echo "errors=$errors"
    echo "warnings=$warnings"
    echo "infos=$infos"
    echo "sarif-file=$sarif"
  } >>"$output_file"

  {
    cat "$tmp/summary.md"
    local not_shown
    not_shown=$(grep -m1 '^brandlint: .* not shown as annotations ' "$tmp/log" || true)
    if [[ -n $not_shown ]]; then
      not_shown=${not_shown#brandlint: }
      not_shown=${not_shown%"in this log"}"in the step's log"
      printf '\n**%s**\n' "$not_shown"
    fi
    if [[ $nothing_changed == true ]]; then
      printf '\nNo changed file to check: nothing brandlint reads changed since %s.\n' \
        "\`${CHANGED_FROM:0:7}\`"
    elif [[ -n $scope ]]; then
      printf '\n%s\n' "$scope"
    fi
  } >>"$summary_file"
  if [[ $nothing_changed == true ]]; then
    echo "brandlint: no changed file to check: nothing brandlint reads changed since ${CHANGED_FROM:0:7}"
  fi

  if [[ $status == 1 ]]; then
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
