// Shell completion scripts for bash, zsh and fish, generated from the commander program so they
// list exactly the commands and flags that exist.
import type { Command } from "commander";
import { UsageError } from "../core/errors.js";

type Spec = { name: string; description: string; flags: string[] }[];

function specOf(program: Command): Spec {
  return program.commands.map((c) => ({
    name: c.name(),
    description: c.description().replace(/\s+/g, " "),
    flags: c.options.flatMap((o) => [o.short, o.long].filter((f): f is string => Boolean(f))).concat("--help"),
  }));
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export function completionScript(shell: string, program: Command): string {
  const spec = specOf(program);
  const names = spec.map((c) => c.name).join(" ");
  switch (shell) {
    case "bash":
      return `# bash completion for issuegraph: source <(issuegraph completion bash)
_issuegraph() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${quote(`${names} --help --version`)} -- "$cur"))
    return
  fi
  case "$cmd" in
${spec.map((c) => `    ${c.name}) COMPREPLY=($(compgen -W ${quote(c.flags.join(" "))} -- "$cur")) ;;`).join("\n")}
  esac
  [ \${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _issuegraph issuegraph
`;
    case "zsh":
      return `#compdef issuegraph
# zsh completion for issuegraph: issuegraph completion zsh > "\${fpath[1]}/_issuegraph"
_issuegraph() {
  local -a commands
  commands=(
${spec.map((c) => `    ${quote(`${c.name}:${c.description.replace(/:/g, "\\:")}`)}`).join("\n")}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case "$words[2]" in
${spec.map((c) => `    ${c.name}) _arguments '*:file:_files' ${c.flags.map((f) => quote(`${f}[${f}]`)).join(" ")} ;;`).join("\n")}
  esac
}
compdef _issuegraph issuegraph
`;
    case "fish":
      return `# fish completion for issuegraph: issuegraph completion fish > ~/.config/fish/completions/issuegraph.fish
complete -c issuegraph -f
${spec.map((c) => `complete -c issuegraph -n '__fish_use_subcommand' -a ${c.name} -d ${quote(c.description.slice(0, 80))}`).join("\n")}
${spec
  .flatMap((c) =>
    c.flags
      .filter((f) => f.startsWith("--"))
      .map((f) => `complete -c issuegraph -n '__fish_seen_subcommand_from ${c.name}' -l ${f.slice(2)}`),
  )
  .join("\n")}
`;
    default:
      throw new UsageError(`no completion for shell "${shell}"`, "Use bash, zsh or fish.");
  }
}
