# Generates the man page and the bash, zsh and fish completions of the kubelint CLI from its own
# --help output, so they never drift from the flags the binary has. Run as a script:
#   cmake -DKUBELINT=path/to/kubelint -DOUT=dir -DVERSION=x.y.z -P GenerateCliDocs.cmake
# Writes OUT/kubelint.1, OUT/kubelint.bash, OUT/_kubelint and OUT/kubelint.fish.
cmake_minimum_required(VERSION 3.24)

function(help_of out_var)
  execute_process(COMMAND "${KUBELINT}" ${ARGN} --help OUTPUT_VARIABLE text
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "kubelint ${ARGN} --help failed (${rc}): ${err}")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# The long flags a help text lists ("  -f,--format TEXT ..." → --format).
function(flags_of out_var text)
  string(REGEX MATCHALL "\n  +(-[a-zA-Z],)?--[a-z][a-z0-9-]*(,--[a-z][a-z0-9-]*)?" lines "${text}")
  set(flags "")
  foreach(line IN LISTS lines)
    string(REGEX MATCHALL "--[a-z][a-z0-9-]*" names "${line}")
    list(APPEND flags ${names})
  endforeach()
  list(REMOVE_DUPLICATES flags)
  set(${out_var} "${flags}" PARENT_SCOPE)
endfunction()

# roff: backslashes doubled, a leading '.' or '\'' escaped, '-' as \- so man does not hyphenate.
function(roff out_var text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

set(commands lint rules explain config version)
set(config_commands init print)
list(JOIN commands " " command_words)
list(JOIN config_commands " " config_words)
help_of(top)
roff(top_roff "${top}")
set(man ".TH KUBELINT 1 \"\" \"kubelint ${VERSION}\" \"User Commands\"\n")
string(APPEND man ".SH NAME\nkubelint \\- find Kubernetes manifest problems before they reach a cluster\n")
string(APPEND man ".SH SYNOPSIS\n.B kubelint\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIPATHS\\fR...]\n")
string(APPEND man ".SH DESCRIPTION\nkubelint is an offline static analyzer for Kubernetes manifests. ")
string(APPEND man "It reports each problem at the file:line:column of the YAML node it is about, ")
string(APPEND man "with why it matters and how to fix it.\n.PP\n.nf\n${top_roff}.fi\n")
set(bash_cases "")
set(zsh_cases "")
set(fish "# fish completion for kubelint (generated from `kubelint --help` by GenerateCliDocs.cmake)\n")
string(APPEND fish "complete -c kubelint -f\n")
string(APPEND fish "complete -c kubelint -n __fish_use_subcommand -a '${command_words}'\n")
string(APPEND fish "complete -c kubelint -n __fish_use_subcommand -l help -d 'Print help'\n")
string(APPEND fish "complete -c kubelint -n __fish_use_subcommand -l version -d 'Print the version'\n")
foreach(cmd IN LISTS commands)
  set(helps "${cmd}")
  if(cmd STREQUAL "config")
    foreach(sub IN LISTS config_commands)
      list(APPEND helps "config ${sub}")
    endforeach()
  endif()
  set(cmd_flags "")
  foreach(h IN LISTS helps)
    separate_arguments(args UNIX_COMMAND "${h}")
    help_of(text ${args})
    roff(text_roff "${text}")
    string(TOUPPER "${h}" title)
    string(APPEND man ".SH \"KUBELINT ${title}\"\n.nf\n${text_roff}.fi\n")
    flags_of(f "${text}")
    list(APPEND cmd_flags ${f})
  endforeach()
  list(REMOVE_DUPLICATES cmd_flags)
  list(JOIN cmd_flags " " flat)
  string(APPEND bash_cases "    ${cmd}) opts=\"${flat}\" ;;\n")
  string(APPEND zsh_cases "    ${cmd}) opts=(${flat}) ;;\n")
  foreach(flag IN LISTS cmd_flags)
    string(SUBSTRING "${flag}" 2 -1 long)
    set(values "")
    if(cmd STREQUAL "lint" AND long STREQUAL "format")
      set(values " -x -a 'text grouped json sarif github junit gitlab'")
    elseif(long STREQUAL "fail-on")
      set(values " -x -a 'error warning info none'")
    elseif(long STREQUAL "column-unit")
      set(values " -x -a 'char byte utf16'")
    elseif(long STREQUAL "color")
      set(values " -x -a 'auto always never'")
    elseif(long MATCHES "^(config|output|baseline|write-baseline|context|context-root|ignore)$")
      set(values " -r -F")
    endif()
    string(APPEND fish "complete -c kubelint -n '__fish_seen_subcommand_from ${cmd}' -l ${long}${values}\n")
  endforeach()
endforeach()
string(APPEND fish "complete -c kubelint -n '__fish_seen_subcommand_from lint' -F\n")
string(APPEND fish "complete -c kubelint -n '__fish_seen_subcommand_from config' -a '${config_words}'\n")
string(APPEND fish "complete -c kubelint -n '__fish_seen_subcommand_from explain' -a '(kubelint rules --no-config 2>/dev/null | string match -r \"^[a-z0-9-]+\" | string match -v RULE)'\n")
string(APPEND man ".SH \"EXIT STATUS\"\n.TP\n0\nno finding at or above \\-\\-fail\\-on (default warning)\n")
string(APPEND man ".TP\n1\nfindings at or above \\-\\-fail\\-on\n.TP\n2\nusage or configuration error\n")
string(APPEND man ".TP\n3\nsome input could not be read or parsed, or nothing was linted\n")
string(APPEND man ".SH FILES\n.TP\n.kubelint.yaml\nthe configuration, found by walking up from the working directory\n")
string(APPEND man ".SH \"SEE ALSO\"\n\\fBkubelint explain\\fR \\fIRULE\\fR for a rule's documentation; ")
string(APPEND man "/usr/share/doc/kubelint/ for the guides.\n")
file(WRITE "${OUT}/kubelint.1" "${man}")

file(WRITE "${OUT}/kubelint.bash" "# bash completion for kubelint (generated from `kubelint --help` by GenerateCliDocs.cmake)
_kubelint() {
  local cur=\"\${COMP_WORDS[COMP_CWORD]}\" prev=\"\${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\${COMP_WORDS[1]}\" opts=\"\"
  if [ \"\$COMP_CWORD\" -eq 1 ]; then
    COMPREPLY=(\$(compgen -W \"${command_words} --help --version\" -- \"\$cur\"))
    return
  fi
  case \"\$prev\" in
    -f|--format) [ \"\$cmd\" = lint ] && COMPREPLY=(\$(compgen -W \"text grouped json sarif github junit gitlab\" -- \"\$cur\")) && return ;;
    --fail-on) COMPREPLY=(\$(compgen -W \"error warning info none\" -- \"\$cur\")); return ;;
    --column-unit) COMPREPLY=(\$(compgen -W \"char byte utf16\" -- \"\$cur\")); return ;;
    --color) COMPREPLY=(\$(compgen -W \"auto always never\" -- \"\$cur\")); return ;;
  esac
  case \"\$cmd\" in
${bash_cases}  esac
  if [[ \"\$cur\" == -* ]]; then
    COMPREPLY=(\$(compgen -W \"\$opts\" -- \"\$cur\"))
  elif [ \"\$cmd\" = explain ]; then
    COMPREPLY=(\$(compgen -W \"\$(kubelint rules --no-config 2>/dev/null | awk 'NR>1 {print \$1}')\" -- \"\$cur\"))
  elif [ \"\$cmd\" = config ] && [ \"\$COMP_CWORD\" -eq 2 ]; then
    COMPREPLY=(\$(compgen -W \"${config_words}\" -- \"\$cur\"))
  else
    COMPREPLY=(\$(compgen -f -- \"\$cur\"))
  fi
}
complete -o filenames -F _kubelint kubelint
")
file(WRITE "${OUT}/_kubelint" "#compdef kubelint
# zsh completion for kubelint (generated from `kubelint --help` by GenerateCliDocs.cmake)
_kubelint() {
  local -a opts
  if (( CURRENT == 2 )); then
    compadd -- ${command_words} --help --version
    return
  fi
  case \$words[2] in
${zsh_cases}  esac
  if [[ \$PREFIX == -* ]]; then
    compadd -- \$opts
  elif [[ \$words[2] == explain ]]; then
    compadd -- \${(f)\"\$(kubelint rules --no-config 2>/dev/null | awk 'NR>1 {print \$1}')\"}
  else
    _files
  fi
}
_kubelint \"\$@\"
")
file(WRITE "${OUT}/kubelint.fish" "${fish}")
