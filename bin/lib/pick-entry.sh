# pick_entry ROOT PATH-WITHOUT-EXTENSION: prints node's arguments to run that entry point, from
# dist/ when the bundle is newer than every source file, else from source through tsx.
pick_entry() {
  local root="$1" entry="$2"
  if [ -f "$root/dist/$entry.js" ] && [ -f "$root/dist/.built" ] &&
    [ -z "$(find "$root/src" "$root/standin" -newer "$root/dist/.built" \( -name '*.ts' -o -name '*.tsx' \) -print -quit 2>/dev/null)" ]; then
    printf '%s\n' "$root/dist/$entry.js"
  else
    printf '%s\n' "--no-warnings=ExperimentalWarning" "--import" "file://$root/node_modules/tsx/dist/loader.mjs" "$root/$entry.ts"
  fi
}
